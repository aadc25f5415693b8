"""Which responses a shared cache (Varnish, a CDN) may keep, and for how long.

A response is public only when it is a reader page (a view named in ``READER_VIEWS``), answered to a request
without a session cookie, with a 200 (or the 304 that stands for one), and sets no cookie. Everything else is
``private, no-store``, so a cache in front can never hand an editor's page, a token or a cookie to someone else.
A view that chose its own ``Cache-Control`` keeps it (media files are immutable and cached for a year), unless the
response sets a cookie.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

# URL names of the pages any anonymous reader sees the same way. Search results, the sign-up POST and its timer,
# confirmation and preference pages are left out on purpose: they are per reader or per query.
READER_VIEWS = frozenset(
    {
        "wagtail_serve",  # home, sections, articles
        "newsroom:author",
        "newsroom:tag",
        "distribution:site_feed",
        "distribution:feed",
        "distribution:sitemap_index",
        "distribution:sitemap",
        "distribution:news_sitemap",
        "distribution:robots_txt",
        "distribution:logo",
        "distribution:social_card",
        "narration:podcast",
        "narration:section_podcast",
        "newsletters:index",  # the sign-up forms carry no token: the POST checks its origin (newsletters/README)
        "newsletters:detail",
    }
)
PRIVATE = {"private": True, "no_store": True}


def shared_cache_directives() -> dict:
    """Browsers revalidate every time (a cheap 304); shared caches keep the page ``s-maxage`` seconds, may serve it
    ``stale-while-revalidate`` seconds longer while they fetch a fresh copy, and much longer if the site is down."""
    return {
        "public": True,
        "max_age": 0,
        "s_maxage": settings.MASTHEAD_CACHE_SECONDS,
        "stale_while_revalidate": settings.MASTHEAD_CACHE_STALE_SECONDS,
        "stale_if_error": settings.MASTHEAD_CACHE_STALE_IF_ERROR_SECONDS,
    }


def is_reader_page(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in (200, 304)
        and match is not None
        and match.view_name in READER_VIEWS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not _is_authenticated(request)
    )


def _is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def sets_cookie(request, response) -> bool:
    # A rendered CSRF token means a cookie, even if a middleware placed outside this one is the one to set it.
    return bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


class CachePolicyMiddleware:
    """Sets ``Cache-Control`` on every response Masthead renders (static files are WhiteNoise's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if sets_cookie(request, response):
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, **PRIVATE)
        elif response.has_header("Cache-Control"):
            pass  # the view knows best (never_cache, media's year)
        elif is_reader_page(request, response):
            patch_cache_control(response, **shared_cache_directives())
        else:
            patch_cache_control(response, **PRIVATE)
        return response
