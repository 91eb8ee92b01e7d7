"""The transactional outbox: a task is sent only if its transaction commits, and never lost
when the broker is down: it waits in the outbox until the relay sends it, oldest first, once."""

import json
import threading
import time
from datetime import timedelta

import pytest
import redis
import structlog
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from ops.models import OutboxMessage
from ops.services import outbox
from ops.services.outbox import enqueue, outbox_relay
from projects.models import Notification, NotificationKind
from projects.services.notifications import notify
from tests.factories import FreelancerFactory

from .conftest import queue_length, queued_task_names

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def queued_ids(url: str, queue: str) -> list[str]:
    client = redis.Redis.from_url(url)
    # kombu pushes on the left and workers pop on the right: the oldest is last in the list.
    return [json.loads(raw)["headers"]["id"] for raw in reversed(client.lrange(queue, 0, -1))]


@pytest.mark.django_db
def test_without_a_broker_the_task_runs_after_commit_as_before(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = FreelancerFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(user=person, kind=NotificationKind.HIRED, title="You are hired", event_key="e1")
        assert mailoutbox == []

    assert len(mailoutbox) == 1
    assert Notification.objects.get().emailed_at is not None
    assert not OutboxMessage.objects.exists()  # eager mode keeps no rows


@pytest.mark.django_db
def test_the_message_is_written_with_the_change_and_published_after_commit(
    real_broker, ping_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = enqueue("marketplace.ping")
            assert OutboxMessage.objects.pending().get() == message
        assert queue_length(real_broker, ping_queue) == 0  # nothing left before the commit

    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 1
    assert queued_task_names(real_broker, ping_queue) == ["marketplace.ping"]
    assert queued_ids(real_broker, ping_queue) == [str(message.task_id)]


@pytest.mark.django_db
def test_a_rolled_back_change_sends_nothing(
    real_broker, ping_queue, django_capture_on_commit_callbacks
):
    def change_that_fails() -> None:
        with transaction.atomic():
            enqueue("marketplace.ping")
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_that_fails()

    assert not OutboxMessage.objects.exists()
    assert queue_length(real_broker, ping_queue) == 0


@pytest.mark.django_db
def test_the_request_id_is_kept_with_the_message(real_broker):
    with structlog.contextvars.bound_contextvars(request_id="req-42"):
        message = enqueue("marketplace.ping", 1, flag=True)

    assert (message.request_id, message.args, message.kwargs) == ("req-42", [1], {"flag": True})


@pytest.mark.django_db
def test_broker_down_the_row_waits_and_the_relay_sends_it_later_oldest_first(
    real_broker, ping_queue, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setenv("CELERY_BROKER_URL", UNREACHABLE_BROKER)  # Celery reads it first
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue("marketplace.ping")
    took = time.monotonic() - started
    with django_capture_on_commit_callbacks(execute=True):
        second = enqueue("marketplace.ping")

    first.refresh_from_db()
    second.refresh_from_db()
    assert took < 3, f"the commit waited {took:.1f} s for the broker"
    assert first.sent_at is None
    assert first.attempts == 1
    assert "Error" in first.last_error
    # Within the back-off the next commit does not even try: the relay will send it.
    assert (second.sent_at, second.attempts) == (None, 0)
    assert outbox_relay()["error"]  # still down: nothing sent, the error said
    assert OutboxMessage.objects.pending().count() == 2

    monkeypatch.setenv("CELERY_BROKER_URL", real_broker)
    outcome = outbox_relay()

    assert (outcome["sent"], outcome["pending"], outcome["error"]) == (2, 0, "")
    assert queued_ids(real_broker, ping_queue) == [str(first.task_id), str(second.task_id)]
    assert outbox_relay()["sent"] == 0  # a second pass sends nothing twice
    assert queue_length(real_broker, ping_queue) == 2


@pytest.mark.django_db
def test_the_relay_command_reports_and_prunes_old_sent_messages(real_broker, ping_queue, capsys):
    old = OutboxMessage.objects.create(
        task_name="marketplace.ping", sent_at=timezone.now() - timedelta(days=8)
    )
    OutboxMessage.objects.create(task_name="marketplace.ping")

    call_command("relay_outbox")

    assert capsys.readouterr().out.strip() == "1 sent, 0 pending, 1 pruned"
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()
    assert queue_length(real_broker, ping_queue) == 1


@pytest.mark.django_db(transaction=True)
def test_two_relays_at_once_publish_each_message_once(real_broker, ping_queue):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED needs PostgreSQL")
    OutboxMessage.objects.bulk_create(
        OutboxMessage(task_name="marketplace.ping", args=[n]) for n in range(60)
    )
    outbox._broker_down_until = 0.0
    barrier = threading.Barrier(2)
    outcomes: list[dict] = []

    def relay() -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            outcomes.append(outbox_relay(batch=40))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=relay) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o["sent"] for o in outcomes)[1] >= 20  # both relays sent some
    assert sum(o["sent"] for o in outcomes) == 60
    ids = queued_ids(real_broker, ping_queue)
    assert len(ids) == len(set(ids)) == 60
    assert not OutboxMessage.objects.pending().exists()
