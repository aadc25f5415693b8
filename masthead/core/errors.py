"""Error pages that cannot fail themselves, and the 503 a reader gets while the database is unreachable.

Django calls these handlers when something already went wrong (a bad ``Host`` header, a broken form, a lost
database), so they render plain templates (``masthead/templates/400.html`` ...) from a context built here, with
no context processors, cached fragments, page slots or database queries. Only the 404, the one error page readers
meet every day, first tries the full page frame (navigation, search) and falls back to the plain one.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)

DATABASE_RETRY_AFTER = 30  # seconds: long enough for a restart or a failover, short enough to come back soon


def _url(build):
    try:
        return build()
    except (NoReverseMatch, ValueError):  # an app removed, or a static file missing from the manifest
        return None


def _plain_context(**extra) -> dict:
    """What every plain error page shows, computed without the request (its Host may be the error)."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "stylesheet": _url(lambda: static("masthead/css/site.css")),
        "search_url": _url(lambda: reverse("search:search")),
        **extra,
    }


def _plain(template_name: str, status: int, **extra) -> HttpResponse:
    body = loader.get_template(template_name).render(_plain_context(**extra))
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    return _plain("400.html", 400)


def permission_denied(request, exception=None):
    return _plain("403.html", 403)


def csrf_failure(request, reason=""):
    """A form sent without (or with a stale) CSRF token: the readable 403, not Django's developer page."""
    return _plain("403.html", 403)


def login_locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: the plain 429 page, with Retry-After."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    locked = _plain("429_login.html", 429, minutes=max(1, seconds // 60))
    locked["Retry-After"] = str(seconds)
    return locked


def page_not_found(request, exception=None):
    try:
        body = loader.get_template("404.html").render({"search_url": _url(lambda: reverse("search:search"))}, request)
        return HttpResponse(body, status=404)
    except Exception:  # the frame needs the cache and the database; the plain page needs neither
        logger.warning("The 404 page's frame failed; answering with the plain one", exc_info=True)
        return _plain("errors/404_plain.html", 404)


def errors_are_reported() -> bool:
    """True when a server error reaches a person: mailed to ADMINS (the logs are always written)."""
    return bool(settings.ADMINS)


def database_unreachable(exc) -> bool:
    """A lost or refused connection (or a locked SQLite file): worth trying again shortly, unlike a bug."""
    return isinstance(exc, (OperationalError, InterfaceError))


def server_error(request):
    """The 500 page, or a 503 with Retry-After when the error is a database Masthead cannot reach."""
    exc = sys.exc_info()[1]
    if exc is not None and database_unreachable(exc):
        response = _plain("503.html", 503, retry_after=DATABASE_RETRY_AFTER)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return _plain("500.html", 500, reported=errors_are_reported())
