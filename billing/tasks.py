"""Celery tasks of billing: thin, they take ids and call a service; safe to run twice."""

from celery import shared_task

from projects.services.jobs import job_fail

from .services.exports import invoice_export_run, invoice_exports_expire

FAILED = "The invoices could not be packed this time. Try again in a few minutes."


@shared_task(
    name="billing.invoice_export_build",
    acks_late=True,
    autoretry_for=(OSError,),
    max_retries=2,
    retry_backoff=True,
)
def invoice_export_build(job_id: int) -> None:
    """Render a year of invoices into a ZIP of PDFs, advancing the job as it goes."""
    try:
        invoice_export_run(job_id=job_id)
    except OSError:
        raise  # the storage hiccuped: retried
    except Exception:
        job_fail(job_id=job_id, error=FAILED)
        raise


@shared_task(name="billing.invoice_exports_expire", acks_late=True)
def invoice_exports_expire_task() -> int:
    """Delete the ZIPs of exports older than a week (beat, daily); safe to run twice."""
    return invoice_exports_expire()
