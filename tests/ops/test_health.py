"""/health/ reports the outbox backlog and unresolved dead letters as warnings (200), and a
dependency that is down as a failure (500), in the JSON that monitoring reads."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from health_check.exceptions import ServiceUnavailable

from marketplace.health import Broker
from ops.models import DeadLetter, OutboxMessage

UNREACHABLE = "redis://127.0.0.1:1/0"


def health_json(client):
    """GET /health/ asking for JSON, from a thread of its own (the view is async; see
    tests/marketplace/test_health.py). Its checks read the database on other connections: the
    tests that plant rows commit them (transaction=True)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(client.get, "/health/", HTTP_ACCEPT="application/json").result()
    assert response["Content-Type"] == "application/json"
    checks = {key.split("(", 1)[0]: value for key, value in response.json().items()}
    return response.status_code, checks


@pytest.mark.django_db(transaction=True)
def test_an_empty_outbox_and_no_dead_letters_are_ok(client):
    _status, checks = health_json(client)

    assert checks["OutboxBacklog"] == "OK"
    assert checks["DeadLetters"] == "OK"


@pytest.fixture
def services_up(request):
    """With a broker configured, /health/ pings Celery workers too: start one."""
    if settings.CELERY_BROKER_URL:
        request.getfixturevalue("celery_worker_thread")


@pytest.mark.django_db(transaction=True)
def test_old_pending_messages_and_dead_letters_are_warnings_not_failures(client, services_up):
    OutboxMessage.objects.create(task_name="marketplace.ping")  # fresh: not a backlog yet
    for minutes in (6, 30):
        OutboxMessage.objects.create(
            task_name="marketplace.ping", created_at=timezone.now() - timedelta(minutes=minutes)
        )
    OutboxMessage.objects.create(
        task_name="marketplace.ping",
        created_at=timezone.now() - timedelta(hours=1),
        sent_at=timezone.now(),
    )
    DeadLetter.objects.create(task_name="x", exception_class="builtins.ValueError")
    DeadLetter.objects.create(
        task_name="y", exception_class="builtins.ValueError", resolved_at=timezone.now()
    )

    status, checks = health_json(client)

    assert checks["OutboxBacklog"] == (
        "Warning: 2 tasks waiting in the outbox for more than 5 minutes"
    )
    assert checks["DeadLetters"] == (
        "Warning: 1 unresolved dead letter (admin: Operations > Dead letters)"
    )
    assert checks["Database"] == "OK"
    assert status == 200  # the site serves: a load balancer must keep it


@pytest.mark.django_db(transaction=True)
def test_a_dependency_down_still_answers_500_beside_the_warnings(client):
    DeadLetter.objects.create(task_name="x", exception_class="builtins.ValueError")
    backend = "django.core.cache.backends.redis.RedisCache"
    unreachable_cache = {"default": {"BACKEND": backend, "LOCATION": UNREACHABLE}}
    with override_settings(CACHES=unreachable_cache):
        status, checks = health_json(client)

    assert status == 500
    assert checks["Cache"] != "OK"
    assert checks["DeadLetters"].startswith("Warning:")


@pytest.mark.django_db(transaction=True)
def test_the_degrading_cache_down_is_reported_by_the_cache_check(client):
    down = {"default": {"BACKEND": "ops.cache.DegradingRedisCache", "LOCATION": UNREACHABLE}}
    with override_settings(CACHES=down):
        status, checks = health_json(client)

    assert status == 500
    assert checks["Cache"].startswith("Unavailable")


def test_the_broker_check_connects_to_the_broker(broker_url, monkeypatch):
    Broker().run()  # the configured broker answers

    monkeypatch.setenv("CELERY_BROKER_URL", UNREACHABLE)  # Celery reads it before its setting
    with pytest.raises(ServiceUnavailable, match="Broker unreachable"):
        Broker().run()
