"""A live page's entries as RSS 2.0, Atom 1.0 and JSON Feed 1.1, through distribution's feed classes.

Answered with an ETag from the entries' state (one query), so a feed reader polling an unchanged story gets a 304.
"""

import hashlib

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from masthead.caching.page_memory import keep_only_while
from masthead.distribution.feeds import AtomWithContent, RssWithContent
from masthead.distribution.links import absolute, absolutize_html
from masthead.live.models import entries_state
from masthead.live.page_version import page_version, version_key
from masthead.live.views import live_page_or_404

FEED_LENGTH = 30
FORMATS = ("rss", "atom", "json")


def feed_url(page, fmt):
    return absolute(reverse("live:feed", args=[page.pk, fmt]))


def entry_title(entry):
    return entry.headline or entry.first_words()


def entry_html(entry):
    return absolutize_html(str(entry.body.render_as_block()))


class LiveEntriesFeed(Feed):
    feed_type = RssWithContent
    fmt = "rss"

    def get_object(self, request, page):
        page.feed_entries = list(page.published_entries()[:FEED_LENGTH])
        page.feed_page_url = absolute(page.get_url(request) or "/")
        return page

    def title(self, page):
        return f"{page.title} · live · {settings.WAGTAIL_SITE_NAME}"

    def link(self, page):
        return page.feed_page_url

    def feed_url(self, page):
        return feed_url(page, self.fmt)

    def description(self, page):
        return page.standfirst

    subtitle = description

    def author_name(self, page):  # entries without a byline are the newsroom's
        return settings.WAGTAIL_SITE_NAME

    @property
    def language(self):
        return settings.MASTHEAD_NEWSROOM_LANGUAGE

    def items(self, page):
        for entry in page.feed_entries:
            entry.feed_link = f"{page.feed_page_url}#{entry.anchor}"
        return page.feed_entries

    def item_title(self, entry):
        return entry_title(entry)

    def item_description(self, entry):
        return entry.first_words(60)

    def item_link(self, entry):
        return entry.feed_link

    def item_guid(self, entry):
        return entry.feed_link

    def item_pubdate(self, entry):
        return entry.posted_at

    def item_updateddate(self, entry):
        return entry.updated_at

    def item_author_name(self, entry):
        return ", ".join(author.name for author in entry.authors.all()) or None

    def item_extra_kwargs(self, entry):
        return {"content_html": entry_html(entry)}


class AtomLiveEntriesFeed(LiveEntriesFeed):
    feed_type = AtomWithContent
    fmt = "atom"


FEED_VIEWS = {"rss": LiveEntriesFeed(), "atom": AtomLiveEntriesFeed()}


def json_feed(request, page):
    page_url = absolute(page.get_url(request) or "/")
    items = [
        {
            "id": f"{page_url}#{entry.anchor}",
            "url": f"{page_url}#{entry.anchor}",
            "title": entry_title(entry),
            "content_html": entry_html(entry),
            "summary": entry.first_words(60),
            "date_published": entry.posted_at.isoformat(),
            "date_modified": entry.updated_at.isoformat(),
            "authors": [{"name": a.name, "url": absolute(a.get_absolute_url())} for a in entry.authors.all()],
        }
        for entry in page.published_entries()[:FEED_LENGTH]
    ]
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{page.title} · live · {settings.WAGTAIL_SITE_NAME}",
        "home_page_url": page_url,
        "feed_url": feed_url(page, "json"),
        "description": page.standfirst,
        "language": page.language,
        "authors": [{"name": settings.WAGTAIL_SITE_NAME, "url": absolute("/")}],
        "items": items,
    }


@require_safe
def feed(request, page_id, fmt):
    if fmt not in FORMATS:
        raise Http404("No such feed.")
    page = live_page_or_404(page_id, request)
    keep_only_while(request, version_key(page.pk), lambda: page_version(page.pk))  # page memory: see views.updates
    fingerprint = repr((fmt, page.pk, page.last_published_at, entries_state(page))).encode()
    etag = '"' + hashlib.sha256(fingerprint).hexdigest()[:32] + '"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    if fmt == "json":
        response = JsonResponse(
            json_feed(request, page),
            content_type="application/feed+json; charset=utf-8",
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        rendered = FEED_VIEWS[fmt](request, page=page)
        response = HttpResponse(rendered.content, content_type=rendered["Content-Type"])
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=30"
    return response
