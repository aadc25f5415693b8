"""The page tree index (migration 0006) serves ``child_of()``: a section's list is counted from it."""

import pytest
from django.db import connection

from masthead.newsroom.models import ArticlePage

pytestmark = [pytest.mark.django_db, pytest.mark.db_sensitive]

INDEX = "newsroom_page_depth_path"


def plan_of(queryset) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # a handful of test rows: a scan would win on cost alone
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_a_sections_articles_are_counted_from_the_index(newsroom):
    """The index is there as migration 0006 made it, and a section's list never scans the page table.

    Which of two fitting indexes the planner takes for a test's handful of rows depends on its statistics (after
    other tests it may take Wagtail's ``path`` index), so the plan is checked for a scan, not for the index's name;
    `make bench-distribution` shows what the index buys at 100,000 articles."""
    section = newsroom["sections"][0]
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert constraints[INDEX]["index"] and constraints[INDEX]["columns"][:2] == ["depth", "path"]
    plan = plan_of(ArticlePage.latest(section=section).order_by())
    assert "Seq Scan on wagtailcore_page" not in plan and "SCAN wagtailcore_page" not in plan  # PostgreSQL, SQLite


def test_running_live_stories_are_found_by_their_own_index(newsroom):
    """The news sitemap's second query (migration 0007): not a scan of every article for the few running live.

    SQLite cannot match a bound parameter to a partial index, so there the index is only checked to exist."""
    index = "newsroom_article_running_live"
    if connection.vendor == "postgresql":
        assert index in plan_of(ArticlePage.objects.filter(kind=ArticlePage.Kind.LIVE))
    else:
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, ArticlePage._meta.db_table)
        assert constraints[index]["index"] and constraints[index]["columns"] == ["kind"]
