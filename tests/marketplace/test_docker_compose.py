"""docker-compose.yml and the Dockerfile describe the production deployment (read, not run)."""

import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings

DOCKERFILE = Path(settings.BASE_DIR) / "Dockerfile"


def command_of(service: dict) -> str:
    command = service.get("command", "")
    return command if isinstance(command, str) else shlex.join(command)


def test_compose_has_the_services_of_the_design(compose):
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(compose["services"])


@pytest.mark.parametrize(("service", "image"), [("postgres", "postgres:15"), ("redis", "redis:7")])
def test_data_stores_use_the_supported_major_versions(compose, service, image):
    assert compose["services"][service]["image"] == image


def test_web_runs_gunicorn_on_the_wsgi_application(compose):
    command = command_of(compose["services"]["web"])
    assert re.search(r"\bgunicorn\b.*\bmarketplace\.wsgi\b", command)


def test_worker_runs_a_celery_worker_of_the_project(compose):
    assert "celery -A marketplace worker" in command_of(compose["services"]["worker"])


def test_beat_runs_celery_beat_with_the_database_scheduler(compose):
    command = command_of(compose["services"]["beat"])
    assert "celery -A marketplace beat" in command
    assert "django_celery_beat.schedulers:DatabaseScheduler" in command


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_application_services_build_this_repository_and_read_dot_env(compose, name):
    service = compose["services"][name]
    assert service["build"] == "."
    assert service["env_file"] in (".env", [".env"])
    environment = service["environment"]
    for variable in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        assert variable in environment
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_application_services_wait_for_healthy_data_stores_and_migrations(compose, name):
    depends_on = compose["services"][name]["depends_on"]
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"
    assert depends_on["migrate"]["condition"] == "service_completed_successfully"
    assert "manage.py migrate" in command_of(compose["services"]["migrate"])


@pytest.mark.parametrize("name", ["postgres", "redis", "web", "worker"])
def test_long_running_services_have_a_healthcheck(compose, name):
    assert compose["services"][name]["healthcheck"]["test"]


def test_web_healthcheck_probes_the_nodes_own_health(compose):
    # Not /health/, which fails on every node alike when the shared workers are down.
    probe = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    assert "/health/node/" in probe


def test_every_variable_compose_uses_is_in_env_example(compose_variables, env_example):
    missing = sorted(compose_variables - env_example.keys())
    assert not missing, f"document these in .env.example: {missing}"


def dockerfile_instructions() -> list[str]:
    """Instructions with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def test_dockerfile_installs_cpu_torch_before_the_locked_requirements():
    runs = [line for line in dockerfile_instructions() if line.startswith("RUN ")]
    torch = next(
        i for i, line in enumerate(runs) if "pip install" in line and "torch==2.13.0" in line
    )
    lock = next(i for i, line in enumerate(runs) if "-r requirements.lock" in line)
    assert torch < lock


def test_dockerfile_builds_on_python_311_slim_and_runs_gunicorn_as_non_root():
    instructions = dockerfile_instructions()
    assert instructions[0].startswith("FROM python:3.11-slim")
    assert any("collectstatic" in line for line in instructions)
    users = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert users
    assert users[-1] not in {"root", "0"}
    assert "gunicorn" in next(line for line in instructions if line.startswith("CMD "))


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = (Path(settings.BASE_DIR) / ".dockerignore").read_text().split()
    for entry in (".env", ".git", ".venv", "db.sqlite3"):
        assert entry in ignored
