"""PostgreSQL: keep the title and body vectors of Wagtail's index entries in the row, not in TOAST.

Ranking reads the body vector of every match (``ts_rank``). An article's body vector is about 2 KB, just over
PostgreSQL's 2 KB threshold, so by default each one was moved out to the TOAST table: ranking 4,400 matches
meant 4,400 extra TOAST index lookups (~18,000 buffer reads) and took ~30 ms; with the vectors in the row it
takes ~10 ms (masthead/search/README.md, "Search at 100,000 articles"). ``STORAGE MAIN`` keeps a value in line
unless the row cannot fit a page at all, so very long articles still work.

The setting only applies to rows written after it, so the same statement rewrites the table once (a no-op
type change with USING): the rows come out compact, the indexes rebuilt. It takes ~30 s per 100,000 entries on
a small server, during which searches and index updates wait. SQLite uses FTS5 and needs nothing.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def keep_in_line(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The type change with USING forces the rewrite; PostgreSQL applies SET STORAGE before it writes the rows.
    # (An UPDATE would do too, but leaves a dead copy of every row and of every index entry behind.)
    schema_editor.execute(
        f"ALTER TABLE {TABLE}"
        " ALTER COLUMN title TYPE tsvector USING title || ''::tsvector,"
        " ALTER COLUMN body TYPE tsvector USING body || ''::tsvector,"
        " ALTER COLUMN title SET STORAGE MAIN, ALTER COLUMN body SET STORAGE MAIN"
    )


def back_to_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE EXTENDED, ALTER COLUMN body SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_title_body_gin_index")]
    operations = [migrations.RunPython(keep_in_line, back_to_default)]
