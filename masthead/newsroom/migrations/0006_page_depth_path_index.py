"""An index on Wagtail's page table for ``child_of()``: ``depth = N AND path LIKE 'parent%'``.

Wagtail indexes ``path`` alone, and a prefix of the site root matches every page: the section menu (the home
page's children, on every reader page) read all 100,000 article rows to find five sections. Led by ``depth``, the
index finds a page's children directly; on PostgreSQL ``varchar_pattern_ops`` serves the ``LIKE`` prefix whatever
the database's collation, and the included columns let a section's list be counted and paged from the index.
"""

from django.db import migrations

INDEX = "newsroom_page_depth_path"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
            "(depth, path varchar_pattern_ops) INCLUDE (live, first_published_at, id)"
        )
    else:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_author_profile_canonical_url_live_kind"),
    ]
    operations = [migrations.RunPython(create, drop)]
