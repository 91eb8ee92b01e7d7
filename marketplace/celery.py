"""The Celery application: configured from Django settings (the CELERY_ namespace).

Every task's base class is ops.task_base.ReliableTask: bounded retries with jittered
exponential backoff for transient faults, and a dead letter (ops.DeadLetter) when a task gives
up. docs/RELIABILITY.md describes it.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace", task_cls="ops.task_base:ReliableTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="marketplace.ping", max_retries=0)
def ping() -> str:
    """Answer 'pong': lets health checks and tests prove a round trip through the broker."""
    return "pong"
