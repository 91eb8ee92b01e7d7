"""Billing pages beyond who may open them (that is tests/permissions, the one matrix).

World: employer A hired freelancer X on an hourly contract (a submitted week, an open week with
an entry) and on a fixed one (a released milestone, invoiced). B and Y are strangers.
"""

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import Invoice, TimeEntry, Timesheet
from billing.services.exports import invoice_exports_expire
from billing.services.invoices import invoice_create
from billing.services.timesheets import timesheet_submit
from projects.models import Job
from tests.billing.conftest import last_monday, log, released_milestone
from tests.factories import ContractFactory, EmployerFactory, FreelancerFactory, StaffFactory

pytestmark = pytest.mark.django_db
SECRET = "Private entry of X: migrating the payroll database"


@dataclass
class World:
    users: dict[str, Any]
    hourly: Any
    fixed: Any
    entry: TimeEntry
    sheet: Timesheet
    invoice: Invoice
    job: Job


def world_build() -> World:
    A, X = EmployerFactory(), FreelancerFactory()
    start = dt.date.today() - dt.timedelta(days=30)  # noqa: DTZ011
    hourly = ContractFactory(
        employer=A, project__employer=A, freelancer=X, budget_type="hourly",
        amount=Decimal("40.00"), weekly_hour_limit=40, start_date=start,
    )  # fmt: skip
    fixed = ContractFactory(employer=A, project__employer=A, freelancer=X, start_date=start)
    sheet = timesheet_submit(timesheet=log(hourly, last_monday(), 9, 12).timesheet, by=X)
    entry = log(hourly, last_monday() - dt.timedelta(days=7), 9, 10, note=SECRET)
    released_milestone(fixed)
    invoice = invoice_create(contract=fixed, by=X)
    job = Job.objects.create(user=X, kind="billing.invoice_zip", title="Invoices", params={})
    users = {"X": X, "A": A, "Y": FreelancerFactory(), "B": EmployerFactory(),
             "staff": StaffFactory(), "anonymous": None}  # fmt: skip
    return World(users, hourly, fixed, entry, sheet, invoice, job)


def test_the_employer_sees_invoices_addressed_to_them_but_not_the_freelancers_others(client):
    world = world_build()
    elsewhere = ContractFactory(freelancer=world.users["X"])
    released_milestone(elsewhere, title="For another client")
    other = invoice_create(contract=elsewhere, by=world.users["X"])
    client.force_login(world.users["A"])
    listed = client.get(reverse("billing:invoice-list")).content.decode()
    assert world.invoice.display_number in listed
    assert other.display_number not in listed
    assert client.get(reverse("billing:invoice-detail", args=[other.pk])).status_code == 404
    client.force_login(world.users["X"])
    listed = client.get(reverse("billing:invoice-list")).content.decode()
    assert world.invoice.display_number in listed
    assert other.display_number in listed


def test_a_refused_entry_keeps_what_was_typed_and_says_why(client):
    world = world_build()
    client.force_login(world.users["X"])
    day = last_monday() - dt.timedelta(days=7)
    response = client.post(
        reverse("billing:time-entry-add", args=[world.hourly.pk]),
        {"date": day.isoformat(), "start": "09:30", "end": "11:00", "note": "Second go"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "This entry overlaps 09:00–10:00" in text  # noqa: RUF001
    assert 'value="Second go"' in text
    assert 'value="09:30"' in text
    # This page answers the form's POST URL: its links to other weeks must not be relative.
    log_url = reverse("billing:time-log", args=[world.hourly.pk])
    assert 'href="?' not in text
    assert f'href="{log_url}?week={day.isoformat()}"' in text


def test_the_year_export_builds_a_zip_the_owner_downloads(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.BILLING_EXPORT_ROOT = tmp_path
    world = world_build()
    X = world.users["X"]
    client.force_login(X)
    year = world.invoice.issued_at.year
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("billing:invoice-export"), {"year": str(year)})
    assert response.status_code == 302
    job = Job.objects.filter(user=X, kind="billing.invoice_zip").order_by("-pk").first()
    assert job.state == Job.State.SUCCEEDED  # eager Celery in tests
    assert job.percent == 100
    listed = client.get(reverse("billing:invoice-list")).content.decode()
    assert "Open the result" in listed
    download = client.get(job.result_url)
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert archive.namelist() == [world.invoice.filename]
    # Nobody else gets the file, and it is not under a public URL.
    client.force_login(world.users["A"])
    assert client.get(job.result_url).status_code == 404
    assert not str(tmp_path).startswith(str(settings.STATIC_ROOT))


def test_an_export_older_than_a_week_is_deleted_and_its_link_goes(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.BILLING_EXPORT_ROOT = tmp_path
    world = world_build()
    X = world.users["X"]
    client.force_login(X)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("billing:invoice-export"), {"year": world.invoice.issued_at.year})
    job = Job.objects.filter(user=X, kind="billing.invoice_zip").order_by("-pk").first()
    download_url = job.result_url
    assert invoice_exports_expire() == 0  # a fresh export stays

    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=8))
    assert invoice_exports_expire() == 1
    assert invoice_exports_expire() == 0  # twice deletes nothing more
    assert list(tmp_path.iterdir()) == []
    job.refresh_from_db()
    assert job.result_url == ""
    assert "Open the result" not in client.get(reverse("billing:invoice-list")).content.decode()
    assert client.get(download_url).status_code == 404
