"""Queries per imported article are pinned: on PostgreSQL each one is a round trip, and a 10,000-post import
spends much of its time waiting on them (README, "Benchmark"). These fail if the count goes back up, or if it
grows with the number of articles already imported."""

from collections import defaultdict

import pytest
from django.db import connection

from masthead.imports.bench import generate_export
from masthead.imports.ghost import GhostParser
from masthead.imports.importer import Importer
from masthead.newsroom.models import ArticlePage

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.db_sensitive]

POSTS = 24
# A new article with its feature image, two or three authors... (see the adapter, wagtail_quiet.add_new_page):
# the image row, the free-slug check, the parent's child count and last child, a savepoint round Wagtail's save,
# the page and article rows, the log entry, the byline, the tags, the old address's redirect and one INSERT of
# the ImportedObject rows: 13 (it was 34), besides the transaction's BEGIN and COMMIT. The unchanged re-run asks
# nothing per article.
QUERIES_PER_NEW_ARTICLE = 13
QUERIES_PER_UNCHANGED_ARTICLE = 0


def import_counting(folder):
    """Import the export in ``folder``; returns {post source id: queries made while that post was imported}."""
    parser = GhostParser(folder / "export.json", images_dir=folder / "content" / "images")
    importer = Importer(
        parser,
        images_dir=folder / "content" / "images",
        dry_run=False,
        section_map={},
        default_section=None,
        stdout=None,
    )
    per_post = defaultdict(int)

    def count(execute, sql, params, many, context):
        if importer.current is not None and not sql.startswith("BEGIN"):  # SQLite's, which psycopg sends unasked
            per_post[importer.current.source_id] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        importer.run()
    return per_post


@pytest.fixture
def export(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    generate_export(tmp_path / "ghost", posts=POSTS, authors=5, tags=20)
    return tmp_path / "ghost"


def test_a_new_article_costs_a_fixed_number_of_queries(export):
    per_post = import_counting(export)
    assert ArticlePage.objects.count() == POSTS
    later = [per_post[f"p{n}"] for n in range(1, POSTS)]  # the first also makes the section
    assert max(later) <= QUERIES_PER_NEW_ARTICLE, later
    first_half, second_half = later[: POSTS // 2], later[POSTS // 2 :]
    assert max(second_half) <= min(first_half), "the queries per article grow with the articles imported"


def test_an_unchanged_article_costs_none(export):
    import_counting(export)
    per_post = import_counting(export)
    assert sum(per_post.values()) <= QUERIES_PER_UNCHANGED_ARTICLE * POSTS, dict(per_post)
