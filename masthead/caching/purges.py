"""Which addresses show a page, so a publication can purge every one of them from the cache in front.

An article shows on its own address, its section and the home page (every ancestor), its authors' and tags'
pages, the site's feeds and its section's, authors' and tags' feeds, the sitemaps and the podcast feeds. Other
articles show it too (News Feed, More news): those lists are bounded by ``MASTHEAD_CACHE_SECONDS`` plus
``MASTHEAD_CACHE_STALE_SECONDS`` instead (see README.md).

Addresses are built on ``MASTHEAD_BASE_URL``, the address readers use, so the purge names the same host the
cache stored. A URL whose app is not installed is skipped (``NoReverseMatch``).
"""

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def absolute(path: str) -> str:
    return settings.MASTHEAD_BASE_URL.rstrip("/") + path


def named(name: str, *args) -> list[str]:
    try:
        return [absolute(reverse(name, args=args))]
    except NoReverseMatch:
        return []


def page_path(page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


def site_wide_urls() -> list[str]:
    """Feeds and sitemaps of the whole site: every publication changes them."""
    urls = named("distribution:sitemap_index") + named("distribution:news_sitemap") + named("narration:podcast")
    if apps.is_installed("masthead.distribution"):
        from masthead.distribution.feeds import FORMATS
        from masthead.distribution.sitemaps import SITEMAPS

        urls += [url for fmt in FORMATS for url in named("distribution:site_feed", fmt)]
        urls += [url for section in SITEMAPS for url in named("distribution:sitemap", section)]
    return urls


def scoped_feed_urls(kind: str, slug: str) -> list[str]:
    if not apps.is_installed("masthead.distribution"):
        return []
    from masthead.distribution.feeds import FORMATS

    return [url for fmt in FORMATS for url in named("distribution:feed", kind, slug, fmt)]


def urls_for_page(page, path_before: str | None = None) -> set[str]:
    """Every address that shows ``page`` (its old address too, after a move or a new slug)."""
    page = page.specific
    urls = set(site_wide_urls())
    for path in filter(None, [page_path(page), path_before]):
        urls.add(absolute(path))
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if path := page_path(ancestor):
            urls.add(absolute(path))
            urls.update(scoped_feed_urls("section", ancestor.slug))
            urls.update(named("narration:section_podcast", ancestor.slug))
    for author in getattr(page, "authors", []):
        urls.update(urls_for_author(author))
    for tag in page.tags.all() if hasattr(page, "tags") else []:
        urls.update(named("newsroom:tag", tag.slug) + scoped_feed_urls("tag", tag.slug))
    return urls


def urls_for_author(author) -> list[str]:
    return named("newsroom:author", author.slug) + scoped_feed_urls("author", author.slug)


def path_from_url_path(url_path: str | None) -> str | None:
    """A page's old address from its old ``url_path`` (``/home/news/x/`` → ``/news/x/``), for a moved page."""
    if not url_path:
        return None
    from wagtail.models import Site

    for root_path in (root.root_path for root in Site.get_site_root_paths()):
        if url_path.startswith(root_path):
            return "/" + url_path[len(root_path) :]
    return None
