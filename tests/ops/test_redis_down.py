"""Redis down: pages still answer from the database, writes still commit, and the tasks they
enqueue wait in the outbox until the broker is back and the relay sends them.

The test runs a Redis server of its own (port 6391), used as the cache and the broker, and
shuts it down in the middle. Sessions live in the database, so a signed-in person stays signed
in; django-axes and the abuse limits (django-ratelimit) let people through instead of failing.
"""

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from marketplace.celery import app as celery_app
from ops.models import OutboxMessage
from ops.services import outbox
from projects.models import Proposal
from tests.factories import PASSWORD, FreelancerFactory, ProjectFactory

from .conftest import queued_task_names, wait_until

PORT = 6391
CACHE_URL = f"redis://127.0.0.1:{PORT}/0"
BROKER_URL = f"redis://127.0.0.1:{PORT}/1"


class OwnRedis:
    """A throw-away redis-server (no persistence) that the test can stop and start again."""

    def start(self) -> None:
        subprocess.run(
            ["redis-server", "--port", str(PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "yes"],
            check=True, capture_output=True,
        )  # fmt: skip
        wait_until(self.answers, 10, f"redis-server on port {PORT} to answer")

    def answers(self) -> bool:
        try:
            return redis.Redis(port=PORT, socket_connect_timeout=0.2).ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        subprocess.run(
            ["redis-cli", "-p", str(PORT), "shutdown", "nosave"], capture_output=True, check=False
        )
        wait_until(lambda: not self.answers(), 10, f"redis-server on port {PORT} to stop")


@pytest.fixture
def own_redis() -> Iterator[OwnRedis]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = OwnRedis()
    if server.answers():
        pytest.fail(f"Something already listens on port {PORT}", pytrace=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def on_own_redis(own_redis, settings, monkeypatch) -> Iterator[OwnRedis]:
    """Cache and broker on the test's own Redis, tasks through the broker (not eager)."""
    # Celery reads the variable before its own setting.
    monkeypatch.setenv("CELERY_BROKER_URL", BROKER_URL)
    settings.CACHES = {
        "default": {
            "BACKEND": "ops.cache.DegradingRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "gigwise-test",
        }
    }
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url=BROKER_URL)
    outbox._broker_down_until = 0.0
    try:
        yield own_redis
    finally:
        celery_app.conf.update(saved)
        outbox._broker_down_until = 0.0


def pages(project) -> list[str]:
    return [
        reverse("projects:dashboard"),
        reverse("projects:project-list"),
        reverse("matching:gig-feed"),
        reverse("projects:project-detail", args=[project.pk]),
    ]


def proposal_form() -> dict:
    return {
        "cover_letter": "I have built three marketplaces in Django.",
        "bid_amount": "1500",
        "currency": "USD",
        "estimated_duration_weeks": "4",
    }


def test_sessions_do_not_live_in_the_cache():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


@pytest.mark.django_db
def test_with_redis_down_pages_answer_writes_commit_and_tasks_wait_for_the_relay(
    client, on_own_redis, django_capture_on_commit_callbacks
):
    freelancer = FreelancerFactory(email="dev@example.com")
    project = ProjectFactory()
    assert client.post(
        reverse("account_login"), {"login": freelancer.email, "password": PASSWORD}
    ).status_code == 302  # fmt: skip
    for url in pages(project):
        assert client.get(url).status_code == 200, url
    assert redis.Redis.from_url(CACHE_URL).dbsize() > 0, "the pages did not use the cache"

    on_own_redis.stop()

    started = time.monotonic()
    for url in pages(project):
        assert client.get(url).status_code == 200, url
    # Signing in again goes through django-axes, allauth's and Gigwise's limits: all need the
    # cache, none refuses.
    client.logout()
    login = client.post(reverse("account_login"), {"login": freelancer.email, "password": PASSWORD})
    assert login.status_code == 302, login.content.decode()[:500]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("projects:proposal-submit", args=[project.pk]), proposal_form()
        )
    elapsed = time.monotonic() - started
    proposal = Proposal.objects.get(project=project, freelancer=freelancer)
    assert response.status_code == 302
    assert response.url == reverse("projects:proposal-detail", args=[proposal.pk])
    assert elapsed < 10, f"pages waited for the missing Redis ({elapsed:.1f} s)"

    # The employer's e-mail task waits in the outbox: the publication after commit failed.
    waiting = OutboxMessage.objects.get(task_name="projects.notification_email_send")
    assert waiting.sent_at is None
    assert waiting.attempts == 1
    assert "Error" in waiting.last_error
    assert "dev@example.com" not in waiting.last_error
    with pytest.raises(SystemExit):
        call_command("relay_outbox")  # the broker is still down: it says so and exits 1
    assert OutboxMessage.objects.pending().count() == OutboxMessage.objects.count()

    on_own_redis.start()
    call_command("relay_outbox")

    assert not OutboxMessage.objects.pending().exists()
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    # On the notifications queue, where e-mails go (settings.CELERY_TASK_ROUTES).
    assert "projects.notification_email_send" in queued_task_names(BROKER_URL, "notifications")
    # Sent once: a second relay pass finds nothing to send.
    before = len(queued_task_names(BROKER_URL, "notifications"))
    call_command("relay_outbox")
    assert len(queued_task_names(BROKER_URL, "notifications")) == before


@pytest.mark.django_db(transaction=True)
def test_publications_share_a_connection_and_recover_when_the_broker_restarts(on_own_redis):
    """Tasks sent one after another reuse the pooled broker connection; when the broker goes
    away under it, the broken connection is dropped and, once the broker is back, the relay
    and later publications connect again."""
    stats = redis.Redis(port=PORT)  # one connection of its own, opened before counting

    def connections_received() -> int:
        return stats.info("stats")["total_connections_received"]

    first = outbox.enqueue("marketplace.ping")  # autocommit: sent at once, the pool connects
    before = connections_received()
    sent = [first, *(outbox.enqueue("marketplace.ping") for _ in range(5))]
    assert all(OutboxMessage.objects.get(pk=m.pk).sent_at for m in sent)
    assert connections_received() == before, "the tasks opened new broker connections"

    on_own_redis.stop()
    waiting = outbox.enqueue("marketplace.ping")
    waiting.refresh_from_db()
    assert waiting.sent_at is None
    assert waiting.attempts == 1

    on_own_redis.start()
    assert outbox.outbox_relay()["sent"] == 1
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    later = outbox.enqueue("marketplace.ping")
    later.refresh_from_db()
    assert later.sent_at is not None, later.last_error
    assert len(queued_task_names(BROKER_URL, "celery")) == 2  # the restarted broker's queue
