"""Keep cached lists (News Feed, More news, Editors' Picks, navigation) and page routes in step with publishing."""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

LISTS_VERSION_KEY = "newsroom:lists-version"


def lists_version(request=None) -> int:
    """A number that changes whenever any list of articles may have changed; part of every list's cache key.

    Given the request, it is read once per request (one cache round trip, and one version for the whole page).
    """
    if request is not None and hasattr(request, "_newsroom_lists_version"):
        return request._newsroom_lists_version
    version = cache.get(LISTS_VERSION_KEY)
    if version is None:
        cache.add(LISTS_VERSION_KEY, _starting_version(), timeout=None)
        version = cache.get(LISTS_VERSION_KEY) or _starting_version()
    if request is not None:
        request._newsroom_lists_version = version
    return version


def _starting_version() -> int:
    """Milliseconds since the epoch: if the cache holding the version is emptied (a Redis restart), counting starts
    above every number used before, so no process's memory can mistake an old fragment for a current one."""
    return time.time_ns() // 1_000_000


def invalidate_lists(**kwargs):
    try:
        cache.incr(LISTS_VERSION_KEY)
    except ValueError:  # not cached yet: nothing to invalidate
        cache.add(LISTS_VERSION_KEY, _starting_version(), timeout=None)


page_published.connect(invalidate_lists, dispatch_uid="newsroom-lists-published")
page_unpublished.connect(invalidate_lists, dispatch_uid="newsroom-lists-unpublished")
post_page_move.connect(invalidate_lists, dispatch_uid="newsroom-lists-moved")
page_slug_changed.connect(invalidate_lists, dispatch_uid="newsroom-lists-slug")


# Routes and page objects are remembered under the same version (routing.py), so sites, every page type and
# images (an edited credit or caption shows in lists, heroes and bodies) count too.
for model in (
    "newsroom.ArticlePage",
    "newsroom.SectionPage",
    "newsroom.HomePage",
    "newsroom.Author",
    "newsroom.EditorsPick",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "images.CreditedImage",
):
    post_save.connect(invalidate_lists, sender=model, dispatch_uid=f"newsroom-lists-save-{model}")
    post_delete.connect(invalidate_lists, sender=model, dispatch_uid=f"newsroom-lists-delete-{model}")
