"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the whole site and for each section, author and tag.

RSS and Atom use Django's syndication framework; JSON Feed is a small view over the same entries. A feed is
rendered once per publish version and kept in each process's memory, with its ETag and Last-Modified (from one
cheap query over the entries shown), so a reader polling an unchanged feed gets a 304 or the same bytes without a
query.
"""

import hashlib
import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from taggit.models import Tag
from wagtail.models import Page, Site

from masthead.distribution.links import absolute, absolutize_html, page_path
from masthead.newsroom.models import ArticlePage, Author, SectionPage, listable
from masthead.newsroom.publish_version import remembered

FEED_LENGTH = 20
FORMATS = ("rss", "atom", "json")
SCOPES = ("section", "author", "tag")


def full_content() -> bool:
    """``MASTHEAD_FEED_CONTENT=excerpt`` sends standfirsts only; anything else sends whole articles."""
    return getattr(settings, "MASTHEAD_FEED_CONTENT", "full").strip().lower() != "excerpt"


@dataclass
class Scope:
    """What one feed covers: its title, the page it mirrors and the articles in it."""

    kind: str
    slug: str
    title: str
    path: str
    description: str
    articles: QuerySet
    root_url_path: str

    def feed_url(self, fmt):
        if self.kind == "site":
            return absolute(reverse("distribution:site_feed", args=[fmt]))
        return absolute(reverse("distribution:feed", args=[self.kind, self.slug, fmt]))


def site_root(request):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise Http404("This newsroom has no site yet.")
    return site.root_page


def resolve_scope(request, kind="site", slug="") -> Scope:
    root = site_root(request)
    site_name = settings.WAGTAIL_SITE_NAME
    articles = ArticlePage.objects.descendant_of(root)
    if kind == "site":
        return Scope(kind, "", site_name, "/", f"The latest from {site_name}.", articles, root.url_path)
    if kind == "section":
        section = SectionPage.objects.child_of(root).live().public().filter(slug=slug).first()
        if section is None:
            raise Http404("No such section.")
        return Scope(
            kind,
            slug,
            f"{section.title} · {site_name}",
            page_path(section.url_path, root.url_path),
            section.description or f"The latest in {section.title}.",
            articles.child_of(section),
            root.url_path,
        )
    if kind == "author":
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            raise Http404("No such author.")
        return Scope(
            kind,
            slug,
            f"{author.name} · {site_name}",
            author.get_absolute_url(),
            author.role or f"Articles by {author.name}.",
            articles.filter(article_authors__author=author),
            root.url_path,
        )
    if kind == "tag":
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("No such tag.")
        return Scope(
            kind,
            slug,
            f"{tag.name} · {site_name}",
            reverse("newsroom:tag", args=[tag.slug]),
            f"Articles tagged {tag.name}.",
            articles.filter(tags=tag),
            root.url_path,
        )
    raise Http404("No such feed.")


def feed_entries(scope: Scope):
    """The newest articles of a scope with their section title and tags attached, in a fixed number of queries."""
    articles = list(listable(scope.articles).prefetch_related("tagged_items__tag")[:FEED_LENGTH])
    parent_paths = {article.path[: -ArticlePage.steplen] for article in articles}
    sections = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    for article in articles:
        article.feed_section = sections.get(article.path[: -ArticlePage.steplen], "")
        article.feed_tags = [item.tag.name for item in article.tagged_items.all()]
        article.feed_url = absolute(page_path(article.url_path, scope.root_url_path))
    return articles


def feed_state(scope: Scope, fmt: str):
    """(ETag, last-modified) of a feed from the ids and times of its entries, without rendering it."""
    rows = list(listable(scope.articles).values_list("pk", "last_published_at", "first_published_at")[:FEED_LENGTH])
    fingerprint = repr((fmt, full_content(), scope.title, rows)).encode()
    etag = '"' + hashlib.sha256(fingerprint).hexdigest()[:32] + '"'
    times = [last or first for _, last, first in rows if last or first]
    return etag, max(times) if times else None


def article_html(article) -> str:
    return absolutize_html(str(article.body.render_as_block()))


def hero_enclosure(article):
    image = article.hero_image
    if image is None:
        return None
    length = image.file_size
    if length is None:
        try:
            length = image.file.size
        except OSError:
            length = 0
    return Enclosure(absolute(image.file.url), str(length), mimetypes.guess_type(image.file.name)[0] or "image/jpeg")


# --- RSS and Atom through Django's syndication framework


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 with the whole article in ``content:encoded`` (the description stays the standfirst)."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    """Atom 1.0 with the whole article in ``<content type="html">`` and one ``<author>`` per author."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, uri in item.get("more_authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", uri)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ArticleFeed(Feed):
    feed_type = RssWithContent
    fmt = "rss"

    def get_object(self, request, scope):
        scope.entries = feed_entries(scope)  # on the scope, not on this instance: one Feed serves every request
        return scope

    def title(self, scope):
        return scope.title

    def link(self, scope):
        return absolute(scope.path)

    def feed_url(self, scope):
        return scope.feed_url(self.fmt)

    def feed_guid(self, scope):
        return scope.feed_url(self.fmt)

    def description(self, scope):
        return scope.description

    def subtitle(self, scope):
        return scope.description

    @property
    def language(self):  # Django reads this as a plain attribute
        return settings.MASTHEAD_NEWSROOM_LANGUAGE

    def feed_copyright(self):
        return f"© {settings.WAGTAIL_SITE_NAME}"

    def items(self, scope):
        return scope.entries

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return strip_tags(article.standfirst)

    def item_link(self, article):
        return article.feed_url

    def item_guid(self, article):
        return article.feed_url

    item_guid_is_permalink = True

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at or article.first_published_at

    def item_author_name(self, article):
        names = [author.name for author in article.authors]
        if self.fmt == "atom":
            return names[0] if names else None
        return ", ".join(names) or None

    def item_author_link(self, article):
        authors = article.authors
        return absolute(authors[0].get_absolute_url()) if authors and self.fmt == "atom" else None

    def item_categories(self, article):
        return [name for name in [article.feed_section, *article.feed_tags] if name]

    def item_enclosures(self, article):
        enclosure = hero_enclosure(article)
        return [enclosure] if enclosure else []

    def item_extra_kwargs(self, article):
        extra = {}
        if full_content():
            extra["content_html"] = article_html(article)
        if self.fmt == "atom":
            extra["more_authors"] = [(a.name, absolute(a.get_absolute_url())) for a in article.authors[1:]]
        return extra


class AtomArticleFeed(ArticleFeed):
    feed_type = AtomWithContent
    fmt = "atom"


def json_feed(scope: Scope):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    items = []
    full = full_content()
    for article in feed_entries(scope):
        item = {
            "id": article.feed_url,
            "url": article.feed_url,
            "title": article.title,
            "summary": strip_tags(article.standfirst),
            "date_published": article.first_published_at.isoformat(),
            "date_modified": (article.last_published_at or article.first_published_at).isoformat(),
            "authors": [{"name": a.name, "url": absolute(a.get_absolute_url())} for a in article.authors],
            "tags": [name for name in [article.feed_section, *article.feed_tags] if name],
            "language": article.language,
        }
        if full:
            item["content_html"] = article_html(article)
        else:
            item["content_text"] = strip_tags(article.standfirst)
        if article.hero_image:
            item["image"] = absolute(article.hero_image.file.url)
        items.append(item)
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "home_page_url": absolute(scope.path),
        "feed_url": scope.feed_url("json"),
        "description": scope.description,
        "language": settings.MASTHEAD_NEWSROOM_LANGUAGE,
        "icon": absolute(reverse("distribution:social_card")),
        "favicon": absolute(reverse("distribution:logo")),
        "authors": [{"name": settings.WAGTAIL_SITE_NAME, "url": absolute("/")}],
        "items": items,
    }


FEED_VIEWS = {"rss": ArticleFeed(), "atom": AtomArticleFeed()}


@dataclass
class RenderedFeed:
    etag: str
    timestamp: int | None
    content_type: str
    body: bytes


def render_feed(request, fmt, kind, slug) -> RenderedFeed:
    scope = resolve_scope(request, kind, slug)
    etag, last_modified = feed_state(scope, fmt)
    if fmt == "json":
        response = JsonResponse(
            json_feed(scope),
            content_type="application/feed+json; charset=utf-8",
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = FEED_VIEWS[fmt](request, scope=scope)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    return RenderedFeed(etag, timestamp, response["Content-Type"], response.content)


@require_safe
def feed(request, fmt, kind="site", slug=""):
    """A feed as rendered once under the publish version (which every change to what it shows moves)."""
    if fmt not in FORMATS or (kind != "site" and kind not in SCOPES):
        raise Http404("No such feed.")
    rendered = remembered(
        request, "feed", lambda: render_feed(request, fmt, kind, slug), fmt, kind, slug, full_content()
    )
    not_modified = get_conditional_response(request, etag=rendered.etag, last_modified=rendered.timestamp)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(rendered.body, content_type=rendered.content_type)
    response["ETag"] = rendered.etag
    if rendered.timestamp is not None:
        response["Last-Modified"] = http_date(rendered.timestamp)
    response["Cache-Control"] = "public, max-age=300"
    return response
