"""Podcast feeds (RSS 2.0 with the iTunes tags Apple Podcasts and Spotify require) of narrated articles."""

from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseNotAllowed
from django.templatetags.static import static
from django.utils.cache import patch_response_headers
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Page, Site

from masthead.distribution.links import absolute, page_path
from masthead.narration.models import Narration, itunes_duration
from masthead.newsroom.models import ArticlePage, SectionPage

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
FEED_ITEMS = 100
FEED_CACHE_SECONDS = 15 * 60
COVER_IMAGE = "narration/podcast-cover.png"  # 1400x1400, the smallest size Apple accepts


class PodcastFeedGenerator(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["owner_name"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:image", None, {"href": feed["image_url"]})
        handler.addQuickElement("itunes:category", None, {"text": "News"})
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["owner_name"])
        handler.addQuickElement("itunes:email", feed["owner_email"])
        handler.endElement("itunes:owner")
        handler.startElement("image", {})
        handler.addQuickElement("url", feed["image_url"])
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", feed["link"])
        handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["duration"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:episodeType", "full")
        handler.addQuickElement("itunes:summary", item["description"])


@dataclass
class Scope:
    request: object
    root: Page
    section: SectionPage | None = None


def owner_email() -> str:
    return settings.MASTHEAD_PODCAST_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "newsroom@localhost"


class PodcastFeed(Feed):
    feed_type = PodcastFeedGenerator

    def __call__(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"], "Podcast feeds can only be read (GET).")
        response = super().__call__(request, *args, **kwargs)
        patch_response_headers(response, FEED_CACHE_SECONDS)
        return response

    def get_object(self, request, section_slug=None):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404("No site is set up at this address.")
        scope = Scope(request=request, root=site.root_page)
        if section_slug is not None:
            scope.section = (
                SectionPage.objects.live().public().descendant_of(site.root_page).filter(slug=section_slug).first()
            )
            if scope.section is None:
                raise Http404("No section has this address.")
        return scope

    def title(self, scope):
        name = settings.WAGTAIL_SITE_NAME
        return f"{name}: {scope.section.title}, read aloud" if scope.section else f"{name}, read aloud"

    def link(self, scope):
        return absolute(page_path((scope.section or scope.root).url_path, scope.root.url_path))

    def description(self, scope):
        where = (
            f"the {scope.section.title} section of {settings.WAGTAIL_SITE_NAME}"
            if scope.section
            else settings.WAGTAIL_SITE_NAME
        )
        return f"Articles from {where}, read by an AI voice (generated offline from the published text)."

    def feed_extra_kwargs(self, scope):
        return {
            "owner_name": settings.WAGTAIL_SITE_NAME,
            "owner_email": owner_email(),
            "image_url": absolute(static(COVER_IMAGE)),
        }

    def items(self, scope):
        articles = ArticlePage.objects.live().public().descendant_of(scope.section or scope.root)
        items = list(
            articles.filter(narration__status=Narration.Status.READY)
            .exclude(narration__audio="")
            .select_related("narration")
            .prefetch_related("article_authors__author")
            .order_by("-first_published_at", "-pk")[:FEED_ITEMS]
        )
        for article in items:  # every address from MASTHEAD_BASE_URL, whichever host the request came in on
            article.enclosure_url = absolute(article.narration.audio.url)
            article.feed_link = absolute(page_path(article.url_path, scope.root.url_path))
        return items

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.standfirst

    def item_link(self, article):
        return article.feed_link

    def item_guid(self, article):
        return f"masthead-narration-{article.pk}-{article.narration.text_hash[:16]}"

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.first_published_at

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.authors)

    def item_enclosure_url(self, article):
        return article.enclosure_url

    def item_enclosure_length(self, article):
        return article.narration.audio_size

    item_enclosure_mime_type = "audio/mpeg"

    def item_extra_kwargs(self, article):
        return {"duration": itunes_duration(article.narration.duration)}
