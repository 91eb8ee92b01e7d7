"""A real Celery worker for the tests that need one (`celery_worker_thread`), and how a missing
broker is reported: a skip on a developer's machine, a failure in CI."""

import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from kombu.exceptions import OperationalError

from marketplace.celery import app as celery_app


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; in CI the missing service is a failure, never a skip."""
    if running_in_ci():
        pytest.fail(f"{reason}. CI must run this test against a real broker.", pytrace=False)
    pytest.skip(reason)


def wait_for_remote_control(hostname: str, seconds: float = 15.0) -> None:
    """Wait until the worker answers broadcasts: its control channel subscribes after start-up,
    and a broadcast sent before that is lost (Redis pub/sub keeps nothing)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if celery_app.control.ping(destination=[hostname], timeout=0.5):
            return
    pytest.fail(f"Celery worker {hostname} started but never answered a ping", pytrace=False)


@dataclass
class RunningWorker:
    worker: object
    queue: str


@pytest.fixture
def celery_worker_thread(transactional_db) -> Iterator[RunningWorker]:
    """Start a worker consuming every queue of the settings (as a worker without -Q does) and
    one private to this test.

    transactional_db, because the worker runs in another thread with its own database
    connection: it could not see rows inside the test's transaction.
    """
    if not settings.CELERY_BROKER_URL:
        skip_or_fail("CELERY_BROKER_URL is not set, so there is no broker for a real worker")
    if not settings.CELERY_RESULT_BACKEND:
        skip_or_fail("CELERY_RESULT_BACKEND (or REDIS_URL) is not set, so results cannot return")

    # Fail within seconds, not after kombu's endless reconnection attempts.
    with celery_app.connection_for_write() as connection:
        try:
            connection.ensure_connection(max_retries=2, interval_start=0, interval_step=1)
        except (OperationalError, *connection.connection_errors) as exc:
            pytest.fail(f"Celery broker {connection.as_uri()} is unreachable: {exc}", pytrace=False)

    queue = f"gigwise-test-{uuid.uuid4().hex}"
    saved = {
        key: celery_app.conf[key] for key in ("task_always_eager", "worker_hijack_root_logger")
    }
    # The suite runs tasks eagerly (pyproject.toml); here they must cross the broker. Keep
    # pytest's log capture: an embedded worker must not take over the root logger.
    celery_app.conf.task_always_eager = False
    celery_app.conf.worker_hijack_root_logger = False
    try:
        with start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=False,
            # The declared queues (not app.amqp.queues, which gathers every queue any earlier
            # test routed to or consumed, leftovers included).
            queues=[*(declared.name for declared in celery_app.conf.task_queues), queue],
            shutdown_timeout=30,
        ) as worker:
            wait_for_remote_control(worker.hostname)
            yield RunningWorker(worker=worker, queue=queue)
    finally:
        celery_app.conf.update(saved)
