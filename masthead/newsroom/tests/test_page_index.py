"""The page tree index (migrations 0006, 0008) serves ``child_of()``: a section's list is counted from it."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from masthead.live.models import LivePage
from masthead.newsroom.factories import ArticlePageFactory
from masthead.newsroom.models import ArticlePage, InfoPage, section_article_ids

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
    for articles in (ArticlePage.latest(section=section).order_by(), section_article_ids(section).order_by()):
        plan = plan_of(articles)
        assert "Seq Scan on wagtailcore_page" not in plan and "SCAN wagtailcore_page" not in plan  # PostgreSQL, SQLite


def test_a_sections_ids_are_its_list_without_the_article_table(newsroom):
    """``section_article_ids`` is ``ArticlePage.latest(section=...)``: the same articles, in the same order (equal
    publication times included), live stories in and drafts, restricted articles and other page types out; and it
    counts without joining the article table; on PostgreSQL the index holds every column it reads (0008)."""
    section = newsroom["sections"][0]
    first = newsroom["articles"][0]
    tied = ArticlePageFactory(parent=section, first_published_at=first.first_published_at)
    ArticlePageFactory(parent=section, live=False)
    restricted = ArticlePageFactory(parent=section)
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="secret")
    live = section.add_child(instance=LivePage(title="Storm live", slug="storm-live", standfirst="As it happens."))
    live.save_revision().publish()
    section.add_child(instance=InfoPage(title="About", slug="about"))  # not an article, whatever subpage_types says
    expected = list(ArticlePage.latest(section=section).values_list("pk", flat=True))
    assert list(section_article_ids(section).values_list("pk", flat=True)) == expected
    assert expected.index(tied.pk) == expected.index(first.pk) - 1 and live.pk in expected
    assert restricted.pk not in expected and len(expected) == 5  # three, the tied one, the live story
    plan = plan_of(section_article_ids(section).order_by())
    assert ArticlePage._meta.db_table not in plan
    if connection.vendor == "postgresql":  # every column it reads is in the index (the planner's pick for a
        with connection.cursor() as cursor:  # handful of test rows depends on statistics; the bench shows the scan)
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
            definition = cursor.fetchone()[0]
        assert "INCLUDE (live, first_published_at, id, content_type_id)" in definition


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
