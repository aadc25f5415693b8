"""The page tree index of migration 0006 with the content type too: a section's articles counted and paged from it.

``section_article_ids`` counts and pages a section's list from Wagtail's page table alone (live, public, an
article's content type), so every column it reads must be in the index for an index-only scan.
"""

from django.db import migrations

INDEX = "newsroom_page_depth_path"
COLUMNS = "(depth, path varchar_pattern_ops) INCLUDE (live, first_published_at, id{extra})"


def recreate(extra):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":  # SQLite's index (depth, path) has no INCLUDE
            schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
            schema_editor.execute(f"CREATE INDEX {INDEX} ON wagtailcore_page {COLUMNS.format(extra=extra)}")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0007_article_running_live_index"),
    ]
    operations = [migrations.RunPython(recreate(", content_type_id"), recreate(""))]
