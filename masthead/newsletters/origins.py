"""Same-origin check for the reader forms that carry no CSRF token (so the pages holding them stay cacheable).

A browser names where a POST comes from: `Origin` (every current browser sends it on form POSTs), else
`Sec-Fetch-Site`, else `Referer`. A request from another site's page is refused; one that names nothing is
refused too, as Django's CSRF check does over HTTPS. Non-browser clients can send any header, but they hold no
reader's cookies to abuse, which is what CSRF is about.
"""

from urllib.parse import urlsplit

from django.conf import settings

SAME_SITE_FETCHES = {"same-origin", "none"}  # "none": typed in or bookmarked by the reader


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def our_origins(request) -> set[str]:
    """This request's own origin, the configured public address, and Django's CSRF_TRUSTED_ORIGINS."""
    scheme = "https" if request.is_secure() else "http"
    return {
        f"{scheme}://{request.get_host()}".lower(),
        _origin_of(settings.MASTHEAD_BASE_URL),
        *(_origin_of(origin) for origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])),
    } - {""}


def refusal(request) -> str:
    """Why this POST does not come from one of our pages, or "" when it does."""
    origin = request.headers.get("Origin")
    if origin is not None:
        return "" if origin.lower() in our_origins(request) else "it came from another website"
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return "" if fetch_site in SAME_SITE_FETCHES else "it came from another website"
    referer = request.headers.get("Referer")
    if referer:
        return "" if _origin_of(referer) in our_origins(request) else "it came from another website"
    return "your browser did not say which page it came from"
