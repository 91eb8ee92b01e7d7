"""Throw-away databases for benchmarks: SQLite with Django in-process, or PostgreSQL."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_on(db_url: str, **environment: str) -> None:
    """Set Django up in this process on `db_url`, tasks eager; `environment` adds variables."""
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def django_on_throwaway_db() -> tempfile.TemporaryDirectory:
    """Set Django up on a new SQLite file; keep the returned folder alive while it is used."""
    workdir = tempfile.TemporaryDirectory(prefix="gigwise-bench-")
    django_on(f"sqlite:///{workdir.name}/bench.sqlite3")
    return workdir


class PostgresThrowawayDb:
    """A new, empty PostgreSQL database on a local server, dropped by `drop()` (even in use).

    For benchmarks that run servers in other processes (bench/load/): the database outlives
    this process's connections, so it is named and dropped explicitly, not by a context.
    """

    def __init__(self, *, host: str = "127.0.0.1", port: int = 5432, user: str = "postgres",
                 prefix: str = "gigwise_bench") -> None:  # fmt: skip
        self.host, self.port, self.user = host, port, user
        self.name = f"{prefix}_{os.getpid()}"

    @property
    def url(self) -> str:
        return f"postgres://{self.user}@{self.host}:{self.port}/{self.name}"

    def _admin(self, sql: str) -> None:
        import psycopg

        dsn = f"host={self.host} port={self.port} user={self.user} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(sql)

    def comment(self, text: str | None = None) -> str | None:
        """Set the database's comment, or read it: None when the database does not exist."""
        import psycopg
        from psycopg import sql

        dsn = f"host={self.host} port={self.port} user={self.user} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            if text is not None:
                connection.execute(
                    sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                        sql.Identifier(self.name), sql.Literal(text)
                    )
                )
            row = connection.execute(
                "SELECT coalesce(shobj_description(oid, 'pg_database'), '') "
                "FROM pg_database WHERE datname = %s",
                [self.name],
            ).fetchone()
        return row[0] if row else None

    def create(self) -> "PostgresThrowawayDb":
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def drop(self) -> None:
        # WITH (FORCE) (PostgreSQL 13+) ends the sessions still connected: gunicorn, celery.
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
