"""A worker process killed in the middle of a task: the task runs again and its e-mail goes once.

A real `celery worker --pool=prefork` runs in a subprocess against this test's PostgreSQL
database and the broker. The first e-mail it sends stalls (tests/ops/slow_hooks.py) and the test
SIGKILLs the pool process while it is inside the task, holding the notification's row lock and
having sent nothing. acks_late with reject_on_worker_lost puts the message back on the queue; the
worker's new pool process runs the task again, which sends the e-mail and marks the row once.
"""

import os
import signal
from email import message_from_string

import pytest
from django.db import transaction

from ops.models import OutboxMessage
from projects.models import Notification, NotificationKind
from projects.services.notifications import notify
from tests.factories import FreelancerFactory

from .conftest import wait_until

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def saved_emails(folder) -> list:
    """Messages Django's file-based backend wrote (one file a connection, 79 dashes between)."""
    messages = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                messages.append(message_from_string(chunk.strip()))
    return messages


def test_a_task_killed_mid_send_is_delivered_again_and_emails_exactly_once(
    worker_subprocess, private_queue, route_to_queue, tmp_path
):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    worker = worker_subprocess(
        queue=private_queue,
        extra_env={
            "EMAIL_BACKEND": "tests.ops.slow_hooks.SlowFirstSendBackend",
            "GIGWISE_SLOW_HOOK_DIR": str(hooks),
        },
    )
    person = FreelancerFactory(email="hired@example.com")
    route_to_queue("projects.notification_email_send", private_queue)
    with transaction.atomic():
        notification = notify(
            user=person, kind=NotificationKind.HIRED, title="You are hired", event_key="kill-test"
        )
    # Published through the outbox after commit.
    assert OutboxMessage.objects.get(task_name="projects.notification_email_send").sent_at

    inside = wait_until(lambda: list(hooks.glob("inside-*")), 30, "the task to start sending")
    child = int(inside[0].name.removeprefix("inside-"))
    assert child in worker.pool_children(), "the stalled send is not in the worker's pool process"
    os.kill(child, signal.SIGKILL)

    wait_until(
        lambda: Notification.objects.filter(pk=notification.pk, emailed_at__isnull=False).exists(),
        40,
        f"the task to run again on a new pool process\n{worker.output()}",
    )
    sent = list(hooks.glob("sent-*"))
    assert len(sent) == 1
    assert int(sent[0].name.removeprefix("sent-")) != child
    assert worker.process.poll() is None, "the worker itself survived its pool process"

    emails = saved_emails(hooks / "mail")
    assert len(emails) == 1
    assert emails[0]["To"] == "hired@example.com"
    assert emails[0]["Subject"] == "Gigwise: You are hired"
    assert Notification.objects.filter(user=person).count() == 1
