"""/api/v1/contracts/...: the parties' contracts, balances and ledger; completing, cancelling."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Contract, Milestone, Notification, Project
from projects.services.contracts import ESCROW_LEFT, REASON_REQUIRED
from projects.services.milestones import milestone_fund
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    LedgerEntryFactory,
    MilestoneFactory,
    StaffFactory,
)

SIGNED_IN = codes(200, anonymous=401)
PARTIES_AND_STAFF = codes(404, anonymous=401, employer=200, freelancer=200, staff=200)
PARTIES = codes(404, anonymous=401, employer=200, freelancer=200)
# Employer-only actions: other roles are refused for their role (403) before any lookup;
# another employer's contract is a 404.
CONTRACT_EMPLOYER = codes(403, anonymous=401, employer=200, other_employer=404)
ROWS = [
    Row("api:contract-list", "get", expect=SIGNED_IN, query={"status": "active"}),
    Row("api:contract-detail", "get", {"pk": "contract"}, expect=PARTIES_AND_STAFF),
    Row("api:contract-complete", "post", {"pk": "contract"}, expect=CONTRACT_EMPLOYER, body={}),
    Row(
        "api:contract-cancel",
        "post",
        {"pk": "contract"},
        expect=PARTIES,
        body={"reason": "The client changed direction."},
    ),
    Row("api:contract-ledger", "get", {"pk": "contract"}, expect=PARTIES_AND_STAFF),
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.fixture(autouse=True)
def _ten_percent(settings):
    settings.PLATFORM_FEE_PERCENT = Decimal("10")


@pytest.fixture
def contract():
    return ContractFactory()


def detail(client, contract) -> dict:
    response = client.get(reverse("api:contract-detail", args=[contract.pk]))
    assert response.status_code == 200
    return response.json()


# --- The list --------------------------------------------------------------------------------
def test_both_parties_list_the_contract_and_nobody_else_does(contract, client_for):
    def titles(user):
        return [
            c["title"] for c in client_for(user).get(reverse("api:contract-list")).json()["results"]
        ]

    assert titles(contract.employer) == [contract.title]
    assert titles(contract.freelancer) == [contract.title]
    assert titles(EmployerFactory()) == []
    assert titles(StaffFactory()) == []
    row = client_for(contract.freelancer).get(reverse("api:contract-list")).json()["results"][0]
    assert (row["role"], row["employer"]["id"], row["in_escrow"]) == (
        "freelancer",
        contract.employer.pk,
        "0.00",
    )


def test_the_list_filters_by_status_and_names_a_bad_status(client_for):
    freelancer = FreelancerFactory()
    active = ContractFactory(freelancer=freelancer)
    ContractFactory(freelancer=freelancer, status=Contract.Status.COMPLETED)
    client = client_for(freelancer)
    found = client.get(reverse("api:contract-list"), {"status": "active"}).json()["results"]
    assert [c["id"] for c in found] == [active.pk]
    response = client.get(reverse("api:contract-list"), {"status": "paused"})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["status"]
    assert "paused" in response.json()["fields"]["status"][0]


def test_the_list_takes_the_same_queries_for_two_contracts_or_six(
    client_for, django_assert_max_num_queries
):
    freelancer = FreelancerFactory()
    client = client_for(freelancer)
    url = reverse("api:contract-list")
    client.get(url)  # the token's first use is recorded once; count what follows

    def add(n):
        for _ in range(n):
            contract = ContractFactory(freelancer=freelancer)
            LedgerEntryFactory(contract=contract, amount=Decimal("100.00"))

    add(2)
    with CaptureQueriesContext(connection) as two:
        assert len(client.get(url).json()["results"]) == 2
    add(4)
    with django_assert_max_num_queries(len(two.captured_queries)):
        results = client.get(url).json()["results"]
    assert len(results) == 6
    assert {row["in_escrow"] for row in results} == {"100.00"}


# --- The detail ------------------------------------------------------------------------------
def test_each_party_sees_the_other_and_what_they_can_do(contract, client_for):
    MilestoneFactory(contract=contract, amount=Decimal("800.00"))
    MilestoneFactory(contract=contract, amount=Decimal("1500.00"))
    as_employer = detail(client_for(contract.employer), contract)
    assert as_employer["role"] == "employer"
    assert as_employer["other_party"] == {
        "id": contract.freelancer.pk,
        "display_name": contract.freelancer.display_name,
    }
    assert as_employer["actions"] == ["add_milestone", "complete", "cancel"]
    assert as_employer["milestones"] == {
        "count": 2,
        "total": "2300.00",
        "exceeds_contract_amount": True,  # the contract is for 2000.00: the scope grew
        "by_status": {status: 2 * (status == "unfunded") for status in Milestone.Status.values},
    }
    as_freelancer = detail(client_for(contract.freelancer), contract)
    assert as_freelancer["other_party"]["id"] == contract.employer.pk
    assert as_freelancer["actions"] == ["cancel"]


def test_staff_may_look_but_are_offered_nothing(contract, client_for):
    body = detail(client_for(StaffFactory()), contract)
    assert (body["role"], body["other_party"], body["actions"]) == (None, None, [])
    assert body["title"] == contract.title


def test_balances_show_escrow_and_completing_with_escrow_left_says_which(contract, client_for):
    design = MilestoneFactory(contract=contract, title="Design", amount=Decimal("800.00"))
    milestone_fund(milestone=design, by=contract.employer)
    client = client_for(contract.employer)
    body = detail(client, contract)
    assert body["balances"] == {
        "currency": "USD",
        "funded": "800.00",
        "in_escrow": "800.00",
        "released": "0.00",
        "fees": "0.00",
        "refunded": "0.00",
        "paid_by_employer": "0.00",
    }
    assert "complete" not in body["actions"]  # money is in escrow

    response = client.post(reverse("api:contract-complete", args=[contract.pk]))
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "non_field_errors": [ESCROW_LEFT.format(titles="“Design”")]
    }
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE


def test_the_employer_completes_and_both_may_then_review(contract, client_for):
    response = client_for(contract.employer).post(
        reverse("api:contract-complete", args=[contract.pk])
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["actions"]) == ("completed", ["review"])
    assert body["review_window_ends_at"]
    assert Notification.objects.filter(user=contract.freelancer, kind="contract_ended").exists()
    contract.project.refresh_from_db()
    assert contract.project.status == Project.Status.COMPLETED
    assert detail(client_for(contract.freelancer), contract)["actions"] == ["review"]
    again = client_for(contract.employer).post(reverse("api:contract-complete", args=[contract.pk]))
    assert again.status_code == 400
    assert "has ended" in again.json()["detail"]


def test_the_freelancer_may_not_complete(contract, client_for):
    response = client_for(contract.freelancer).post(
        reverse("api:contract-complete", args=[contract.pk])
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Only employer accounts can do this."
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE


def test_cancelling_refunds_escrow_and_tells_the_other_side_why(contract, client_for):
    build = MilestoneFactory(contract=contract, amount=Decimal("1200.00"))
    milestone_fund(milestone=build, by=contract.employer)
    client = client_for(contract.freelancer)
    url = reverse("api:contract-cancel", args=[contract.pk])

    response = client.post(url, {"reason": "   "}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"reason": [REASON_REQUIRED]}
    response = client.post(url, {"reason": "x" * 501}, format="json")
    assert list(response.json()["fields"]) == ["reason"]

    response = client.post(url, {"reason": "The client changed direction."}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["end_reason"]) == ("cancelled", "The client changed direction.")
    assert (body["balances"]["refunded"], body["balances"]["in_escrow"]) == ("1200.00", "0.00")
    told = Notification.objects.get(user=contract.employer, kind="contract_ended")
    assert "The client changed direction." in told.body
    build.refresh_from_db()
    assert build.status == Milestone.Status.REFUNDED


# --- The ledger -------------------------------------------------------------------------------
def test_the_ledger_lists_entries_oldest_first_for_both_parties(contract, client_for):
    design = MilestoneFactory(contract=contract, title="Design", amount=Decimal("800.00"))
    milestone_fund(milestone=design, by=contract.employer)
    for user in (contract.employer, contract.freelancer):
        rows = client_for(user).get(reverse("api:contract-ledger", args=[contract.pk])).json()
        assert [(e["kind"], e["amount"], e["milestone_title"]) for e in rows["results"]] == [
            ("fund", "800.00", "Design")
        ]


def test_the_ledger_takes_the_same_queries_for_two_entries_or_six(
    contract, client_for, django_assert_max_num_queries
):
    client = client_for(contract.freelancer)
    url = reverse("api:contract-ledger", args=[contract.pk])
    client.get(url)

    def add(n):
        for _ in range(n):
            LedgerEntryFactory(contract=contract, milestone=MilestoneFactory(contract=contract))

    add(2)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).json()["count"] == 2
    add(4)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert client.get(url).json()["count"] == 6
