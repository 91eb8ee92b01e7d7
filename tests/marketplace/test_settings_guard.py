"""Settings refuse an unsafe production start and pass Django's deployment checklist.

Each case runs manage.py in a fresh process with a controlled environment, as a server would.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

MANAGE_PY = Path(settings.BASE_DIR) / "manage.py"
DOT_ENV = Path(settings.BASE_DIR) / ".env"
REFUSAL = "Gigwise cannot start: SECRET_KEY is not set and DEBUG is off"
# Only what a process needs to run; none of the suite's own settings (pyproject.toml's env).
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def manage(*args: str, tmp_path: Path, **variables: str | None) -> subprocess.CompletedProcess:
    environment = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HF_HUB_OFFLINE": "1",
    }
    for name, value in variables.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [sys.executable, str(MANAGE_PY), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_variables(**overrides: str) -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "gigwise.example.com",
        "CSRF_TRUSTED_ORIGINS": "https://gigwise.example.com",
        **overrides,
    }


@pytest.mark.parametrize("debug", [None, "0", "false"], ids=["unset", "0", "false"])
def test_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path, debug):
    if (
        debug is None
        and DOT_ENV.exists()
        and re.search(r"^\s*DEBUG\s*=", DOT_ENV.read_text(), re.M)
    ):
        pytest.skip("the local .env sets DEBUG, so it cannot be left unset here")

    result = manage("check", tmp_path=tmp_path, SECRET_KEY="", DEBUG=debug)

    assert result.returncode != 0
    assert REFUSAL in result.stderr
    assert "Traceback" not in result.stderr
    assert "Set SECRET_KEY" in result.stderr


def test_starts_without_secret_key_in_debug_mode(tmp_path):
    result = manage("check", tmp_path=tmp_path, SECRET_KEY="", DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            "BEHIND_TLS_PROXY": "1",
            "REDIS_URL": "redis://redis:6379/0",
            "CELERY_BROKER_URL": "redis://redis:6379/1",
        },
    ],
    ids=["direct-tls", "behind-proxy-with-redis"],
)
def test_deploy_checklist_is_clean_with_production_settings(tmp_path, extra):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        **production_variables(**extra),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_checklist_flags_a_weakened_setting(tmp_path):
    """The clean result above means something: turning HSTS off is reported."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        **production_variables(SECURE_HSTS_SECONDS="0"),
    )

    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


@pytest.mark.parametrize(("value", "expected"), [(None, "False"), ("1", "True")])
def test_server_side_cursors_can_be_turned_off_for_pgbouncer(tmp_path, value, expected):
    show = "from django.db import connection; print(connection.settings_dict[{key!r}])"
    result = manage(
        "shell",
        "-c",
        show.format(key="DISABLE_SERVER_SIDE_CURSORS"),
        tmp_path=tmp_path,
        DEBUG="1",
        DB_DISABLE_SERVER_SIDE_CURSORS=value,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
