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


@pytest.mark.django_db(transaction=True)
def test_the_market_is_aggregated_on_a_real_worker_and_each_run_recorded(celery_worker_thread):
    from insights.models import RateStat, TaskRun
    from insights.tasks import market_aggregate
    from tests.insights.market import contracts_at, skill

    # The market is planted in-process: its embedding tasks are not what this test is about.
    celery_app.conf.task_always_eager = True
    try:
        contracts_at(skill("Django"), range(60, 80))
    finally:
        celery_app.conf.task_always_eager = False
    first = market_aggregate.apply_async(queue=celery_worker_thread.queue).get(timeout=60)
    assert first["rates"] == RateStat.objects.count() > 0
    # Safe to run twice: the second run replaces the rows with the same ones.
    second = market_aggregate.apply_async(queue=celery_worker_thread.queue).get(timeout=60)
    assert second == first
    runs = TaskRun.objects.all()
    assert runs.count() == 4
    assert set(runs.values_list("status", flat=True)) == {TaskRun.Status.SUCCEEDED}
