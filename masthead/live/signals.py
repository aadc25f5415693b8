"""Keep what depends on a live page's entries in step: its narration (the key events), its own version (page
memory, head tags), its poll state and the proxy in front (the page and its entry feeds)."""

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from masthead.live.feeds import FORMATS
from masthead.live.models import LiveEntry, LivePage, state_key
from masthead.live.page_version import move_page_version
from masthead.newsroom.demo import is_loading_demo


def renarrate(page):
    """Narration reads the key events summary; it asks again only when the spoken text changed (hashes tell)."""
    if not apps.is_installed("masthead.narration") or is_loading_demo() or not page.live:
        return
    from masthead.narration.service import request_narration

    request_narration(page)


def urls_to_purge(page) -> list[str]:
    """What an entry changes at the proxy: the live page and its entry feeds (polls keep an answer 2 s only)."""
    from masthead.caching.purges import absolute, named, page_path

    urls = [url for fmt in FORMATS for url in named("live:feed", page.pk, fmt)]
    if path := page_path(page):
        urls.append(absolute(path))
    return urls


def purge_page(page):
    """The cache in front (``WAGTAILFRONTENDCACHE``: Varnish, a CDN) forgets the live page and its feeds, through
    caching's purges (at once, then queued with retries for whatever the proxy refused)."""
    if apps.is_installed("masthead.caching"):
        from masthead.caching.signals import purge_after_commit

        purge_after_commit(urls_to_purge(page))


@receiver(page_published, sender=LivePage, dispatch_uid="live-narrate-on-publish")
def narrate_on_publish(sender, instance, **kwargs):
    renarrate(instance)


@receiver(post_save, sender=LiveEntry, dispatch_uid="live-entry-saved")
@receiver(post_delete, sender=LiveEntry, dispatch_uid="live-entry-deleted")
def entry_changed(sender, instance, **kwargs):
    page_id = instance.page_id
    cache.delete(state_key(page_id))
    move_page_version(page_id)  # the live page's own number: the site's publish version stays where it is
    # After the commit: a poll in between may have cached the old state, and an entry deleted with its page
    # must not bring the page's narration back to life in the middle of the cascade.
    transaction.on_commit(lambda: after_entry_change(page_id))


def after_entry_change(page_id):
    cache.delete(state_key(page_id))
    move_page_version(page_id)  # after the state: a reader of the new number never reads the old state
    page = LivePage.objects.filter(pk=page_id).first()
    if page is None:  # deleted along with its page
        return
    renarrate(page)
    purge_page(page)
