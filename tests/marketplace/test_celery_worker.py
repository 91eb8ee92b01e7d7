"""A task crosses the real broker to a real worker and its result comes back from Redis."""

import pytest
from celery.result import AsyncResult, EagerResult

from marketplace.celery import app as celery_app
from marketplace.celery import ping

pytestmark = pytest.mark.celery_worker


def test_ping_round_trips_through_broker_worker_and_result_backend(celery_worker_thread):
    # Sent to a queue only this test's worker consumes, so no other worker can answer it.
    result = ping.apply_async(queue=celery_worker_thread.queue)

    assert not isinstance(result, EagerResult), "the task ran in-process, not on the worker"
    assert result.get(timeout=30) == "pong"
    assert result.successful()

    # The answer is stored in the result backend, readable by any other process.
    assert type(celery_app.backend).__name__ == "RedisBackend"
    stored = AsyncResult(result.id, app=celery_app)
    assert stored.state == "SUCCESS"
    assert stored.result == "pong"


def test_worker_answers_broadcast_ping_used_by_health_check(celery_worker_thread):
    replies = celery_app.control.ping(timeout=2)

    names = {name for reply in replies for name in reply}
    assert celery_worker_thread.worker.hostname in names
