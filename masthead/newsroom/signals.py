"""Keep cached lists (News Feed, More news, Editors' Picks, navigation) and page routes in step with publishing.

The version itself, its one read per request and its fallback while Redis is away: ``publish_version.py``.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from masthead.newsroom.publish_version import LISTS_VERSION_KEY, invalidate_lists, lists_version

__all__ = ["LISTS_VERSION_KEY", "invalidate_lists", "lists_version", "invalidate_on_change_of"]

page_published.connect(invalidate_lists, dispatch_uid="newsroom-lists-published")
page_unpublished.connect(invalidate_lists, dispatch_uid="newsroom-lists-unpublished")
post_page_move.connect(invalidate_lists, dispatch_uid="newsroom-lists-moved")
page_slug_changed.connect(invalidate_lists, dispatch_uid="newsroom-lists-slug")


def invalidate_on_change_of(model: str):
    """Saving or deleting ``model`` ("app_label.Model") forgets everything keyed by the publish version.

    For other apps whose rows show on reader pages and are remembered under the version (newsletters' list).
    """
    post_save.connect(invalidate_lists, sender=model, dispatch_uid=f"newsroom-lists-save-{model}")
    post_delete.connect(invalidate_lists, sender=model, dispatch_uid=f"newsroom-lists-delete-{model}")


# Routes and page objects are remembered under the same version (routing.py), so sites, every page type and
# images (an edited credit or caption shows in lists, heroes and bodies) count too.
for model in (
    "newsroom.ArticlePage",
    "newsroom.SectionPage",
    "newsroom.HomePage",
    "newsroom.Author",
    "newsroom.EditorsPick",
    "newsroom.InfoPage",
    "newsroom.MastheadSettings",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "images.CreditedImage",
    "taggit.Tag",
):
    invalidate_on_change_of(model)
