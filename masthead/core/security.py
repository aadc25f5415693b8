"""Security headers: a strict Content-Security-Policy for readers, a looser one for Wagtail's admin, and a
Permissions-Policy.

Reader pages are cached by the proxy and shared by every reader (masthead/caching), so their policy cannot rely on a
per-response nonce: every script and style is a file under ``static/`` and the policy allows ``'self'`` only. The
admin (Wagtail's own templates) still uses inline scripts and ``style=""`` attributes, so its paths get
``MASTHEAD_ADMIN_CSP``, which still allows no other host. Both policies are in settings.py; django-csp writes the
header (``CSPMiddleware.get_policy_parts`` is its documented place to choose a policy per request).
"""

from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.files.storage import default_storage


class MastheadCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin policy under ``MASTHEAD_ADMIN_CSP_PATHS`` and allowing the media
    host when media are linked from another origin (``MEDIA_S3_PUBLIC_URLS``)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.MASTHEAD_ADMIN_CSP["DIRECTIVES"]
        if origin := media_origin():
            parts.update = with_sources(parts.update, {"img-src": [origin], "media-src": [origin]})
        return parts


def with_sources(update: dict | None, extra: dict[str, list[str]]) -> dict:
    """A view's own ``csp_update`` (if any) plus ``extra``, each directive's sources kept."""
    merged = dict(update or {})
    for directive, sources in extra.items():
        merged[directive] = [*(merged.get(directive) or []), *sources]
    return merged


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.MASTHEAD_ADMIN_CSP_PATHS))


@cache
def media_origin() -> str:
    """The origin media URLs point at when it is not this site's (an S3 bucket or its custom domain), else ''.

    Asked of the storage itself, so the policy follows however django-storages builds the address."""
    parts = urlsplit(default_storage.url("masthead-csp-probe"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def permissions_policy_header(features: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` (``MASTHEAD_PERMISSIONS_POLICY``) to every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.MASTHEAD_PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
