"""Search indexing by background task on publish and unpublish (instead of Wagtail's index-on-every-save).

Wagtail's search app indexes a page on every save. For articles that is replaced by a task per publish,
unpublish and creation, queued once the transaction commits; removal on delete stays immediate. While the demo
newsroom loads, per-article tasks are held back and one bulk reindex runs after ``demo_loaded``.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.search.index import remove_object
from wagtail.signals import page_published, page_unpublished

from masthead.newsroom.demo import demo_loaded, is_loading_demo
from masthead.newsroom.models import ArticlePage


def queue_index_update(instance, **kwargs):
    if not isinstance(instance, ArticlePage) or is_loading_demo():
        return
    from masthead.search.tasks import index_article

    article_id = instance.pk
    transaction.on_commit(lambda: index_article.enqueue(article_id))


def queue_new_article(instance, created=False, raw=False, **kwargs):
    """A new draft is indexed too, so editors find it in the admin; readers' search only shows live articles."""
    if created and not raw:
        queue_index_update(instance)


def remove_deleted_article(instance, **kwargs):
    remove_object(instance)


def reindex_demo(articles=(), **kwargs):
    from masthead.search.tasks import reindex_articles

    article_ids = [article.pk for article in articles]
    transaction.on_commit(lambda: reindex_articles.enqueue(article_ids))


def take_over_article_indexing():
    """Switch off Wagtail's index-on-save for articles and connect the task-based handlers instead."""
    from modelsearch import signal_handlers as wagtail_handlers

    ArticlePage.search_auto_update = False  # read when wagtail.search connects its handlers
    post_save.disconnect(wagtail_handlers.post_save_signal_handler, sender=ArticlePage)
    post_delete.disconnect(wagtail_handlers.post_delete_signal_handler, sender=ArticlePage)

    page_published.connect(queue_index_update, dispatch_uid="search-index-published")
    page_unpublished.connect(queue_index_update, dispatch_uid="search-index-unpublished")
    post_save.connect(queue_new_article, sender=ArticlePage, dispatch_uid="search-index-created")
    post_delete.connect(remove_deleted_article, sender=ArticlePage, dispatch_uid="search-index-deleted")
    demo_loaded.connect(reindex_demo, dispatch_uid="search-index-demo")
