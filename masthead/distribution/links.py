"""Absolute addresses for everything Masthead hands to crawlers, feed readers and social networks.

One base address (``settings.MASTHEAD_BASE_URL``) for every absolute link, so a page's canonical URL, its
feed entries and its sitemap entry are the same string whichever host the request came in on.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

_RELATIVE_LINK_RE = re.compile(r'(\s(?:src|href|srcset)=")/(?!/)')


def base_url() -> str:
    return settings.MASTHEAD_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """``/news/x/`` → ``https://example.org/news/x/``; already absolute addresses pass through."""
    if not path:
        return base_url() + "/"
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + (path if path.startswith("/") else "/" + path)


def absolutize_html(html: str) -> str:
    """Make root-relative ``src``/``href`` attributes absolute (feed readers have no base URL)."""
    return _RELATIVE_LINK_RE.sub(lambda m: m.group(1) + base_url() + "/", html)


def split_base():
    """(scheme, host-and-prefix) of the base address, for Django's sitemap framework."""
    parts = urlsplit(base_url())
    return parts.scheme or "http", parts.netloc + parts.path


def default_site():
    return Site.objects.select_related("root_page").filter(is_default_site=True).first() or (
        Site.objects.select_related("root_page").first()
    )


def page_path(url_path: str, root_url_path: str) -> str:
    """A page's address on its site from its ``url_path`` (``/home/news/x/`` under root ``/home/`` → ``/news/x/``).

    Lets sitemaps and feeds build links from ``values()`` rows without loading page objects.
    """
    if url_path.startswith(root_url_path):
        return "/" + url_path[len(root_url_path) :]
    return url_path
