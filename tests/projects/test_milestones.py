"""Milestone services: each transition's happy path and each refusal, which changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects.models import LedgerEntry, Milestone, Notification
from projects.services import milestones as ms
from projects.services.contracts import NOT_A_PARTY, NOT_ACTIVE
from tests.factories import ContractFactory, EmployerFactory, FreelancerFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def contract():
    return ContractFactory()


@pytest.fixture
def milestone(contract):
    return MilestoneFactory(contract=contract, amount=Decimal("500.00"))


def funded(milestone):
    return ms.milestone_fund(milestone=milestone, by=milestone.contract.employer)


def submitted(milestone):
    funded(milestone)
    return ms.milestone_submit(
        milestone=milestone, by=milestone.contract.freelancer, note="See the staging link."
    )


def refused(call, message, **kwargs):
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    assert message in info.value.messages
    return info.value


def snapshot(milestone):
    m = Milestone.objects.get(pk=milestone.pk)
    return (m.status, m.submission_note, m.feedback, LedgerEntry.objects.count())


# --- Adding --------------------------------------------------------------------------------
def test_employer_adds_milestones_in_order_even_beyond_the_contract_amount(contract):
    first = ms.milestone_create(
        contract=contract,
        by=contract.employer,
        title="  Wireframes ",
        amount=Decimal("1500"),
        due_date=TODAY(),
    )
    second = ms.milestone_create(
        contract=contract,
        by=contract.employer,
        title="Extra scope",
        amount=Decimal("900.50"),
        due_date=TODAY() + dt.timedelta(days=30),
    )
    assert (first.title, first.amount, first.status) == (
        "Wireframes",
        Decimal("1500.00"),
        "unfunded",
    )
    assert second.position == first.position + 1
    assert sum(m.amount for m in contract.milestones.all()) > contract.amount


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", Decimal("0"), ms.AMOUNT_POSITIVE),
        ("amount", Decimal("-5"), ms.AMOUNT_POSITIVE),
        ("due_date", dt.date(2000, 1, 1), ms.DUE_IN_PAST),
        ("title", "   ", ms.TITLE_REQUIRED),
    ],
)
def test_bad_milestone_input_is_refused_next_to_its_field(contract, field, value, message):
    data = {"title": "Design", "amount": Decimal("100"), "due_date": TODAY(), field: value}
    error = refused(ms.milestone_create, message, contract=contract, by=contract.employer, **data)
    assert error.message_dict[field] == [message]
    assert not contract.milestones.exists()


def test_only_the_employer_adds_milestones_and_only_on_fixed_active_contracts(contract):
    data = {"title": "Design", "amount": Decimal("100"), "due_date": TODAY()}
    refused(
        ms.milestone_create, ms.EMPLOYER_ONLY, contract=contract, by=contract.freelancer, **data
    )
    refused(ms.milestone_create, NOT_A_PARTY, contract=contract, by=EmployerFactory(), **data)
    hourly = ContractFactory(budget_type="hourly", amount=Decimal("45"))
    refused(
        ms.milestone_create,
        ms.HOURLY_HAS_NO_MILESTONES,
        contract=hourly,
        by=hourly.employer,
        **data,
    )
    ended = ContractFactory(status="completed", ended_at=timezone.now())
    refused(ms.milestone_create, NOT_ACTIVE, contract=ended, by=ended.employer, **data)
    assert not Milestone.objects.exists()


# --- Funding -------------------------------------------------------------------------------
def test_funding_escrows_the_amount_and_tells_the_freelancer(milestone):
    funded(milestone)
    milestone.refresh_from_db()
    assert milestone.status == "funded"
    assert milestone.funded_at is not None
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.amount, entry.currency, entry.provider) == (
        "fund",
        Decimal("500.00"),
        "USD",
        "test",
    )
    assert entry.provider_reference == f"test_fund_c{milestone.contract_id}_m{milestone.pk}_500.00"
    note = Notification.objects.get(user=milestone.contract.freelancer)
    assert note.kind == "milestone_funded"


def test_funding_twice_funds_once(milestone):
    funded(milestone)
    funded(milestone)
    assert LedgerEntry.objects.filter(kind="fund").count() == 1
    assert Notification.objects.filter(kind="milestone_funded").count() == 1


def test_the_freelancer_cannot_fund(milestone):
    before = snapshot(milestone)
    refused(
        ms.milestone_fund, ms.EMPLOYER_ONLY, milestone=milestone, by=milestone.contract.freelancer
    )
    assert snapshot(milestone) == before


def test_a_stranger_cannot_act_on_a_milestone(milestone):
    for user in (EmployerFactory(), FreelancerFactory()):
        refused(ms.milestone_fund, NOT_A_PARTY, milestone=milestone, by=user)
    assert snapshot(milestone)[0] == "unfunded"


# --- Submitting and asking for changes ---------------------------------------------------
def test_submit_records_the_note_and_tells_the_employer(milestone):
    submitted(milestone)
    milestone.refresh_from_db()
    assert (milestone.status, milestone.submission_note) == ("submitted", "See the staging link.")
    assert Notification.objects.get(user=milestone.contract.employer).kind == "milestone_submitted"


def test_submitting_on_an_unfunded_milestone_is_refused(milestone):
    before = snapshot(milestone)
    refused(
        ms.milestone_submit,
        ms.SUBMIT_NOT_FUNDED,
        milestone=milestone,
        by=milestone.contract.freelancer,
        note="Done",
    )
    assert snapshot(milestone) == before


def test_submit_needs_a_note_and_the_freelancer(milestone):
    funded(milestone)
    freelancer, employer = milestone.contract.freelancer, milestone.contract.employer
    error = refused(
        ms.milestone_submit, ms.NOTE_REQUIRED, milestone=milestone, by=freelancer, note=" "
    )
    assert error.message_dict == {"note": [ms.NOTE_REQUIRED]}
    refused(ms.milestone_submit, ms.FREELANCER_ONLY, milestone=milestone, by=employer, note="x")
    assert snapshot(milestone)[0] == "funded"


def test_changes_requested_then_the_freelancer_submits_again(milestone):
    submitted(milestone)
    contract = milestone.contract
    ms.milestone_request_changes(milestone=milestone, by=contract.employer, feedback="Logo bigger")
    milestone.refresh_from_db()
    assert (milestone.status, milestone.feedback) == ("changes_requested", "Logo bigger")
    assert Notification.objects.filter(user=contract.freelancer, kind="changes_requested").exists()

    ms.milestone_submit(milestone=milestone, by=contract.freelancer, note="Bigger logo now")
    milestone.refresh_from_db()
    assert (milestone.status, milestone.submission_note) == ("submitted", "Bigger logo now")
    assert Notification.objects.filter(kind="milestone_submitted").count() == 2


def test_changes_need_feedback_and_submitted_work(milestone):
    employer = milestone.contract.employer
    funded(milestone)
    refused(
        ms.milestone_request_changes,
        ms.NOT_SUBMITTED,
        milestone=milestone,
        by=employer,
        feedback="x",
    )
    ms.milestone_submit(milestone=milestone, by=milestone.contract.freelancer, note="Done")
    error = refused(
        ms.milestone_request_changes,
        ms.FEEDBACK_REQUIRED,
        milestone=milestone,
        by=employer,
        feedback="",
    )
    assert "feedback" in error.message_dict
    assert snapshot(milestone)[0] == "submitted"


# --- Approving and releasing ---------------------------------------------------------------
def test_approval_releases_the_amount_less_the_fee_and_records_the_fee(milestone, settings):
    settings.PLATFORM_FEE_PERCENT = Decimal("10")
    submitted(milestone)
    ms.milestone_approve(milestone=milestone, by=milestone.contract.employer)
    milestone.refresh_from_db()
    assert milestone.status == "released"
    assert milestone.released_at is not None
    entries = {e.kind: e.amount for e in LedgerEntry.objects.all()}
    assert entries == {
        "fund": Decimal("500.00"),
        "release": Decimal("450.00"),
        "fee": Decimal("50.00"),
    }
    released = Notification.objects.get(kind="milestone_released")
    assert released.user == milestone.contract.freelancer
    assert "450.00 USD released to you" in released.body


def test_approving_twice_releases_once(milestone):
    submitted(milestone)
    employer = milestone.contract.employer
    ms.milestone_approve(milestone=milestone, by=employer)
    ms.milestone_approve(milestone=milestone, by=employer)
    assert LedgerEntry.objects.filter(kind="release").count() == 1
    assert LedgerEntry.objects.filter(kind="fee").count() == 1


def test_releasing_an_unfunded_milestone_is_refused(milestone):
    before = snapshot(milestone)
    error = refused(
        ms.milestone_approve, ms.NOT_FUNDED, milestone=milestone, by=milestone.contract.employer
    )
    assert error.messages == ["This milestone is not funded yet; fund it before releasing payment."]
    assert snapshot(milestone) == before


def test_releasing_before_work_is_submitted_is_refused(milestone):
    funded(milestone)
    before = snapshot(milestone)
    refused(
        ms.milestone_approve, ms.NOT_SUBMITTED, milestone=milestone, by=milestone.contract.employer
    )
    refused(
        ms.milestone_approve,
        ms.EMPLOYER_ONLY,
        milestone=milestone,
        by=milestone.contract.freelancer,
    )
    assert snapshot(milestone) == before


def test_a_released_milestone_is_closed(milestone):
    submitted(milestone)
    contract = milestone.contract
    ms.milestone_approve(milestone=milestone, by=contract.employer)
    refused(
        ms.milestone_submit,
        ms.MILESTONE_CLOSED,
        milestone=milestone,
        by=contract.freelancer,
        note="more",
    )
    refused(ms.milestone_fund, ms.MILESTONE_CLOSED, milestone=milestone, by=contract.employer)


@pytest.mark.parametrize(
    ("percent", "amount", "fee"),
    [
        ("10", "500.00", "50.00"),
        ("12.5", "99.99", "12.50"),
        ("0", "100.00", "0.00"),
        ("10", "0.05", "0.01"),
    ],
)
def test_platform_fee_rounds_half_up_to_the_cent(settings, percent, amount, fee):
    settings.PLATFORM_FEE_PERCENT = Decimal(percent)
    assert ms.platform_fee(Decimal(amount)) == Decimal(fee)


def test_a_zero_fee_writes_no_fee_entry(milestone, settings):
    settings.PLATFORM_FEE_PERCENT = Decimal("0")
    submitted(milestone)
    ms.milestone_approve(milestone=milestone, by=milestone.contract.employer)
    assert sorted(LedgerEntry.objects.values_list("kind", flat=True)) == ["fund", "release"]
