"""Serve a remembered address with one query: the page's place in the tree, which also proves it current.

Wagtail memoises its Site lookup and page route on the request; this middleware fills both when it has seen the
address before (through ``masthead.core.wagtail_internals``, the one place private Wagtail APIs are used), and
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

Every GET also gets the site root paths from this process's memory (keyed by the publish version, which a site or
home page change moves): Wagtail otherwise reads them from the shared cache once per page URL it builds.
"""

import hashlib

from django.apps import apps
from django.core.cache import caches
from wagtail.models import Site

from masthead.core import wagtail_internals
from masthead.newsroom.models import LineageMixin, lineage_of
from masthead.newsroom.publish_version import lists_version, remembered


def _route_key(request) -> str:
    address = hashlib.sha1(f"{request.get_host()}{request.path_info}".encode(errors="replace")).hexdigest()
    return f"newsroom:route:{lists_version(request)}:{address}"


def _page_key(request, row) -> str:
    return f"newsroom:page:{lists_version(request)}:{row.cache_key}"


def site_root_paths(request=None):
    """Wagtail's ``Site.get_site_root_paths()``, from this process's memory while the publish version stands."""
    return remembered(request, "site-root-paths", Site.get_site_root_paths)


def build_urls_from_memory(request, pages):
    """Let each of ``pages`` build its URL from the remembered site root paths (no shared-cache round trip)."""
    wagtail_internals.share_site_root_paths(site_root_paths(request), *pages)
    return pages


class CachedPageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        wagtail_internals.share_site_root_paths(site_root_paths(request), request)
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
        wagtail_internals.share_site_root_paths(site_root_paths(request), page)
        wagtail_internals.restore_route(request, site, page)

    @staticmethod
    def _remember(request, key):
        route = wagtail_internals.remembered_route(request)
        if route is None:
            return  # not a plain Wagtail page view
        site, page = route
        if not isinstance(page, LineageMixin):
            return  # a page type that cannot prove itself current: Wagtail routes it
        site = wagtail_internals.site_without_relations(site)
        caches["fragments"].set(key, (site, page.pk, page.path, page._meta.label_lower))
