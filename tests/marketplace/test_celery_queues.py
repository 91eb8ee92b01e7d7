"""Tasks go to a queue by kind, and a worker started without -Q still runs every one of them."""

import pytest

from marketplace.celery import app as celery_app


def queue_of(task_name: str) -> str:
    return celery_app.amqp.router.route({}, task_name, (), {})["queue"].name


def project_tasks() -> list[str]:
    celery_app.loader.import_default_modules()
    return sorted(name for name in celery_app.tasks if not name.startswith("celery."))


def test_every_task_lands_on_a_queue_a_worker_without_q_consumes():
    # A route to an undeclared queue would leave its tasks waiting for a worker that never
    # comes: one started without -Q consumes the declared queues only.
    declared = set(celery_app.amqp.queues)
    assert {queue_of(name) for name in project_tasks()} <= declared
    assert len(project_tasks()) >= 20


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("matching.embed_objects", "embedding"),
        ("insights.market_aggregate", "insights"),
        ("learning.plans_recompute_batch", "insights"),
        ("projects.notification_email_send", "notifications"),
        ("automation.search_alerts_send", "notifications"),
        ("ops.outbox_relay", "celery"),
        ("privacy.data_export_build", "celery"),
    ],
)
def test_a_back_fill_never_holds_up_e_mail(task, queue):
    assert queue_of(task) == queue
