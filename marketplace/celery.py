"""The Celery application: configured from Django settings (the CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="marketplace.ping")
def ping() -> str:
    """Answer 'pong': lets health checks and tests prove a round trip through the broker."""
    return "pong"
