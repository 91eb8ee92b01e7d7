"""The outbox relay: beat runs it every minute; `manage.py relay_outbox` runs it by hand."""

from celery import shared_task


@shared_task(name="ops.outbox_relay", max_retries=0)
def outbox_relay() -> dict:
    """Publish the messages still waiting in the outbox, oldest first; safe to run twice."""
    from ops.services.outbox import outbox_relay as relay

    return relay()
