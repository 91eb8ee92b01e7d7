"""GIN index over Project.search_vector, on PostgreSQL only.

SQLite has no tsvector or GIN; there the project search falls back to plain matching, so the
index is created only where full-text search runs.
"""

from django.db import migrations

INDEX = "projects_project_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON projects_project USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_marketplace_core")]

    operations = [migrations.RunPython(create_index, drop_index)]
