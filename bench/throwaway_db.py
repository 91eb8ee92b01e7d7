"""Django for a benchmark: settings on a throw-away SQLite database, tasks run in-process."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_on_throwaway_db() -> tempfile.TemporaryDirectory:
    """Set Django up on a new SQLite file; keep the returned folder alive while it is used."""
    workdir = tempfile.TemporaryDirectory(prefix="gigwise-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return workdir
