"""/api/v1/time-entries/, timesheets/ and invoices/: who gets what, and what the API answers."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from billing.models import Invoice, TimeEntry, Timesheet
from billing.services.invoices import invoice_create
from billing.services.timesheets import timesheet_submit
from billing.weeks import week_start_of
from projects.models import LedgerEntry, Project
from tests.api import matrix
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.billing.conftest import at, last_monday, log, released_milestone
from tests.factories import ContractFactory, ProjectFactory

pytestmark = pytest.mark.django_db

_world_build = matrix.world_build


def billing_world() -> matrix.World:
    """The matrix's world plus an hourly contract with a submitted week, an open entry and a
    running timer, and an invoice for a released milestone of the fixed contract."""
    world = _world_build()
    world.hourly = ContractFactory(
        project=ProjectFactory(employer=world.employer, status=Project.Status.IN_PROGRESS),
        freelancer=world.freelancer,
        budget_type="hourly",
        amount=Decimal("40.00"),
        weekly_hour_limit=40,
        start_date=last_monday() - dt.timedelta(days=21),
    )
    world.sheet = timesheet_submit(
        timesheet=log(world.hourly, last_monday(), 9, 12).timesheet, by=world.freelancer
    )
    world.entry = log(world.hourly, last_monday() - dt.timedelta(days=7), 9, 10)
    # A timer started a few minutes ago (made directly: the service would start it now).
    started = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=5)
    world.timer = TimeEntry.objects.create(
        timesheet=Timesheet.objects.get_or_create(
            contract=world.hourly, week_start=week_start_of(started.date())
        )[0],
        contract=world.hourly,
        freelancer=world.freelancer,
        started_at=started,
    )
    released_milestone(world.contract, title="Delivered")
    world.invoice = invoice_create(contract=world.contract, by=world.freelancer)
    released_milestone(world.contract, title="Delivered later")
    return world


def new_entry(world) -> dict:
    day = last_monday() - dt.timedelta(days=5)
    return {
        "contract": world.hourly.pk,
        "started_at": at(day, 9).isoformat(),
        "ended_at": at(day, 11).isoformat(),
        "note": "Sprint planning",
    }


LISTS = codes(200, anonymous=401, staff=403)
FREELANCER_OWN = codes(403, anonymous=401, freelancer=200, other_freelancer=404)
EMPLOYER_OWN = codes(403, anonymous=401, employer=200, other_employer=404)
ROWS = [
    Row("api:billing-time-entry-list", "get", expect=LISTS),
    Row(
        "api:billing-time-entry-list",
        "post",
        expect=codes(403, anonymous=401, freelancer=201, other_freelancer=404),
        body=new_entry,
    ),
    Row(
        "api:billing-time-entry-detail",
        "delete",
        {"pk": "entry"},
        expect=codes(403, anonymous=401, freelancer=204, other_freelancer=404),
    ),
    Row("api:billing-time-entry-stop", "post", {"pk": "timer"}, expect=FREELANCER_OWN),
    Row("api:billing-timesheet-list", "get", expect=LISTS),
    Row("api:billing-timesheet-submit", "post", {"pk": "sheet"}, expect=FREELANCER_OWN),
    Row("api:billing-timesheet-approve", "post", {"pk": "sheet"}, expect=EMPLOYER_OWN),
    Row(
        "api:billing-timesheet-dispute",
        "post",
        {"pk": "sheet"},
        expect=EMPLOYER_OWN,
        body={"reason": "Monday was a holiday"},
    ),
    Row("api:billing-invoice-list", "get", expect=LISTS),
    Row(
        "api:billing-invoice-list",
        "post",
        expect=codes(403, anonymous=401, freelancer=201, other_freelancer=404),
        body=lambda world: {"contract": world.contract.pk, "tax_rate": "10.00"},
    ),
    Row(
        "api:billing-invoice-detail",
        "get",
        {"pk": "invoice"},
        expect=codes(404, anonymous=401, staff=403, freelancer=200, employer=200),
    ),
    Row(
        "api:billing-invoice-pdf",
        "get",
        {"pk": "invoice"},
        expect=codes(404, anonymous=401, staff=403, freelancer=200, employer=200),
    ),
    Row(
        "api:billing-invoice-credit-note",
        "post",
        {"pk": "invoice"},
        expect=codes(403, anonymous=401, freelancer=201, other_freelancer=404),
        body={"reason": "Wrong client address"},
    ),
    Row("api:billing-invoice-mark-paid", "post", {"pk": "invoice"}, expect=FREELANCER_OWN),
]


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_billing_matrix(row, role, client_for, anon_client, monkeypatch):
    monkeypatch.setattr(matrix, "world_build", billing_world)
    matrix_check(row, role, client_for, anon_client)


def test_an_overlapping_entry_is_a_400_that_says_which(client_for):
    world = billing_world()
    day = last_monday()
    response = client_for(world.freelancer).post(
        reverse("api:billing-time-entry-list"),
        {"contract": world.hourly.pk, "started_at": at(day, 10).isoformat(),
         "ended_at": at(day, 13).isoformat()},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "is submitted" in str(response.json())
    week_before = last_monday() - dt.timedelta(days=7)
    response = client_for(world.freelancer).post(
        reverse("api:billing-time-entry-list"),
        {"contract": world.hourly.pk, "started_at": at(week_before, 9, 30).isoformat(),
         "ended_at": at(week_before, 11).isoformat()},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["fields"]["started_at"][0].startswith("This entry overlaps 09:00")
    assert TimeEntry.objects.filter(contract=world.hourly).count() == 3


def test_approval_through_the_api_pays_once(client_for):
    world = billing_world()
    client = client_for(world.employer)
    url = reverse("api:billing-timesheet-approve", args=[world.sheet.pk])
    assert client.post(url).json()["state"] == "approved"
    assert client.post(url).status_code == 200
    assert LedgerEntry.objects.filter(provider_reference=f"timesheet:{world.sheet.pk}").count() == 3


def test_the_employer_lists_only_invoices_addressed_to_them(client_for):
    world = billing_world()
    other = ContractFactory(freelancer=world.freelancer)
    released_milestone(other)
    elsewhere = invoice_create(contract=other, by=world.freelancer)
    listed = client_for(world.employer).get(reverse("api:billing-invoice-list")).json()
    numbers = {row["display_number"] for row in listed["results"]}
    assert numbers == {world.invoice.display_number}
    assert elsewhere.display_number not in numbers


def test_the_pdf_endpoint_answers_a_readable_pdf(client_for):
    world = billing_world()
    response = client_for(world.employer).get(
        reverse("api:billing-invoice-pdf", args=[world.invoice.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert world.invoice.display_number in text


def test_a_credit_note_through_the_api_takes_the_next_number(client_for):
    world = billing_world()
    response = client_for(world.freelancer).post(
        reverse("api:billing-invoice-credit-note", args=[world.invoice.pk]),
        {"reason": "Discount agreed", "amount": "100.00"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["number"], body["credits"]) == (
        "credit_note",
        world.invoice.number + 1,
        world.invoice.pk,
    )
    assert Invoice.objects.get(pk=world.invoice.pk).total == world.invoice.total
