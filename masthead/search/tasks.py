"""Keeping the search index in step with what is published, in the background."""

from django.db import transaction
from django_tasks import task
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object

from masthead.newsroom.models import ArticlePage

REINDEX_CHUNK = 500


@task()
def index_article(article_id: int):
    """(Re)index one article as it is now; a deleted article is simply gone."""
    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is not None:
        insert_or_update_object(article)


@task()
def reindex_articles(article_ids: list[int] | None = None):
    """Index many articles in bulk (after the demo load, or all of them when ``article_ids`` is None)."""
    return index_articles_in_bulk(article_ids)


def index_articles_in_bulk(article_ids=None, progress=None):
    """Add articles to the default backend in chunks; ``progress(n)`` is told how many went in each time."""
    backend = get_search_backend()
    queryset = ArticlePage.get_indexed_objects()
    if article_ids is not None:
        queryset = queryset.filter(pk__in=article_ids)
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), REINDEX_CHUNK):
        chunk = ids[start : start + REINDEX_CHUNK]
        objects = list(_prepared(queryset.filter(pk__in=chunk)))
        with transaction.atomic():
            backend.add_bulk(ArticlePage, objects)
        if progress:
            progress(len(objects))
    return len(ids)


def _prepared(queryset):
    """The related rows the index reads (authors, tags) loaded up front for a whole chunk."""
    return queryset.prefetch_related("article_authors__author", "tags")
