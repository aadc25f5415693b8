"""Serve a remembered address with one query: the page's place in the tree, which also proves it current.

Wagtail memoises its Site lookup and page route on the request (``request._wagtail_site`` and
``request._wagtail_route_for_request``). This middleware fills both when it has seen the address before, and
Wagtail's own serve view, hooks and view-restriction checks still run as usual.

Two things are remembered:

- the route: which page (id, tree path, type) answers an address, keyed by the newsroom's publish version
  (``signals.py``), so a publish, unpublish, move or delete forgets every route at once;
- the page object itself, as the article view needs it (hero image, tags, authors), keyed by the page's
  Wagtail ``cache_key`` (id, URL path and last publication time) and the publish version.

Each request first loads the page's lineage from the database (``lineage_of``: one query, which the page's
view-restriction check and ``get_parent()`` then reuse). The page's own row in it must still be live, at the
same place, with the same id; otherwise Wagtail routes the request from scratch. Its ``cache_key`` picks the
remembered object, so a new publication is served at once even by a process whose cache has not heard of it.
"""

import copy
import hashlib

from django.apps import apps
from django.core.cache import caches
from wagtail.url_routing import RouteResult

from masthead.newsroom.models import LineageMixin, lineage_of
from masthead.newsroom.signals import lists_version


def _route_key(request) -> str:
    address = hashlib.sha1(f"{request._get_raw_host()}{request.path_info}".encode(errors="replace")).hexdigest()
    return f"newsroom:route:{lists_version(request)}:{address}"


def _page_key(request, row) -> str:
    return f"newsroom:page:{lists_version(request)}:{row.cache_key}"


class CachedPageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        key = _route_key(request)
        remembered = caches["fragments"].get(key)
        if remembered:
            self._restore(request, *remembered)
        response = self.get_response(request)
        if not remembered and response.status_code == 200:
            self._remember(request, key)
        return response

    @staticmethod
    def _restore(request, site, page_id, path, model_label):
        lineage = lineage_of(path)
        row = lineage[-1] if lineage else None
        if row is None or row.path != path or row.pk != page_id or not row.live:
            return  # moved, replaced or unpublished since: Wagtail routes it
        page_key = _page_key(request, row)
        page = caches["fragments"].get(page_key)
        if page is None:
            model = apps.get_model(model_label)
            # A page type may say what its own view always needs (ArticlePage: hero image, tags, authors).
            queryset = model.page_view_queryset() if hasattr(model, "page_view_queryset") else model.objects.all()
            page = queryset.filter(pk=page_id).first()
            if page is None:
                return
            caches["fragments"].set(page_key, page)
        page.__dict__["lineage"] = lineage
        request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(page)

    @staticmethod
    def _remember(request, key):
        route = getattr(request, "_wagtail_route_for_request", None)
        site = getattr(request, "_wagtail_site", None)
        if route is None or site is None:
            return  # not a Wagtail page view
        page, args, kwargs = route
        if args or kwargs or not isinstance(page, LineageMixin):
            return  # a routable sub-view, or a page type that cannot prove itself current: Wagtail routes it
        site = copy.copy(site)
        site._state.fields_cache = {}  # cache the Site row only; Wagtail reloads root_page if it needs it
        caches["fragments"].set(key, (site, page.pk, page.path, page._meta.label_lower))
