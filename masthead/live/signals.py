"""Keep what depends on a live page's entries in step: its narration (the key events) and any page cache."""

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from masthead.live.models import LiveEntry, LivePage, state_key
from masthead.newsroom.demo import is_loading_demo


def renarrate(page):
    """Narration reads the key events summary; it asks again only when the spoken text changed (hashes tell)."""
    if not apps.is_installed("masthead.narration") or is_loading_demo() or not page.live:
        return
    from masthead.narration.service import request_narration

    request_narration(page)


def purge_page(page):
    """A page cache in front of Masthead (Wagtail's frontend cache, when configured) forgets the live page."""
    if apps.is_installed("wagtail.contrib.frontend_cache"):
        from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

        transaction.on_commit(lambda: purge_page_from_cache(page))


@receiver(page_published, sender=LivePage, dispatch_uid="live-narrate-on-publish")
def narrate_on_publish(sender, instance, **kwargs):
    renarrate(instance)


@receiver(post_save, sender=LiveEntry, dispatch_uid="live-entry-saved")
@receiver(post_delete, sender=LiveEntry, dispatch_uid="live-entry-deleted")
def entry_changed(sender, instance, **kwargs):
    page_id = instance.page_id
    cache.delete(state_key(page_id))
    # After the commit: a poll in between may have cached the old state, and an entry deleted with its page
    # must not bring the page's narration back to life in the middle of the cascade.
    transaction.on_commit(lambda: after_entry_change(page_id))


def after_entry_change(page_id):
    cache.delete(state_key(page_id))
    page = LivePage.objects.filter(pk=page_id).first()
    if page is None:  # deleted along with its page
        return
    renarrate(page)
    purge_page(page)
