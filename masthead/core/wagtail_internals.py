"""Every use Masthead makes of a private Wagtail API (and of the treebeard and Django internals under Wagtail's page
tree), in one place, each with the reason it is worth it.

Nothing else in the project may touch an underscored Wagtail, treebeard or Django attribute; ``tests/
test_wagtail_internals.py`` exercises each function here against the installed versions, so an upgrade that
changes one fails there, by name, instead of somewhere in a page.

- The request memos Wagtail keeps (``request._wagtail_site``, ``request._wagtail_route_for_request``,
  ``request._wagtail_cached_site_root_paths``; Wagtail 2.x to 8.0): ``newsroom/routing.py`` fills them from what
  it remembered, so a remembered address is served without routing it again, and every page URL built during
  the request reads the site root paths from this process's memory instead of the shared cache (one Redis round
  trip per page object otherwise).
- A rendition's ``_from_cache`` mark (Wagtail 5.x to 8.0): Wagtail writes back to the renditions cache every
  rendition it did not read from there; marking the ones read from the cache or prefetched spares a round trip
  per image.
- A model instance's cached relations (``_state.fields_cache``): a Site is remembered without its root page.
- treebeard's ``MP_Node._get_path`` and Django's ``QuerySet._insert``: the bulk article generator writes the page
  tree in batches (``newsroom/bulk.py``), as treebeard's own ``add_child`` would one page at a time.
"""

import copy

from wagtail.url_routing import RouteResult

# --- Request memos


def remembered_route(request):
    """(site, page) Wagtail found for this request, or None when Wagtail did not route it to a plain page view."""
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None:
        return None
    page, args, kwargs = route
    if args or kwargs:
        return None  # a routable sub-view
    return site, page


def restore_route(request, site, page):
    """Hand Wagtail the site and the page that answer this request, as if it had routed it itself."""
    request._wagtail_site = site
    request._wagtail_route_for_request = RouteResult(page)


def share_site_root_paths(paths, *holders):
    """Let Wagtail build page URLs for these requests or page objects from ``paths`` (``Site.get_site_root_paths()``
    as remembered), without asking the shared cache again."""
    for holder in holders:
        holder._wagtail_cached_site_root_paths = paths


def site_without_relations(site):
    """A copy of ``site`` that carries its own row only (Wagtail reloads ``root_page`` if it needs it)."""
    site = copy.copy(site)
    site._state = copy.copy(site._state)
    site._state.fields_cache = {}
    return site


# --- Renditions


def mark_read_from_cache(rendition):
    """Tell Wagtail not to write this rendition back to the renditions cache."""
    rendition._from_cache = True
    return rendition


def was_read_from_cache(rendition) -> bool:
    return getattr(rendition, "_from_cache", False)


# --- The page tree in bulk (newsroom/bulk.py)


def tree_path(parent_path: str, depth: int, position: int) -> str:
    """treebeard's materialised path of the ``position``-th child (1-based) of the page at ``parent_path``."""
    from wagtail.models import Page

    return Page._get_path(parent_path, depth, position)


def insert_child_rows(model, objects):
    """Insert rows of a multi-table child model whose parent rows already exist (Django's ``bulk_create`` cannot)."""
    model.objects._insert(objects, fields=list(model._meta.local_concrete_fields))
