"""/api/v1/contracts/{id}/milestones/ and /api/v1/milestones/...: add, fund, submit, ask for
changes, approve; with the escrow ledger and the platform fee checked as a client reads them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import LedgerEntry, Milestone, Notification
from projects.services.milestones import (
    AMOUNT_POSITIVE,
    DUE_IN_PAST,
    HOURLY_HAS_NO_MILESTONES,
    NOT_FUNDED,
    NOT_SUBMITTED,
    SUBMIT_NOT_FUNDED,
    TITLE_REQUIRED,
)
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import ContractFactory, MilestoneFactory, StaffFactory

TOMORROW = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
PARTIES_AND_STAFF = codes(404, anonymous=401, employer=200, freelancer=200, staff=200)
# One side's step: the other role is refused for its role (403) before any lookup; the same
# role on somebody else's contract gets 404. The World's milestone is not funded yet, so the
# steps that need funding are refused by the service (400) with the reason.
EMPLOYER_STEP = codes(403, anonymous=401, employer=200, other_employer=404)
EMPLOYER_STEP_NOT_FUNDED = codes(403, anonymous=401, employer=400, other_employer=404)
FREELANCER_STEP_NOT_FUNDED = codes(403, anonymous=401, freelancer=400, other_freelancer=404)
ROWS = [
    Row("api:contract-milestone-list", "get", {"pk": "contract"}, expect=PARTIES_AND_STAFF),
    Row(
        "api:contract-milestone-list",
        "post",
        {"pk": "contract"},
        expect=codes(403, anonymous=401, employer=201, other_employer=404),
        body={"title": "Launch", "amount": "300.00", "due_date": TOMORROW},
    ),
    Row("api:milestone-detail", "get", {"pk": "milestone"}, expect=PARTIES_AND_STAFF),
    Row("api:milestone-fund", "post", {"pk": "milestone"}, expect=EMPLOYER_STEP, body={}),
    Row(
        "api:milestone-submit",
        "post",
        {"pk": "milestone"},
        expect=FREELANCER_STEP_NOT_FUNDED,
        body={"note": "Staging: https://staging.example.com"},
    ),
    Row(
        "api:milestone-approve",
        "post",
        {"pk": "milestone"},
        expect=EMPLOYER_STEP_NOT_FUNDED,
        body={},
    ),
    Row(
        "api:milestone-request-changes",
        "post",
        {"pk": "milestone"},
        expect=EMPLOYER_STEP_NOT_FUNDED,
        body={"feedback": "Darker palette, please."},
    ),
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.fixture
def contract():
    return ContractFactory()


def step(client, name: str, milestone_id: int, body: dict | None = None):
    return client.post(reverse(f"api:{name}", args=[milestone_id]), body or {}, format="json")


def balances(client, contract) -> dict:
    return client.get(reverse("api:contract-detail", args=[contract.pk])).json()["balances"]


# --- The whole life of a milestone -----------------------------------------------------------
def test_a_milestone_from_adding_to_payment_with_ledger_and_fee(contract, client_for, settings):
    settings.PLATFORM_FEE_PERCENT = Decimal("12.5")
    employer, freelancer = client_for(contract.employer), client_for(contract.freelancer)

    response = employer.post(
        reverse("api:contract-milestone-list", args=[contract.pk]),
        {"title": "  Design ", "amount": "800", "due_date": TOMORROW},
        format="json",
    )
    assert response.status_code == 201
    added = response.json()
    assert (added["title"], added["amount"], added["currency"], added["status"]) == (
        "Design",
        "800.00",
        "USD",
        "unfunded",
    )
    assert added["actions"] == ["fund"]
    mid = added["id"]
    listed = freelancer.get(reverse("api:contract-milestone-list", args=[contract.pk])).json()
    assert [(m["id"], m["actions"]) for m in listed["results"]] == [(mid, [])]

    funded = step(employer, "milestone-fund", mid)
    assert (funded.status_code, funded.json()["status"]) == (200, "funded")
    assert Notification.objects.filter(user=contract.freelancer, kind="milestone_funded").exists()
    assert balances(freelancer, contract)["in_escrow"] == "800.00"
    assert freelancer.get(reverse("api:milestone-detail", args=[mid])).json()["actions"] == [
        "submit"
    ]

    submitted = step(freelancer, "milestone-submit", mid, {"note": "Figma: https://figma.test"})
    assert submitted.json()["status"] == "submitted"
    assert employer.get(reverse("api:milestone-detail", args=[mid])).json()["actions"] == [
        "approve",
        "request_changes",
    ]
    changes = step(employer, "milestone-request-changes", mid, {"feedback": "Darker palette"})
    assert (changes.json()["status"], changes.json()["feedback"]) == (
        "changes_requested",
        "Darker palette",
    )
    assert balances(employer, contract)["in_escrow"] == "800.00"  # escrow stays
    shown = freelancer.get(reverse("api:milestone-detail", args=[mid])).json()
    assert (shown["feedback"], shown["actions"]) == ("Darker palette", ["submit"])
    again = step(freelancer, "milestone-submit", mid, {"note": "Darker now"})
    assert (again.json()["status"], again.json()["submission_note"]) == ("submitted", "Darker now")

    approved = step(employer, "milestone-approve", mid)
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["actions"]) == ("released", [])
    assert approved.json()["released_at"]

    # 12.5% of 800.00 is 100.00: the freelancer receives 700.00.
    assert balances(freelancer, contract) == {
        "currency": "USD",
        "funded": "800.00",
        "in_escrow": "0.00",
        "released": "700.00",
        "fees": "100.00",
        "refunded": "0.00",
        "paid_by_employer": "800.00",
    }
    ledger = freelancer.get(reverse("api:contract-ledger", args=[contract.pk])).json()["results"]
    assert [(e["kind"], e["amount"], e["milestone"]) for e in ledger] == [
        ("fund", "800.00", mid),
        ("release", "700.00", mid),
        ("fee", "100.00", mid),
    ]
    assert step(employer, "milestone-approve", mid).json()["status"] == "released"  # once
    assert LedgerEntry.objects.filter(kind="release").count() == 1


# --- Who may take which step, and when -------------------------------------------------------
def test_the_freelancer_cannot_fund_and_is_told_why(contract, client_for):
    milestone = MilestoneFactory(contract=contract)
    response = step(client_for(contract.freelancer), "milestone-fund", milestone.pk)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only employer accounts can do this."
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.UNFUNDED
    assert not LedgerEntry.objects.exists()


def test_the_employer_cannot_submit_work(contract, client_for):
    milestone = MilestoneFactory(contract=contract, status=Milestone.Status.FUNDED)
    response = step(client_for(contract.employer), "milestone-submit", milestone.pk, {"note": "x"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Only freelancer accounts can do this."


@pytest.mark.parametrize(
    ("name", "side", "body", "message"),
    [
        ("milestone-submit", "freelancer", {"note": "Done"}, SUBMIT_NOT_FUNDED),
        ("milestone-approve", "employer", {}, NOT_FUNDED),
        ("milestone-request-changes", "employer", {"feedback": "More"}, NOT_SUBMITTED),
    ],
)
def test_a_step_the_state_does_not_allow_is_a_400_with_the_reason(
    contract, client_for, name, side, body, message
):
    milestone = MilestoneFactory(contract=contract)
    response = step(client_for(getattr(contract, side)), name, milestone.pk, body)
    assert response.status_code == 400
    assert response.json()["fields"] == {"non_field_errors": [message]}
    assert response.json()["detail"] == message
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.UNFUNDED


def test_an_empty_note_or_feedback_is_a_field_error(contract, client_for):
    milestone = MilestoneFactory(contract=contract, status=Milestone.Status.FUNDED)
    response = step(client_for(contract.freelancer), "milestone-submit", milestone.pk, {})
    assert list(response.json()["fields"]) == ["note"]
    response = step(
        client_for(contract.freelancer), "milestone-submit", milestone.pk, {"note": "   "}
    )
    assert list(response.json()["fields"]) == ["note"]
    response = step(client_for(contract.employer), "milestone-request-changes", milestone.pk, {})
    assert list(response.json()["fields"]) == ["feedback"]


def test_staff_may_look_at_a_milestone_but_take_no_step(contract, client_for):
    milestone = MilestoneFactory(contract=contract)
    staff = client_for(StaffFactory())
    body = staff.get(reverse("api:milestone-detail", args=[milestone.pk])).json()
    assert (body["id"], body["actions"]) == (milestone.pk, [])
    assert step(staff, "milestone-fund", milestone.pk).status_code == 403


def test_an_unknown_milestone_is_404(client_for, contract):
    response = client_for(contract.employer).get(reverse("api:milestone-detail", args=[987654]))
    assert response.status_code == 404
    assert step(client_for(contract.employer), "milestone-fund", 987654).status_code == 404


# --- Wrong input -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"title": "Design", "amount": "0", "due_date": TOMORROW}, "amount", AMOUNT_POSITIVE),
        ({"title": "Design", "amount": "-5", "due_date": TOMORROW}, "amount", AMOUNT_POSITIVE),
        ({"title": "  ", "amount": "5", "due_date": TOMORROW}, "title", TITLE_REQUIRED),
        ({"title": "Design", "amount": "5", "due_date": "2020-01-01"}, "due_date", DUE_IN_PAST),
        ({"title": "Design", "amount": "5", "due_date": "soon"}, "due_date", None),
        ({"title": "Design", "amount": "1e12", "due_date": TOMORROW}, "amount", None),
        ({"title": "x" * 141, "amount": "5", "due_date": TOMORROW}, "title", None),
    ],
)
def test_wrong_milestone_input_is_a_400_keyed_by_field(contract, client_for, body, field, message):
    response = client_for(contract.employer).post(
        reverse("api:contract-milestone-list", args=[contract.pk]), body, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    if message:
        assert response.json()["fields"][field] == [message]
    assert not Milestone.objects.exists()


def test_an_hourly_contract_has_no_milestones(client_for):
    contract = ContractFactory(budget_type="hourly", amount=Decimal("45.00"))
    response = client_for(contract.employer).post(
        reverse("api:contract-milestone-list", args=[contract.pk]),
        {"title": "Design", "amount": "500", "due_date": TOMORROW},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == HOURLY_HAS_NO_MILESTONES
    detail = client_for(contract.employer).get(reverse("api:contract-detail", args=[contract.pk]))
    assert "add_milestone" not in detail.json()["actions"]


# --- Queries ---------------------------------------------------------------------------------
def test_the_milestone_list_takes_the_same_queries_for_two_or_six(
    contract, client_for, django_assert_max_num_queries
):
    client = client_for(contract.freelancer)
    url = reverse("api:contract-milestone-list", args=[contract.pk])
    client.get(url)  # the token's first use is recorded once; count what follows
    MilestoneFactory.create_batch(2, contract=contract)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).json()["count"] == 2
    MilestoneFactory.create_batch(4, contract=contract, status=Milestone.Status.FUNDED)
    with django_assert_max_num_queries(len(two.captured_queries)):
        results = client.get(url).json()["results"]
    assert len(results) == 6
    assert results[-1]["actions"] == ["submit"]
