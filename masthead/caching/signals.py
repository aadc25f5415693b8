"""Publishing, unpublishing, moving or renaming a page, or editing an author, purges what shows it.

Wagtail's own frontend_cache app would purge only the page itself, without retries; this one purges every
address in ``purges.py`` through the same backends (``WAGTAILFRONTENDCACHE``) after the commit: at once, and as a
task with retries for whatever the cache refused (``tasks.py``).
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from masthead.caching import purges
from masthead.newsroom.demo import demo_loaded, is_loading_demo


def purge_after_commit(urls):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not urls:
        return
    if is_loading_demo():
        return  # hundreds of publications in a row: one purge when it is loaded (below)
    _queue_purge(urls)


def _queue_purge(urls):
    from masthead.caching.tasks import purge_now_or_queue

    urls = sorted(urls)
    transaction.on_commit(lambda: purge_now_or_queue(urls))


@receiver(page_published, dispatch_uid="caching-purge-published")
@receiver(page_unpublished, dispatch_uid="caching-purge-unpublished")
def purge_page(sender, instance, **kwargs):
    purge_after_commit(purges.urls_for_page(instance))


@receiver(page_slug_changed, dispatch_uid="caching-purge-slug")
def purge_renamed_page(sender, instance, instance_before=None, **kwargs):
    before = purges.page_path(instance_before) if instance_before is not None else None
    purge_after_commit(purges.urls_for_page(instance, path_before=before))


@receiver(post_page_move, dispatch_uid="caching-purge-moved")
def purge_moved_page(sender, instance, url_path_before=None, **kwargs):
    purge_after_commit(purges.urls_for_page(instance, path_before=purges.path_from_url_path(url_path_before)))


@receiver(demo_loaded, dispatch_uid="caching-purge-demo")
def purge_after_the_demo(sender, articles=(), **kwargs):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        # The new articles were never cached; the home page, feeds and sitemaps may have been.
        _queue_purge([purges.absolute("/"), *purges.site_wide_urls()])


@receiver(post_save, sender="newsroom.Author", dispatch_uid="caching-purge-author")
def purge_author(sender, instance, **kwargs):
    purge_after_commit(purges.urls_for_author(instance))
