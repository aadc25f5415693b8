"""PostgreSQL: a GIN index on the expression Wagtail's database backend searches (title || body).

The backend matches ``title || body`` (so one query covers headline and text); separate indexes on the two
columns cannot serve that, and every search became a scan of the whole index table. SQLite uses FTS5 and
needs nothing.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING GIN (("title" || "body"))'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]
    operations = [migrations.RunPython(create, drop)]
