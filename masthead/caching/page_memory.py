"""Each web process remembers the reader pages it rendered, under the publish version, for a proxy miss.

A page the cache policy made public (a reader page, 200, no cookie set, for a request without a session) is kept
whole, compressed as sent, in this process's memory (the ``pages`` cache) under the publish version
(``masthead.newsroom.publish_version``), the host, the full path and the request's ``Accept-Encoding``. Any
publication anywhere moves the version, so the next request in every process renders afresh; the entry also
expires after ``MASTHEAD_CACHE_SECONDS``, the time the proxy itself keeps the page. A request with a session
cookie, an ``Authorization`` header or a conditional header (``If-None-Match``, ``If-Modified-Since``: the proxy
revalidating) is never answered from here. Reading the version is the one shared-cache round trip of the request.

``MASTHEAD_PAGE_MEMORY_ENTRIES=0`` turns it off (every request then renders, from the cached fragments).
"""

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import cc_delim_re

from masthead.newsroom.publish_version import lists_version

BYPASS_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
KEPT_VARY = {"accept-encoding", "cookie"}  # the key carries the first; the second is the policy's (no session)


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
        response = self.pages.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if _may_keep(response) and key == _key(request):  # the version did not move while it rendered
            self.pages.set(key, response, settings.MASTHEAD_CACHE_SECONDS)
        return response
