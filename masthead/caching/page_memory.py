"""Each web process remembers the reader pages it rendered, under the publish version, for a proxy miss.

A page the cache policy made public (a reader page, 200, no cookie set, for a request without a session) is kept
whole, compressed as sent, in this process's memory (the ``pages`` cache) under the publish version
(``masthead.newsroom.publish_version``), the host, the full path and the request's ``Accept-Encoding``. Any
publication anywhere moves the version, so the next request in every process renders afresh; the entry also
expires after ``MASTHEAD_CACHE_SECONDS``, the time the proxy itself keeps the page. A request with a session
cookie, an ``Authorization`` header or a conditional header (``If-None-Match``, ``If-Modified-Since``: the proxy
revalidating) is never answered from here. Reading the version is the one shared-cache round trip of the request.

A page that shows something a publication does not change (a live page's entries) names the shared-cache number
that follows it with ``keep_only_while(request, key, read)`` before it reads the rows it shows: the page is kept
with that number's value and sent again only while the shared cache still holds it (one more round trip, for such
pages only), so that number, not the publish version, moves when its rows change.

``MASTHEAD_PAGE_MEMORY_ENTRIES=0`` turns it off (every request then renders, from the cached fragments).
"""

from django.conf import settings
from django.core.cache import cache, caches
from django.utils.cache import cc_delim_re

from masthead.newsroom.publish_version import lists_version

BYPASS_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
KEPT_VARY = {"accept-encoding", "cookie"}  # the key carries the first; the second is the policy's (no session)


def keep_only_while(request, key: str, read):
    """The response being made shows what the shared-cache number ``key`` follows: call before reading the rows.

    ``read()`` gives the number's value (``None``, the cache cannot be reached, keeps the response out of memory);
    it is called only for a request this memory may keep, so a revalidation (a poll's ``If-None-Match``) costs
    nothing more.
    """
    if enabled() and _may_answer(request):
        request.__dict__.setdefault("_page_memory_versions", {})[key] = read()


def _versions(request) -> dict:
    return request.__dict__.get("_page_memory_versions", {})


def _still_current(versions: dict) -> bool:
    return not versions or cache.get_many(list(versions)) == versions


def enabled() -> bool:
    return settings.MASTHEAD_PAGE_MEMORY_ENTRIES > 0


def _may_answer(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not any(header in request.META for header in BYPASS_HEADERS)
    )


def _key(request) -> str:
    encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return f"page:{lists_version(request)}:{request.get_host()}:{request.get_full_path()}:{encoding}"


def _may_keep(response) -> bool:
    vary = {header.lower() for header in cc_delim_re.split(response.get("Vary", "")) if header}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in cc_delim_re.split(response.get("Cache-Control", ""))
        and vary <= KEPT_VARY
    )


class PageMemoryMiddleware:
    """Placed outside compression and the cache policy: it keeps and sends their finished result."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.pages = caches["pages"]

    def __call__(self, request):
        if not (enabled() and _may_answer(request)):
            return self.get_response(request)
        key = _key(request)
        kept = self.pages.get(key)
        if kept is not None:
            response, versions = kept
            if _still_current(versions):
                return response
        response = self.get_response(request)
        versions = _versions(request)
        # The version did not move while it rendered, and every number the page named could be read.
        if _may_keep(response) and key == _key(request) and None not in versions.values():
            self.pages.set(key, (response, versions), settings.MASTHEAD_CACHE_SECONDS)
        return response
