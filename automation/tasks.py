"""Automation's Celery tasks: thin, safe to run twice (the services keep sent-logs)."""

from celery import shared_task
from django.utils import timezone


@shared_task(
    name="automation.search_alerts_send",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def search_alerts_send() -> int:
    """Beat, every 15 minutes: the digests due now (instant ones, and local mornings)."""
    from .services.alerts import search_alerts_send as send

    return send(now=timezone.now())


@shared_task(
    name="automation.reminders_send",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def reminders_send() -> int:
    """Beat, hourly: the reminders due to people for whom it is daytime."""
    from .services.reminders import reminders_send as send

    return send(now=timezone.now())


@shared_task(name="automation.saved_searches_digest_now", acks_late=True, max_retries=0)
def saved_searches_digest_now(job_id: int) -> bool:
    """A person's "send me my digest now": the searches named in the job, with its progress."""
    from .services.digest_jobs import digest_job_run

    return digest_job_run(job_id=job_id)
