"""``/corrections/``: every correction, clarification and editor's note, newest first, and its feeds."""

import hashlib

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Count, Max
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.http import require_safe

from masthead.corrections.history import compare, published_versions
from masthead.corrections.models import Correction, HiddenHistory
from masthead.distribution.links import absolute
from masthead.newsroom.models import ArticlePage, paginate, public
from masthead.newsroom.routing import build_urls_from_memory

FEED_LENGTH = 30
FORMATS = ("rss", "atom", "json")


def published_corrections():
    """Corrections of articles a reader can see (a draft's or a restricted article's stay private)."""
    articles = public(ArticlePage.objects.live()).values("pk")
    return Correction.objects.filter(article__in=articles).select_related("article").order_by("-made_at", "-pk")


def with_article_urls(request, corrections):
    corrections = list(corrections)
    build_urls_from_memory(request, [c.article for c in corrections])
    for correction in corrections:
        correction.article_url = correction.article.get_url(request) or "/"
    return corrections


@require_safe
def log(request):
    page = paginate(request, published_corrections(), per_page=30)
    return TemplateResponse(
        request,
        "corrections/log.html",
        {"corrections": with_article_urls(request, page.object_list), "page_obj": page, "title": "Corrections"},
    )


def item_title(correction):
    prefix = "Withdrawn: " if correction.is_withdrawn else ""
    return f"{prefix}{correction.get_kind_display()}: {correction.article.title}"


def item_text(correction):
    if correction.is_withdrawn:
        return f"Withdrawn on {correction.withdrawn_at:%d %B %Y}. Reason: {correction.withdrawn_reason}"
    return correction.text


DESCRIPTION = "Every correction, clarification and editor's note, newest first."


def feed_title():
    return f"Corrections · {settings.WAGTAIL_SITE_NAME}"


class CorrectionsFeed(Feed):
    feed_type = Rss201rev2Feed
    fmt = "rss"

    def title(self):
        return feed_title()

    def description(self):
        return DESCRIPTION

    subtitle = description

    def __call__(self, request, *args, **kwargs):
        self.request = request  # one instance per request (see FEED_VIEWS below)
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return absolute(reverse("corrections:log"))

    def feed_url(self):
        return absolute(reverse("corrections:feed", args=[self.fmt]))

    def author_name(self):
        return settings.WAGTAIL_SITE_NAME

    @property
    def language(self):
        return settings.MASTHEAD_NEWSROOM_LANGUAGE

    def items(self):
        return with_article_urls(self.request, published_corrections()[:FEED_LENGTH])

    def item_title(self, correction):
        return item_title(correction)

    def item_description(self, correction):
        return item_text(correction)

    def item_link(self, correction):
        return absolute(f"{correction.article_url}#{correction.anchor}")

    def item_guid(self, correction):
        return absolute(reverse("corrections:log")) + f"#{correction.anchor}"

    item_guid_is_permalink = False

    def item_pubdate(self, correction):
        return correction.made_at

    def item_updateddate(self, correction):
        return correction.updated_at


class AtomCorrectionsFeed(CorrectionsFeed):
    feed_type = Atom1Feed
    fmt = "atom"


def json_feed(request):
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed_title(),
        "home_page_url": absolute(reverse("corrections:log")),
        "feed_url": absolute(reverse("corrections:feed", args=["json"])),
        "description": DESCRIPTION,
        "language": settings.MASTHEAD_NEWSROOM_LANGUAGE,
        "authors": [{"name": settings.WAGTAIL_SITE_NAME, "url": absolute("/")}],
        "items": [
            {
                "id": absolute(reverse("corrections:log")) + f"#{c.anchor}",
                "url": absolute(f"{c.article_url}#{c.anchor}"),
                "title": item_title(c),
                "content_text": item_text(c),
                "date_published": c.made_at.isoformat(),
                "date_modified": c.updated_at.isoformat(),
            }
            for c in with_article_urls(request, published_corrections()[:FEED_LENGTH])
        ],
    }


@require_safe
def feed(request, fmt):
    if fmt not in FORMATS:
        raise Http404("No such feed.")
    state = published_corrections().aggregate(count=Count("pk"), changed=Max("updated_at"))
    etag = '"' + hashlib.sha256(repr((fmt, state)).encode()).hexdigest()[:32] + '"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    if fmt == "json":
        response = JsonResponse(
            json_feed(request),
            content_type="application/feed+json; charset=utf-8",
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        view = AtomCorrectionsFeed() if fmt == "atom" else CorrectionsFeed()
        response = view(request)
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    return response


def version_number(value, versions):
    """The version a reader picked (1-based), or None when it is not one of the article's published versions."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) < 6 and 1 <= int(value) <= len(versions):
        return versions[int(value) - 1]
    return None


@require_safe
def changes(request, page_id):
    """An article's published versions and, for two of them, what changed word by word."""
    article = public(ArticlePage.objects.live()).filter(pk=page_id).first()
    if article is None:
        raise Http404("No such article.")
    versions = published_versions(article)
    hidden = HiddenHistory.objects.filter(article_id=article.pk).first()
    context = {"article": article, "versions": versions, "hidden": hidden, "title": f"What changed: {article.title}"}
    status = 200
    if hidden is None and len(versions) > 1:
        old = version_number(request.GET.get("from", str(len(versions) - 1)), versions)
        new = version_number(request.GET.get("to", str(len(versions))), versions)
        if old is None or new is None:
            context["problem"] = f"Pick two versions between 1 and {len(versions)}."
            status = 400
        else:
            context.update(old=old, new=new, diff=compare(old.revision_id, new.revision_id))
    return TemplateResponse(request, "corrections/changes.html", context, status=status)
