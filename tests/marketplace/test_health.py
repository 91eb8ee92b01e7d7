"""/health/ tells a load balancer, without a login, whether the site's services answer."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.test import override_settings


def get_health(client, path="/health/"):
    """GET /health/?format=json (or another probe) from a thread of its own.

    The health view is async, and the test client runs it through async_to_sync, which refuses
    a thread with a running event loop; pytest-playwright leaves one in the main thread for the
    rest of the session once a browser test has run.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(client.get, path, {"format": "json"}).result()


def checks_by_name(payload: dict) -> dict:
    """{"Database(alias='default')": "OK"} -> {"Database": "OK"}"""
    return {key.split("(", 1)[0]: value for key, value in payload.items()}


@pytest.fixture
def services_up(request):
    """With a broker configured, /health/ also pings Celery workers: start one."""
    if settings.CELERY_BROKER_URL:
        request.getfixturevalue("celery_worker_thread")
    else:
        request.getfixturevalue("db")


def test_health_reports_database_and_cache_ok_to_anonymous_visitor(client, services_up):
    response = get_health(client)

    assert response.status_code == 200, response.content
    checks = checks_by_name(response.json())
    assert checks["Database"] == "OK"
    assert checks["Cache"] == "OK"
    assert set(checks.values()) == {"OK"}
    assert "no-cache" in response["Cache-Control"]


def test_health_checks_redis_and_celery_when_configured(client, services_up):
    checks = checks_by_name(get_health(client).json())

    if settings.REDIS_URL:
        assert checks["Redis"] == "OK"
    if settings.CELERY_BROKER_URL:
        assert checks["Ping"] == "OK"
    if not settings.REDIS_URL and not settings.CELERY_BROKER_URL:
        assert set(checks) == {"Database", "Cache", "OutboxBacklog", "DeadLetters"}


def test_health_answers_500_naming_the_failing_service(client, db):
    unreachable_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable_cache):
        response = get_health(client)

    assert response.status_code == 500
    checks = checks_by_name(response.json())
    assert checks["Cache"] != "OK"
    assert checks["Database"] == "OK"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_is_served_over_plain_http_for_internal_probes(client, services_up):
    assert client.get("/").status_code == 301

    response = get_health(client)

    assert response.status_code == 200
    assert checks_by_name(response.json())["Database"] == "OK"


def test_the_load_balancers_probe_stays_up_when_the_shared_services_are_down(client, db):
    # With Redis, the broker and every worker down, the pages still serve (the cache degrades,
    # tasks wait in the outbox): a balancer probing /health/ would take every node out at once.
    unreachable = "redis://127.0.0.1:1/0"
    shared_services_down = {
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": unreachable,
            }
        },
        "CELERY_BROKER_URL": unreachable,
    }
    with override_settings(**shared_services_down):
        assert get_health(client).status_code == 500
        node = get_health(client, "/health/node/")

    assert node.status_code == 200, node.content
    assert checks_by_name(node.json()) == {"Database": "OK"}
    assert "no-cache" in node["Cache-Control"]


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_node_probe_is_served_over_plain_http(client, db):
    assert get_health(client, "/health/node/").status_code == 200
