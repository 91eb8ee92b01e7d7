"""Contracts: ending them (complete, cancel) and the contract pages, as each role sees them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from projects.models import Contract, LedgerEntry, Notification
from projects.selectors.contracts import contract_get_for_party, contract_get_for_user
from projects.services import contracts as cs
from projects.services.milestones import milestone_fund, milestone_submit
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    LedgerEntryFactory,
    MilestoneFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")


@pytest.fixture
def contract():
    return ContractFactory()


def detail_url(contract):
    return reverse("projects:contract-detail", args=[contract.pk])


# --- contract_complete -----------------------------------------------------------------------
def test_employer_completes_and_the_freelancer_hears_of_it(contract):
    cs.contract_complete(contract=contract, by=contract.employer)
    contract.refresh_from_db()
    assert contract.status == "completed"
    assert contract.ended_at is not None
    note = Notification.objects.get(user=contract.freelancer)
    assert note.kind == "contract_ended"


def test_completing_the_contract_completes_its_project(contract):
    assert contract.project.status == "in_progress"
    cs.contract_complete(contract=contract, by=contract.employer)
    contract.project.refresh_from_db()
    assert contract.project.status == "completed"


def test_completing_with_money_in_escrow_is_refused_with_the_milestone_named(contract):
    milestone = MilestoneFactory(contract=contract, title="Design")
    milestone_fund(milestone=milestone, by=contract.employer)
    with pytest.raises(ValidationError) as info:
        cs.contract_complete(contract=contract, by=contract.employer)
    assert "Money is still in escrow on “Design”" in info.value.messages[0]
    contract.refresh_from_db()
    assert contract.status == "active"


def test_only_the_employer_completes_and_only_once(contract):
    with pytest.raises(ValidationError, match="Only the employer"):
        cs.contract_complete(contract=contract, by=contract.freelancer)
    with pytest.raises(ValidationError, match="Only the employer and the freelancer"):
        cs.contract_complete(contract=contract, by=EmployerFactory())
    cs.contract_complete(contract=contract, by=contract.employer)
    with pytest.raises(ValidationError, match="This contract has ended"):
        cs.contract_complete(contract=contract, by=contract.employer)


# --- contract_cancel -------------------------------------------------------------------------
def test_cancel_refunds_every_funded_milestone_and_tells_the_other_party(contract):
    funded = MilestoneFactory(contract=contract, amount=Decimal("300.00"))
    submitted = MilestoneFactory(contract=contract, amount=Decimal("200.00"))
    unfunded = MilestoneFactory(contract=contract)
    for m in (funded, submitted):
        milestone_fund(milestone=m, by=contract.employer)
    milestone_submit(milestone=submitted, by=contract.freelancer, note="Done")

    cs.contract_cancel(contract=contract, by=contract.employer, reason="  Budget cut  ")

    contract.refresh_from_db()
    assert (contract.status, contract.end_reason) == ("cancelled", "Budget cut")
    refunds = LedgerEntry.objects.filter(kind="refund").order_by("amount")
    assert [(r.milestone_id, r.amount) for r in refunds] == [
        (submitted.pk, Decimal("200.00")),
        (funded.pk, Decimal("300.00")),
    ]
    statuses = dict(contract.milestones.values_list("pk", "status"))
    assert statuses == {funded.pk: "refunded", submitted.pk: "refunded", unfunded.pk: "unfunded"}
    note = Notification.objects.get(kind="contract_ended")
    assert note.user == contract.freelancer
    assert "Budget cut" in note.body
    # Nothing is in progress any more: the project closes and can be posted again.
    contract.project.refresh_from_db()
    assert contract.project.status == "closed"


def test_cancel_needs_a_reason_and_changes_nothing_without_one(contract):
    milestone = MilestoneFactory(contract=contract)
    milestone_fund(milestone=milestone, by=contract.employer)
    with pytest.raises(ValidationError) as info:
        cs.contract_cancel(contract=contract, by=contract.freelancer, reason="  ")
    assert info.value.message_dict == {"reason": [cs.REASON_REQUIRED]}
    contract.refresh_from_db()
    assert contract.status == "active"
    assert not LedgerEntry.objects.filter(kind="refund").exists()


def test_a_stranger_cannot_cancel(contract):
    with pytest.raises(ValidationError, match="Only the employer and the freelancer"):
        cs.contract_cancel(contract=contract, by=FreelancerFactory(), reason="Mine now")
    contract.refresh_from_db()
    assert contract.status == "active"


# --- Selectors: somebody else's contract is a 404 --------------------------------------------
def test_selectors_answer_404_to_anybody_else(contract):
    other = EmployerFactory()
    with pytest.raises(Http404):
        contract_get_for_user(user=other, pk=contract.pk)
    with pytest.raises(Http404):
        contract_get_for_party(user=other, pk=contract.pk)
    with pytest.raises(Http404):
        contract_get_for_party(user=StaffFactory(), pk=contract.pk)
    with pytest.raises(Http404):
        contract_get_for_party(user=contract.freelancer, pk=contract.pk, role="employer")
    assert contract_get_for_user(user=StaffFactory(), pk=contract.pk) == contract
    assert contract_get_for_party(user=contract.freelancer, pk=contract.pk) == contract


# --- The role matrix ---------------------------------------------------------------------------
ROLES = ["anonymous", "freelancer", "other_freelancer", "employer", "other_employer", "staff"]


def login_as(client, contract, role):
    users = {
        "freelancer": lambda: contract.freelancer,
        "other_freelancer": FreelancerFactory,
        "employer": lambda: contract.employer,
        "other_employer": EmployerFactory,
        "staff": StaffFactory,
    }
    if role != "anonymous":
        client.force_login(users[role]())


def _urls(contract, milestone):
    c, m = contract.pk, milestone.pk
    return {
        "detail": ("get", reverse("projects:contract-detail", args=[c])),
        "milestone-add": ("get", reverse("projects:milestone-add", args=[c])),
        "milestone-fund": ("post", reverse("projects:milestone-fund", args=[c, m])),
        "milestone-submit": ("get", reverse("projects:milestone-submit", args=[c, m])),
        "milestone-changes": ("get", reverse("projects:milestone-request-changes", args=[c, m])),
        "milestone-approve": ("post", reverse("projects:milestone-approve", args=[c, m])),
        "complete": ("post", reverse("projects:contract-complete", args=[c])),
        "cancel": ("get", reverse("projects:contract-cancel", args=[c])),
        "review": ("get", reverse("projects:review-create", args=[c])),
    }


# What each role gets: 200 page, 302 after a POST action, 404 for anybody else's.
EXPECTED = {
    "detail": {"freelancer": 200, "employer": 200, "staff": 200},
    "milestone-add": {"employer": 200},
    "milestone-fund": {"employer": 302},
    "milestone-submit": {"freelancer": 200},
    "milestone-changes": {"employer": 200},
    "milestone-approve": {"employer": 302},
    "complete": {"employer": 302},
    "cancel": {"freelancer": 200, "employer": 200},
    "review": {"freelancer": 200, "employer": 200},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(EXPECTED))
def test_role_matrix(client, role, name):
    contract = ContractFactory()
    milestone = MilestoneFactory(contract=contract)
    login_as(client, contract, role)
    method, url = _urls(contract, milestone)[name]
    response = getattr(client, method)(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
    else:
        assert response.status_code == EXPECTED[name].get(role, 404)
    if response.status_code == 404:
        assert contract.title not in response.text


@pytest.mark.parametrize("role", ROLES)
def test_contract_list_for_each_role(client, role):
    contract = ContractFactory()
    login_as(client, contract, role)
    response = client.get(reverse("projects:contract-list"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert (escape(contract.title) in response.text) == (role in ("freelancer", "employer"))


def test_staff_see_a_contract_read_only(client, contract):
    MilestoneFactory(contract=contract, title="Design")
    client.force_login(StaffFactory())
    html = client.get(detail_url(contract)).text
    assert "Staff view: read-only" in html
    assert "Design" in html
    assert "Fund " not in html
    assert "Mark contract complete" not in html


# --- Pages ---------------------------------------------------------------------------------
def test_contract_list_queries_stay_constant_as_contracts_grow(client, django_assert_num_queries):
    freelancer = FreelancerFactory()
    for _ in range(2):
        c = ContractFactory(freelancer=freelancer)
        LedgerEntryFactory(contract=c, amount=Decimal("100.00"))
    client.force_login(freelancer)
    url = reverse("projects:contract-list")
    # The site layout's own queries (session, user, unread badges) are not this page's to fix;
    # what matters is that the count does not grow with the contracts.
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert "100.00 USD" in response.text
    contract_queries = [q for q in few.captured_queries if "projects_contract" in q["sql"]]
    assert len(contract_queries) == 1  # parties, project and escrow in one query
    for _ in range(5):
        c = ContractFactory(freelancer=freelancer)
        LedgerEntryFactory(contract=c)
        ContractFactory(employer=c.employer)  # not theirs
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["contracts"]) == 7


def test_employer_sees_fund_and_freelancer_sees_submit(client, contract):
    milestone = MilestoneFactory(contract=contract, title="Design", amount=Decimal("500.00"))
    client.force_login(contract.employer)
    html = client.get(detail_url(contract)).text
    assert "Fund 500.00 USD" in html
    assert "Add a milestone" in html
    milestone_fund(milestone=milestone, by=contract.employer)
    client.force_login(contract.freelancer)
    html = client.get(detail_url(contract)).text
    assert "Submit work" in html
    assert "Fund 500.00" not in html
    assert "Add a milestone" not in html


def test_hourly_contracts_show_rate_and_no_milestone_controls(client):
    contract = ContractFactory(budget_type="hourly", amount=Decimal("45.00"))
    client.force_login(contract.employer)
    html = client.get(detail_url(contract)).text
    assert "45.00 USD per hour" in html
    assert "Add a milestone" not in html
    assert "Milestones" not in html
    response = client.post(
        reverse("projects:milestone-add", args=[contract.pk]),
        {"title": "Week 1", "amount": "100", "due_date": "2999-01-01"},
    )
    assert "Hourly contracts are paid by the hour" in response.text


def test_milestone_add_keeps_what_was_typed_and_shows_the_error_by_the_field(client, contract):
    client.force_login(contract.employer)
    url = reverse("projects:milestone-add", args=[contract.pk])
    response = client.post(url, {"title": "Wireframes", "amount": "-20", "due_date": "2001-02-03"})
    assert response.status_code == 200
    html = response.text
    assert "The amount must be more than zero." in html
    assert 'value="Wireframes"' in html
    assert 'value="-20"' in html
    assert not contract.milestones.exists()

    response = client.post(url, {"title": "Wireframes", "amount": "250", "due_date": "2001-02-03"})
    assert "The due date cannot be in the past." in response.text
    assert 'value="2001-02-03"' in response.text


def test_the_whole_milestone_flow_through_the_pages(client, contract):
    client.force_login(contract.employer)
    client.post(
        reverse("projects:milestone-add", args=[contract.pk]),
        {"title": "Design", "amount": "500", "due_date": "2999-01-01"},
    )
    milestone = contract.milestones.get()
    args = [contract.pk, milestone.pk]
    response = client.post(reverse("projects:milestone-fund", args=args), follow=True)
    assert "“Design” is funded and held in escrow." in response.text

    client.force_login(contract.freelancer)
    response = client.post(reverse("projects:milestone-submit", args=args), {"note": ""})
    assert "Describe what you are submitting" in response.text
    client.post(reverse("projects:milestone-submit", args=args), {"note": "Figma link"})

    client.force_login(contract.employer)
    approve = reverse("projects:milestone-approve", args=args)
    response = client.post(approve, follow=True)
    assert "the payment is released" in response.text
    client.post(approve)  # a double click
    assert LedgerEntry.objects.filter(kind="release").count() == 1

    response = client.post(reverse("projects:contract-complete", args=[contract.pk]), follow=True)
    assert "Write your review" in response.text


def test_releasing_an_unfunded_milestone_shows_the_reason(client, contract):
    milestone = MilestoneFactory(contract=contract)
    client.force_login(contract.employer)
    response = client.post(
        reverse("projects:milestone-approve", args=[contract.pk, milestone.pk]), follow=True
    )
    assert "This milestone is not funded yet; fund it before releasing payment." in response.text


def test_completing_with_escrow_shows_the_reason(client, contract):
    milestone = MilestoneFactory(contract=contract, title="Design")
    milestone_fund(milestone=milestone, by=contract.employer)
    client.force_login(contract.employer)
    response = client.post(reverse("projects:contract-complete", args=[contract.pk]), follow=True)
    assert escape("Money is still in escrow on “Design”") in response.text
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE


def test_cancel_page_requires_a_reason_and_then_refunds(client, contract):
    milestone = MilestoneFactory(contract=contract, amount=Decimal("300.00"))
    milestone_fund(milestone=milestone, by=contract.employer)
    client.force_login(contract.freelancer)
    url = reverse("projects:contract-cancel", args=[contract.pk])
    assert "300.00 USD in escrow will be refunded" in client.get(url).text
    response = client.post(url, {"reason": ""})
    assert cs.REASON_REQUIRED in response.text
    response = client.post(url, {"reason": "Cannot continue"}, follow=True)
    assert "The contract is cancelled" in response.text
    contract.refresh_from_db()
    assert contract.status == "cancelled"
