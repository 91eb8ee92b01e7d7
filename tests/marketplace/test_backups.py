"""bin/backup-db and bin/restore-db: a seeded database dumped and restored has every row back.

The test builds its own throwaway databases on the test run's PostgreSQL server (never the
test database pytest-django made, never the live one): a source, migrated and seeded with the
demo marketplace by the real commands, and a target to restore into. Both are dropped after.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from psycopg import sql

from tests.celery_worker import skip_or_fail

BASE_DIR = Path(settings.BASE_DIR)
BACKUP = BASE_DIR / "bin" / "backup-db"
RESTORE = BASE_DIR / "bin" / "restore-db"
# Per command: migrate (~40 s on a busy machine), import_skills (~5 s), seed_demo --size small
# (~40 s alone, ~110 s on a machine running other test suites).
SEED_TIMEOUT = 300
DEMO_SIZE = "small"  # "tiny" (40 people instead of 200) seeds in about a quarter of the time
TOOL_TIMEOUT = 120

DROP = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
TABLES = sql.SQL(
    "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg_toast%%' ORDER BY 1, 2"
)


def server() -> dict:
    database = settings.DATABASES["default"]
    return {
        "host": database.get("HOST") or "127.0.0.1",
        "port": str(database.get("PORT") or 5432),
        "user": database.get("USER") or "postgres",
        "password": database.get("PASSWORD") or "",
    }


def url_for(name: str) -> str:
    s = server()
    credentials = quote(s["user"], safe="")
    if s["password"]:
        credentials += ":" + quote(s["password"], safe="")
    return f"postgres://{credentials}@{s['host']}:{s['port']}/{name}"


def admin_connection():
    s = server()
    return psycopg.connect(
        host=s["host"],
        port=s["port"],
        user=s["user"],
        password=s["password"] or None,
        dbname="postgres",
        autocommit=True,
    )


def row_counts(name: str) -> dict[str, int]:
    """Exact rows in every table of the database (SELECT count(*), not the planner's guess)."""
    s = server()
    with psycopg.connect(
        host=s["host"], port=s["port"], user=s["user"], password=s["password"] or None, dbname=name
    ) as conn:
        tables = conn.execute(TABLES).fetchall()
        return {
            f"{schema}.{table}": conn.execute(
                sql.SQL("SELECT count(*) FROM {}.{}").format(
                    sql.Identifier(schema), sql.Identifier(table)
                )
            ).fetchone()[0]
            for schema, table in tables
        }


def run(command: list, *, env: dict, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def throwaway_databases():
    """Two new, empty databases on the test server, dropped whatever happens."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "bin/backup-db and bin/restore-db dump and restore PostgreSQL; this run uses "
            f"{connection.vendor} (set DATABASE_URL to a PostgreSQL server)"
        )
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            skip_or_fail(f"{tool} is not installed (postgresql-client)")
    names = [f"gw_backup_{os.getpid()}_source", f"gw_backup_{os.getpid()}_restored"]
    with admin_connection() as conn:
        for name in names:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield names
    finally:
        with admin_connection() as conn:
            for name in names:
                conn.execute(DROP.format(sql.Identifier(name)))


def seed(name: str, tmp_path: Path) -> None:
    """migrate, the built-in taxonomy and `seed_demo`, as a demo server runs them."""
    env = {
        **os.environ,
        "DATABASE_URL": url_for(name),
        # A broker that refuses connections (port 1), and no worker: the seed's tasks (mostly
        # embeddings, minutes of model time) wait in the outbox table as they would during a
        # broker outage, so the dump holds pending ops.OutboxMessage rows too. Nothing reaches
        # the test run's Redis.
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
        "CELERY_RESULT_BACKEND": "",
        "REDIS_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        # The demo generator's own data only: the same seed on any machine, in bounded time.
        "GIGWISE_DATA_DIR": str(tmp_path / "no-reference-data"),
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["import_skills", "--builtin-only"],
        ["seed_demo", "--size", DEMO_SIZE, "--allow-without-debug"],
    ):
        done = run(manage + command, env=env, timeout=SEED_TIMEOUT)
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"


@pytest.mark.postgres
def test_a_backup_restored_into_a_new_database_has_every_row_of_every_table(
    throwaway_databases, tmp_path
):
    source, restored = throwaway_databases
    started = time.monotonic()
    seed(source, tmp_path)
    seeded = time.monotonic()
    dump = tmp_path / "backups" / "gigwise.dump"

    backup = run([BACKUP, str(dump)], env={**os.environ, "DATABASE_URL": url_for(source)},
                 timeout=TOOL_TIMEOUT)  # fmt: skip
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_size > 0
    assert f"wrote {dump}" in backup.stdout
    assert not list(dump.parent.glob(".*partial")), "the temporary file was left behind"

    # The target comes from the command line here; DATABASE_URL (the source) must not be used.
    env = {**os.environ, "DATABASE_URL": url_for(source)}
    restore = run([RESTORE, str(dump), url_for(restored)], env=env, timeout=TOOL_TIMEOUT)
    assert restore.returncode == 0, restore.stderr
    assert f"into database '{restored}'" in restore.stdout

    expected, actual = row_counts(source), row_counts(restored)
    assert actual == expected
    # Not two empty schemas: the demo is there, people, projects and the taxonomy.
    assert len(expected) > 50
    for table in ("public.accounts_user", "public.projects_project", "public.projects_skill"):
        assert expected[table] > 0, table
    print(  # noqa: T201 - the timings, for docs/OPERATIONS.md
        f"\nseed {seeded - started:.0f} s, backup and restore {time.monotonic() - seeded:.0f} s, "
        f"{len(expected)} tables, {sum(expected.values())} rows"
    )


@pytest.mark.postgres
def test_restore_refuses_a_database_that_is_not_empty_unless_forced(throwaway_databases, tmp_path):
    source, target = throwaway_databases
    with psycopg.connect(url_for(source)) as conn:
        conn.execute("CREATE TABLE kept (id int)")
        conn.execute("INSERT INTO kept SELECT generate_series(1, 7)")
    with psycopg.connect(url_for(target)) as conn:
        conn.execute("CREATE TABLE precious (id int)")
        conn.execute("INSERT INTO precious VALUES (1)")
    dump = tmp_path / "small.dump"
    env = {**os.environ, "DATABASE_URL": url_for(source)}
    assert run([BACKUP, str(dump)], env=env, timeout=TOOL_TIMEOUT).returncode == 0

    refused = run([RESTORE, str(dump), url_for(target)], env=env, timeout=TOOL_TIMEOUT)

    assert refused.returncode == 2
    assert "is not empty" in refused.stderr
    assert "--force" in refused.stderr
    assert row_counts(target) == {"public.precious": 1}

    forced = run([RESTORE, "--force", str(dump), url_for(target)], env=env, timeout=TOOL_TIMEOUT)

    assert forced.returncode == 0, forced.stderr
    assert row_counts(target) == {"public.kept": 7, "public.precious": 1}


def test_backup_refuses_a_database_url_that_is_not_postgresql(tmp_path):
    done = run([BACKUP, str(tmp_path / "x.dump")],
               env={**os.environ, "DATABASE_URL": "sqlite:///db.sqlite3"}, timeout=30)  # fmt: skip

    assert done.returncode == 1
    assert "not a PostgreSQL URL" in done.stderr
    assert not (tmp_path / "x.dump").exists()
