"""Celery tasks of privacy: thin, they take ids and call a service; safe to run twice."""

from celery import shared_task

from projects.services.jobs import job_fail

from .services.deletion import account_deletions_purge_due
from .services.exports import data_export_run, data_exports_expire

FAILED = "Your data could not be packed this time. Try again in a few minutes."


@shared_task(
    name="privacy.data_export_build",
    acks_late=True,
    autoretry_for=(OSError,),
    max_retries=2,
    retry_backoff=True,
)
def data_export_build(job_id: int) -> None:
    """Build one person's data export ZIP, advancing its job section by section."""
    try:
        data_export_run(job_id=job_id)
    except OSError:
        raise  # the storage hiccuped: retried
    except Exception:
        job_fail(job_id=job_id, error=FAILED)
        raise


@shared_task(name="privacy.exports_expire", acks_late=True)
def exports_expire() -> int:
    """Delete export ZIPs whose link expired (beat, daily); safe to run twice."""
    return data_exports_expire()


@shared_task(name="privacy.deletions_purge_due", acks_late=True)
def deletions_purge_due() -> dict:
    """Purge the accounts whose deletion grace period is over (beat, hourly), each on its own."""
    outcome = account_deletions_purge_due()
    return {"purged": outcome.purged, "waiting": outcome.waiting, "failed": outcome.failed}
