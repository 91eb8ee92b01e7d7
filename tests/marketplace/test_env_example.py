"""settings.py and .env.example cannot drift: every variable read is documented, and back."""

import re
from pathlib import Path

import pytest
from django.conf import settings

SETTINGS_PY = Path(settings.BASE_DIR) / "marketplace" / "settings.py"
# env("NAME", ...), env.bool("NAME", ...), env.db("NAME"), os.environ.get("NAME"), os.getenv(...)
READ = re.compile(
    r"""\b(?:env(?:\.\w+)?|os\.environ\.get|os\.getenv|os\.environ)\s*[\(\[]\s*["'](?P<name>[A-Z][A-Z0-9_]*)["']"""
)
# if "EMAIL_URL" in env:
MEMBERSHIP = re.compile(r"""["'](?P<name>[A-Z][A-Z0-9_]*)["']\s+in\s+(?:env|os\.environ)\b""")


def variables_read_by(source: str) -> set[str]:
    return {m["name"] for pattern in (READ, MEMBERSHIP) for m in pattern.finditer(source)}


@pytest.fixture(scope="module")
def settings_variables() -> set[str]:
    return variables_read_by(SETTINGS_PY.read_text())


def test_parser_recognises_every_way_settings_reads_a_variable():
    source = """
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str('SECRET_KEY', default="")
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite://")}
TOKEN = env("API_TOKEN")
PATH = env.path(
    "SOME_DIR", default="/tmp"
)
if "EMAIL_URL" in env:
    pass
LEVEL = os.environ.get("LOG_LEVEL", "INFO")
"""
    assert variables_read_by(source) == {
        "DEBUG",
        "SECRET_KEY",
        "DATABASE_URL",
        "API_TOKEN",
        "SOME_DIR",
        "EMAIL_URL",
        "LOG_LEVEL",
    }


def test_settings_reads_the_core_variables(settings_variables):
    assert {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= (
        settings_variables
    )


def test_every_variable_settings_reads_is_in_env_example(settings_variables, env_example):
    missing = sorted(settings_variables - env_example.keys())
    assert not missing, f"document these in .env.example (meaning and default): {missing}"


def test_env_example_lists_nothing_that_is_not_used(
    settings_variables, compose_variables, env_example
):
    stale = sorted(env_example.keys() - settings_variables - compose_variables)
    assert not stale, f".env.example documents variables nothing reads: {stale}"


def test_every_variable_in_env_example_says_what_it_is_for(env_example):
    unexplained = sorted(name for name, comment in env_example.items() if len(comment) < 15)
    assert not unexplained, f"add a comment (meaning, default) above: {unexplained}"


def test_env_example_sets_no_secret(env_example):
    text = (Path(settings.BASE_DIR) / ".env.example").read_text()
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD"):
        assert re.search(rf"^{name}=$", text, re.M), f"{name} must be left empty in .env.example"
