"""Remember which page answers which address, so serving a page skips Wagtail's tree walk.

Wagtail memoises its Site lookup and page route on the request (``request._wagtail_site`` and
``request._wagtail_route_for_request``). This middleware fills both from the cache when it can and records them
after a successful page view; Wagtail's own serve view, hooks and view-restriction checks still run as usual.
Entries are keyed by the newsroom's publish version (see ``signals.py``), so any publish, unpublish, move or
delete forgets every remembered route at once.
"""

import copy
import hashlib

from django.apps import apps
from django.core.cache import cache
from wagtail.url_routing import RouteResult

from masthead.newsroom.signals import lists_version

ROUTE_TIMEOUT = 60 * 60


def _route_key(request) -> str:
    address = hashlib.sha1(f"{request._get_raw_host()}{request.path_info}".encode(errors="replace")).hexdigest()
    return f"newsroom:route:{lists_version()}:{address}"


class CachedPageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        key = _route_key(request)
        remembered = cache.get(key)
        if remembered:
            self._restore(request, *remembered)
        response = self.get_response(request)
        if not remembered and response.status_code == 200:
            self._remember(request, key)
        return response

    @staticmethod
    def _restore(request, site, page_id, model_label):
        model = apps.get_model(model_label)
        # A page type may say what its own view always needs (ArticlePage: its hero image) to save queries.
        queryset = model.page_view_queryset() if hasattr(model, "page_view_queryset") else model.objects.all()
        page = queryset.filter(pk=page_id, live=True).first()
        if page is not None:
            request._wagtail_site = site
            request._wagtail_route_for_request = RouteResult(page)

    @staticmethod
    def _remember(request, key):
        route = getattr(request, "_wagtail_route_for_request", None)
        site = getattr(request, "_wagtail_site", None)
        if route is None or site is None:
            return  # not a Wagtail page view
        page, args, kwargs = route
        if args or kwargs:
            return  # a routable sub-view: let Wagtail route it every time
        site = copy.copy(site)
        site._state.fields_cache = {}  # cache the Site row only; Wagtail reloads root_page if it needs it
        cache.set(key, (site, page.pk, page._meta.label_lower), ROUTE_TIMEOUT)
