"""Sitemap index, paginated child sitemaps, the Google News sitemap and robots.txt.

Wagtail's own sitemap loads every page object; these page through ``values()`` rows instead, so a newsroom
with 100,000 articles gets its sitemaps from a handful of indexed queries and no page objects. The index is built
once per publish version (it counts every child sitemap); the articles sitemap, 50,000 addresses a page, is
streamed row by row, so its first byte leaves before its last row is read.
"""

import hashlib
import html
from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap_view
from django.db.models import F, Max
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe
from taggit.models import Tag
from wagtail.models import Page

from masthead.distribution.links import absolute, base_url, default_site, page_path, split_base
from masthead.newsroom.models import ArticlePage, Author
from masthead.newsroom.publish_version import lists_version, remembered

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs a news sitemap


def _root():
    site = default_site()
    if site is None:
        raise Http404("This newsroom has no site yet.")
    return site.root_page


class BaseSitemap(Sitemap):
    """Absolute addresses from MASTHEAD_BASE_URL, whatever host the crawler asked."""

    limit = 50_000

    def get_protocol(self, protocol=None):
        return split_base()[0]

    def get_domain(self, site=None):
        return split_base()[1]

    def lastmod(self, item):
        return item["lastmod"]


class PageRowsSitemap(BaseSitemap):
    """Wagtail pages as ``values()`` rows; ``location`` comes from ``url_path`` without loading pages."""

    def location(self, item):
        return page_path(item["url_path"], self.root_url_path)

    def rows(self, root):
        raise NotImplementedError

    def items(self):
        root = _root()
        self.root_url_path = root.url_path
        return self.rows(root)


class ArticleSitemap(PageRowsSitemap):
    changefreq = "weekly"

    def rows(self, root):
        return (
            ArticlePage.objects.descendant_of(root)
            .live()
            .public()
            .values("url_path", lastmod=F("last_published_at"))
            .order_by("pk")
        )

    def get_latest_lastmod(self):
        return latest_under(_root().path)


class PageSitemap(PageRowsSitemap):
    """The front page and the sections: the few live pages that are not articles."""

    changefreq = "hourly"

    def items(self):
        return self._rows  # one build per sitemap: the index asks for the count and the newest change

    @cached_property
    def _rows(self):
        return super().items()

    def rows(self, root):
        pages = (
            Page.objects.descendant_of(root, inclusive=True)
            .live()
            .public()
            .not_type(ArticlePage)
            .values("path", "url_path", "last_published_at")
            .order_by("path")
        )
        # A section changes whenever an article is published in it, so its newest article dates it.
        return [
            {
                "url_path": row["url_path"],
                "lastmod": max(filter(None, [row["last_published_at"], latest_under(row["path"])]), default=None),
            }
            for row in pages
        ]

    def get_latest_lastmod(self):
        return max((item["lastmod"] for item in self.items() if item["lastmod"]), default=None)


def latest_under(path):
    """When the newest live article under ``path`` was last published.

    From Wagtail's page table alone, so PostgreSQL reads the newest entries of the ``last_published_at`` index
    (migration 0009) until one is under ``path``: ~0.1 ms, where the join with the article table read a whole
    section (35-60 ms at 100,000 articles, once per section in the sitemap index).
    """
    articles = Page.objects.live().type(ArticlePage).filter(path__startswith=path)
    return articles.aggregate(latest=Max("last_published_at"))["latest"]


class AuthorSitemap(BaseSitemap):
    changefreq = "daily"

    def items(self):
        return self._rows  # one query per sitemap (an aggregate over every byline): count and newest change

    @cached_property
    def _rows(self):
        return list(self.rows())

    def rows(self):
        return (
            Author.objects.filter(article_links__article__live=True)
            .values("slug")
            .annotate(lastmod=Max("article_links__article__last_published_at"))
            .order_by("slug")
        )

    def location(self, item):
        return reverse("newsroom:author", args=[item["slug"]])

    def get_latest_lastmod(self):
        return max((item["lastmod"] for item in self.items() if item["lastmod"]), default=None)


class TagSitemap(AuthorSitemap):
    def rows(self):
        return (
            Tag.objects.filter(newsroom_articletag_items__content_object__live=True)
            .values("slug")
            .annotate(lastmod=Max("newsroom_articletag_items__content_object__last_published_at"))
            .order_by("slug")
        )

    def location(self, item):
        return reverse("newsroom:tag", args=[item["slug"]])


SITEMAPS = {"articles": ArticleSitemap, "pages": PageSitemap, "authors": AuthorSitemap, "tags": TagSitemap}


def _xml(body):
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_safe
def sitemap_index(request):
    """One entry per page of each child sitemap, with the newest change in each; built once per publish version."""
    return _remembered_xml(request, "sitemap-index", _render_index)


def _render_index():
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        paginator = sitemap.paginator  # a new Paginator each time it is asked for: one count, not two
        pages = paginator.num_pages
        if not paginator.count:
            continue
        lastmod = sitemap.get_latest_lastmod()
        location = absolute(reverse("distribution:sitemap", args=[section]))
        for number in range(1, pages + 1):
            entries.append({"location": location if number == 1 else f"{location}?p={number}", "lastmod": lastmod})
    return render_to_string("distribution/sitemap_index.xml", {"entries": entries})


@require_safe
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    if SITEMAPS[section] is ArticleSitemap:
        return streamed_sitemap(ArticleSitemap(), _page_number(request))
    return django_sitemap_view(request, {section: SITEMAPS[section]}, section=section)


def _page_number(request) -> int:
    number = request.GET.get("p", "1")
    if not number.isdigit() or int(number) < 1:
        raise Http404("No such sitemap page.")
    return int(number)


def streamed_sitemap(sitemap, number):
    """One page of a rows sitemap, written as the rows arrive (the same XML Django's sitemap view renders)."""
    rows = sitemap.items()[(number - 1) * sitemap.limit : number * sitemap.limit].iterator(chunk_size=2000)
    first = next(rows, None)
    if first is None and number > 1:
        raise Http404("No such sitemap page.")
    base = f"{sitemap.get_protocol()}://{sitemap.get_domain()}"

    def entry(row):
        lastmod = f"<lastmod>{row['lastmod']:%Y-%m-%d}</lastmod>" if row["lastmod"] else ""
        location = html.escape(base + sitemap.location(row))
        return f"<url><loc>{location}</loc>{lastmod}<changefreq>{sitemap.changefreq}</changefreq></url>\n"

    def document():
        yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        if first is not None:
            yield entry(first)
            batch = []
            for row in rows:
                batch.append(entry(row))
                if len(batch) == 500:
                    yield "".join(batch)
                    batch = []
            yield "".join(batch)
        yield "</urlset>\n"

    response = StreamingHttpResponse(document(), content_type="application/xml; charset=utf-8")
    # A streamed body has no digest to tag; the publish version moves whenever any article changes.
    response["ETag"] = f'"sitemap-{lists_version()}-{number}"'
    return response


def news_rows(root) -> list[dict]:
    """The news sitemap's articles, newest first: those of the last 48 hours and every running live story.

    Two queries, each on an index (publication time; the running live stories'): one ``OR`` across the two tables
    read every article at 100,000.
    """
    since = timezone.now() - NEWS_WINDOW
    articles = ArticlePage.objects.descendant_of(root).live().public().order_by("-first_published_at", "-pk")
    columns = ("pk", "url_path", "title", "first_published_at")
    recent = list(articles.filter(first_published_at__gte=since).values(*columns)[:NEWS_LIMIT])
    # A running live story stays in while it runs, however long ago it started.
    running = list(articles.filter(kind=ArticlePage.Kind.LIVE, first_published_at__lt=since).values(*columns))
    newest_first = sorted(recent + running, key=lambda row: (row["first_published_at"], row["pk"]), reverse=True)
    return newest_first[:NEWS_LIMIT]


@require_safe
def news_sitemap(request):
    """Google News: articles published in the last 48 hours and running live stories, newest first, at most 1,000.

    Built once per publish version (and at most ``MASTHEAD_LIST_CACHE_SECONDS`` old, so an article leaves it within
    minutes of turning 48 hours old even when nothing is published).
    """
    return _remembered_xml(request, "news-sitemap", _render_news_sitemap)


def _remembered_xml(request, name, render):
    """An XML response remembered as its bytes and ETag: at 100,000 articles the news sitemap is ~200 KB, and
    decoding a remembered string and hashing it for the ETag on every request cost more than the rest of it."""
    body, etag = remembered(request, name, lambda: _encoded_with_etag(render()))
    response = _xml(body)
    response["ETag"] = etag
    return response


def _encoded_with_etag(text):
    body = text.encode()
    return body, f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'  # what ConditionalGetMiddleware sends


NEWS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
)


def _render_news_sitemap():
    """The news sitemap's XML, written in Python: Django's template loop took ~40 ms for 600 articles.

    Per URL only string work (the base address, root path and time zone looked up once, the standard library's
    ``html.escape``, which Django's ``escape`` wraps for lazy strings): a newsroom publishing 300 articles a day
    lists ~600 URLs, and Django's helpers per URL were about half of the page's time.
    """
    root = _root()
    base, root_path, zone = base_url(), root.url_path, timezone.get_current_timezone()
    publication = (
        f"<news:publication><news:name>{html.escape(settings.WAGTAIL_SITE_NAME)}</news:name>"
        f"<news:language>{html.escape(settings.MASTHEAD_NEWSROOM_LANGUAGE)}</news:language></news:publication>"
    )
    entries = [
        f"<url><loc>{html.escape(base + page_path(row['url_path'], root_path))}</loc><news:news>{publication}"
        f"<news:publication_date>{row['first_published_at'].astimezone(zone).isoformat()}</news:publication_date>"
        f"<news:title>{html.escape(row['title'])}</news:title></news:news></url>\n"
        for row in news_rows(root)
    ]
    return NEWS_HEAD + "".join(entries) + "</urlset>\n"


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('search:search')}",
        "",
        f"Sitemap: {absolute(reverse('distribution:sitemap_index'))}",
        f"Sitemap: {absolute(reverse('distribution:news_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
