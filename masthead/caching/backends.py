"""Wagtail's HTTP purge backend, except that a purge the cache did not confirm raises (so the task retries)."""

from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest


class PurgeFailed(Exception):
    def __init__(self, urls, reasons):
        super().__init__("; ".join(reasons))
        self.urls = urls


class CheckedHTTPBackend(HTTPBackend):
    """``PURGE`` to Varnish (or nginx's cache_purge) at ``LOCATION``, carrying the page's own Host header."""

    TIMEOUT_SECONDS = 2  # a healthy proxy on the same network answers in milliseconds

    def purge_batch(self, urls):
        """Stops at the first failure (a hung proxy costs one timeout, not one per address); the rest fail too."""
        for number, url in enumerate(urls):
            try:
                self.purge(url)
            except PurgeFailed as error:
                raise PurgeFailed(list(urls[number:]), [str(error)]) from error

    def purge(self, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path or "/", parts.query, ""]),
            headers={"Host": parts.netloc, "User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
        try:
            with urlopen(request, timeout=self.TIMEOUT_SECONDS):  # noqa: S310 (LOCATION is our own setting)
                pass
        except URLError as error:  # HTTPError included: the cache refused or failed
            raise PurgeFailed([url], [f"{url}: {error}"]) from error
