"""Fixtures for the project-level tests: the deployment files parsed. (The real Celery worker is
tests/celery_worker.py, registered for every test in tests/conftest.py.)"""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

# "NAME=value" or "# NAME=value" (documented, default applies).
ENV_EXAMPLE_LINE = re.compile(r"^#?\s*(?P<name>[A-Z][A-Z0-9_]*)=")


@pytest.fixture(scope="session")
def env_example() -> dict[str, str]:
    """Variables .env.example documents (set or commented out) -> the comments of their block."""
    documented: dict[str, str] = {}
    block: list[str] = []
    for raw in (Path(settings.BASE_DIR) / ".env.example").read_text().splitlines():
        line = raw.strip()
        if not line:
            block = []
        elif match := ENV_EXAMPLE_LINE.match(line):
            documented[match["name"]] = " ".join(block)
        elif line.startswith("#"):
            block.append(line.lstrip("# "))
    return documented


@pytest.fixture(scope="session")
def compose() -> dict:
    return yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())


@pytest.fixture(scope="session")
def compose_variables(compose) -> set[str]:
    """Variables the compose file interpolates (${NAME...}) or sets in a service's environment."""
    text = (Path(settings.BASE_DIR) / "docker-compose.yml").read_text()
    # $${NAME} is escaped: the container's shell expands it, not compose.
    names = set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", text))
    for service in compose["services"].values():
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.partition("=")[::2] for item in environment)
        names |= set(environment)
    return names
