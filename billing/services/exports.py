"""A year of a freelancer's invoices as a ZIP of PDFs, built step by step into a Job row."""

import datetime as dt
import io
import zipfile

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from ops.services.outbox import enqueue
from projects.models import Job
from projects.services.jobs import job_advance, job_create, job_fail, job_start, job_succeed

from ..exports import export_name, export_storage
from ..models import Invoice
from ..pdf import invoice_pdf

KIND = "billing.invoice_zip"
NOTHING = "You issued no invoices in {year}."
# How long a built ZIP can be downloaded; invoices themselves are kept for good.
EXPORT_KEPT = dt.timedelta(days=7)


def invoice_export_create(*, user: User, year: int) -> Job:
    """Record the job (the page shows it at once); its task is enqueued after commit."""
    from ..tasks import invoice_export_build  # tasks import this module

    total = Invoice.objects.filter(freelancer=user).for_year(year).count()
    with transaction.atomic():
        job = job_create(
            user=user,
            kind=KIND,
            title=f"Invoices of {year} as PDF",
            params={"year": year},
            total=total,
        )
        enqueue(invoice_export_build, job.pk)
    return job


def invoice_export_run(*, job_id: int) -> None:
    """Render each invoice of the job's year into one ZIP; safe to run again (it starts over)."""
    job = Job.objects.filter(pk=job_id, kind=KIND).select_related("user").first()
    if job is None or job.is_finished:
        return
    year = int(job.params["year"])
    invoices = list(
        Invoice.objects.filter(freelancer=job.user)
        .for_year(year)
        .select_related("contract", "credits")
        .prefetch_related("lines")
        .order_by("number")
    )
    if not invoices:
        job_fail(job_id=job_id, error=NOTHING.format(year=year))
        return
    if job_start(job_id=job_id, total=len(invoices)) is None:
        return
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, invoice in enumerate(invoices, start=1):
            archive.writestr(invoice.filename, invoice_pdf(invoice))
            job_advance(job_id=job_id, done=done)
    storage = export_storage()
    name = export_name(job_id=job_id)
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, io.BytesIO(buffer.getvalue()))
    job_succeed(
        job_id=job_id,
        result={
            "summary": f"{len(invoices)} invoices and credit notes of {year}.",
            "count": len(invoices),
            "year": year,
        },
        result_url=reverse("billing:invoice-export-download", args=[job_id]),
    )


def invoice_exports_expire(*, older_than: dt.timedelta = EXPORT_KEPT) -> int:
    """Delete the ZIPs of exports finished longer ago than `older_than`; returns how many.

    The invoices stay, and a new export rebuilds the file; the job keeps its summary, and its
    link goes, so nobody follows it to a missing file. Running it twice deletes nothing more.
    """
    storage = export_storage()
    expired = Job.objects.filter(
        kind=KIND,
        state=Job.State.SUCCEEDED,
        finished_at__lt=timezone.now() - older_than,
    ).exclude(result_url="")
    deleted = 0
    for job_id in expired.values_list("pk", flat=True):
        name = export_name(job_id=job_id)
        if storage.exists(name):
            storage.delete(name)
            deleted += 1
    expired.update(result_url="")
    return deleted
