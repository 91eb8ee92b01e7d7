"""Retries and dead letters: transient faults are retried a bounded number of times with
jittered backoff; a task that gives up leaves a dead letter that staff retry or resolve."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from marketplace.celery import app as celery_app
from ops.models import DeadLetter
from ops.services.dead_letters import dead_letter_record
from ops.task_base import ReliableTask

from .conftest import wait_until

runs: dict[str, int] = {}
ran_with: list[tuple] = []


@celery_app.task(name="tests.ops.gives_up")
def gives_up(job_id: int) -> None:
    runs["gives_up"] = runs.get("gives_up", 0) + 1
    raise ValueError(f"job {job_id} is malformed")


@celery_app.task(name="tests.ops.database_away", max_retries=2, retry_backoff_max=1)
def database_away() -> None:
    runs["database_away"] = runs.get("database_away", 0) + 1
    raise OperationalError("server closed the connection unexpectedly")


@celery_app.task(name="tests.ops.records")
def records(*args, **kwargs) -> None:
    ran_with.append((args, kwargs))


def test_every_task_retries_transient_faults_a_bounded_number_of_times():
    celery_app.loader.import_default_modules()
    tasks = {name: t for name, t in celery_app.tasks.items() if not name.startswith("celery.")}

    assert len(tasks) > 15
    for name, task in tasks.items():
        assert isinstance(task, ReliableTask), name
        assert 0 <= task.max_retries <= 5, name
        assert OperationalError in task.autoretry_for, name
        assert task.retry_jitter, name
        assert task.retry_backoff, name
        assert task.acks_late, name
        assert task.reject_on_worker_lost, name
    # A task's own retryable errors are kept beside the transient ones.
    assert OSError in tasks["projects.notification_email_send"].autoretry_for
    assert celery_app.conf.task_acks_late
    assert celery_app.conf.task_reject_on_worker_lost


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_task_that_gives_up_leaves_a_dead_letter(celery_worker_thread):
    runs.clear()
    queue = celery_worker_thread.queue

    gives_up.apply_async((7,), queue=queue).get(timeout=30, propagate=False)
    database_away.apply_async(queue=queue).get(timeout=30, propagate=False)

    letter = wait_until(
        lambda: DeadLetter.objects.filter(task_name="tests.ops.gives_up").first(), 10, "a letter"
    )
    assert runs["gives_up"] == 1  # a malformed job is not retried
    assert (letter.args, letter.kwargs, letter.attempts) == ([7], {}, 1)
    assert letter.exception_class == "builtins.ValueError"
    assert letter.exception_message == "job 7 is malformed"
    assert "raise ValueError" in letter.traceback
    assert letter.resolved_at is None

    retried = wait_until(
        lambda: DeadLetter.objects.filter(task_name="tests.ops.database_away").first(), 10, "it"
    )
    assert runs["database_away"] == 3  # the first run and two retries
    assert retried.attempts == 3
    assert retried.exception_class == "django.db.utils.OperationalError"


@pytest.mark.django_db
def test_the_same_task_failing_again_updates_one_letter():
    first = dead_letter_record(
        task_name="automation.reminders_send", task_id="a", args=[], kwargs={},
        exception=OperationalError("down"), traceback="tb 1", attempts=6,
    )  # fmt: skip
    again = dead_letter_record(
        task_name="automation.reminders_send", task_id="b", args=[], kwargs={},
        exception=OperationalError("still down"), traceback="tb 2", attempts=6,
    )  # fmt: skip

    assert again.pk == first.pk
    assert (again.failures, again.task_id, again.exception_message) == (2, "b", "still down")
    assert again.first_failed_at == first.first_failed_at < again.last_failed_at


def letter(**fields) -> DeadLetter:
    return DeadLetter.objects.create(
        **{"task_name": "tests.ops.records", "args": [3], "kwargs": {"why": "x"},
           "exception_class": "builtins.ValueError", **fields}
    )  # fmt: skip


def test_staff_see_the_dead_letters_in_the_admin(staff_client):
    broken = letter(exception_message="job 3 is malformed")

    listing = staff_client.get(reverse("admin:ops_deadletter_changelist"))
    detail = staff_client.get(reverse("admin:ops_deadletter_change", args=[broken.pk]))
    outbox = staff_client.get(reverse("admin:ops_outboxmessage_changelist"))

    assert listing.status_code == detail.status_code == outbox.status_code == 200
    assert "tests.ops.records" in listing.content.decode()
    assert "job 3 is malformed" in detail.content.decode()


def test_retry_now_sends_the_task_again_and_resolves_the_letter(
    staff_client, staff, django_capture_on_commit_callbacks
):
    ran_with.clear()
    broken, done = letter(), letter(resolved_at="2026-01-01T00:00Z")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:ops_deadletter_changelist"),
            {"action": "retry_now", "_selected_action": [broken.pk, done.pk]},
        )

    assert response.status_code == 302
    assert ran_with == [((3,), {"why": "x"})]  # eager here; through the outbox with a broker
    broken.refresh_from_db()
    assert broken.resolved_at is not None
    assert broken.resolution == f"Retried by {staff.email}"


def test_mark_resolved_runs_nothing(staff_client, django_capture_on_commit_callbacks):
    ran_with.clear()
    broken = letter()

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:ops_deadletter_changelist"),
            {"action": "mark_resolved", "_selected_action": [broken.pk]},
        )

    broken.refresh_from_db()
    assert broken.resolved_at is not None
    assert broken.resolution.startswith("Marked resolved by")
    assert ran_with == []
