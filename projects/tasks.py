"""Celery tasks of the marketplace: thin, by id, safe to run twice."""

from celery import shared_task


@shared_task(
    name="projects.notification_email_send",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notification_email_send(notification_id: int) -> bool:
    """E-mail one notification if its user wants that kind by e-mail; never twice."""
    from projects.services.notification_email import notification_email_deliver

    return notification_email_deliver(notification_id=notification_id)
