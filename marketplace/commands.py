"""What Gigwise's management commands share: they stop with one clear line, not a traceback,
when the database has not been migrated (straight after `make install`, say)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def database_ready() -> None:
    """CommandError when migrations have not all been applied to the default database."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return
    if not executor.loader.applied_migrations:
        said = "The database has no tables yet"
    else:
        waiting = ", ".join(sorted({migration.app_label for migration, _backwards in plan}))
        said = f"The database is behind the code: {len(plan)} migration(s) to apply ({waiting})"
    raise CommandError(f"{said}. Run `python manage.py migrate` first (`make run` does it).")


class DatabaseCommand(BaseCommand):
    """A command that reads or writes the database: Django's migration check, made to stop."""

    requires_migrations_checks = True

    def check_migrations(self) -> None:
        database_ready()
