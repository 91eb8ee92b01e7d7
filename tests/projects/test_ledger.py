"""The escrow ledger: balances reconcile after a whole contract's life, as both sides see them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from projects.models import LedgerEntry
from projects.payments import PaymentProvider, TestPaymentProvider, payment_provider
from projects.selectors.contracts import (
    contract_balances,
    employer_spend,
    freelancer_earnings_this_month,
)
from projects.services.contracts import contract_cancel
from projects.services.milestones import (
    milestone_approve,
    milestone_fund,
    milestone_request_changes,
    milestone_submit,
)
from tests.factories import ContractFactory, LedgerEntryFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _ten_percent(settings):
    settings.PLATFORM_FEE_PERCENT = Decimal("10")


def test_balances_reconcile_after_fund_changes_submit_approve_and_cancel(client):
    contract = ContractFactory()
    employer, freelancer = contract.employer, contract.freelancer
    design = MilestoneFactory(contract=contract, title="Design", amount=Decimal("800.00"))
    build = MilestoneFactory(contract=contract, title="Build", amount=Decimal("1200.00"))
    MilestoneFactory(contract=contract, title="Launch", amount=Decimal("300.00"))  # never funded

    milestone_fund(milestone=design, by=employer)
    milestone_submit(milestone=design, by=freelancer, note="Figma link")
    milestone_request_changes(milestone=design, by=employer, feedback="Darker palette")
    milestone_submit(milestone=design, by=freelancer, note="Darker now")
    milestone_approve(milestone=design, by=employer)
    milestone_fund(milestone=build, by=employer)
    milestone_submit(milestone=build, by=freelancer, note="Branch main")

    b = contract_balances(contract=contract)
    assert (b.funded, b.released, b.fees, b.refunded, b.in_escrow) == (
        Decimal("2000.00"),
        Decimal("720.00"),
        Decimal("80.00"),
        Decimal("0.00"),
        Decimal("1200.00"),
    )

    contract_cancel(contract=contract, by=freelancer, reason="Client changed direction")

    b = contract_balances(contract=contract)
    assert (b.funded, b.released, b.fees, b.refunded, b.in_escrow) == (
        Decimal("2000.00"),
        Decimal("720.00"),
        Decimal("80.00"),
        Decimal("1200.00"),
        Decimal("0.00"),
    )
    assert b.funded == b.released + b.fees + b.refunded + b.in_escrow
    assert freelancer_earnings_this_month(user=freelancer) == {"USD": Decimal("720.00")}
    assert employer_spend(user=employer) == {"USD": Decimal("800.00")}
    assert set(contract.milestones.values_list("title", "status")) == {
        ("Design", "released"),
        ("Build", "refunded"),
        ("Launch", "unfunded"),
    }

    # What the employer sees on the contract page.
    client.force_login(employer)
    html = client.get(reverse("projects:contract-detail", args=[contract.pk])).text
    for shown in (
        "720.00 USD",
        "80.00 USD",
        "1,200.00 USD",
        "2,000.00 USD",
        "Refunded to the employer",
    ):
        assert shown in html


def test_earnings_this_month_count_only_this_months_releases_per_currency():
    contract = ContractFactory()
    eur = ContractFactory(freelancer=contract.freelancer, currency="EUR")
    LedgerEntryFactory(contract=contract, kind="release", amount=Decimal("450.00"))
    LedgerEntryFactory(contract=contract, kind="fee", amount=Decimal("50.00"))
    LedgerEntryFactory(contract=eur, kind="release", amount=Decimal("90.00"), currency="EUR")
    old = LedgerEntryFactory(contract=contract, kind="release", amount=Decimal("1000.00"))
    LedgerEntry.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=40)
    )  # queryset update: only the test may backdate an entry
    LedgerEntryFactory(kind="release", amount=Decimal("77.00"))  # someone else's

    assert freelancer_earnings_this_month(user=contract.freelancer) == {
        "EUR": Decimal("90.00"),
        "USD": Decimal("450.00"),
    }
    assert employer_spend(user=contract.employer) == {"USD": Decimal("1500.00")}


def test_a_new_freelancer_has_no_earnings(freelancer):
    assert freelancer_earnings_this_month(user=freelancer) == {}


def test_ledger_entries_are_append_only():
    entry = LedgerEntryFactory()
    entry.amount = Decimal("1.00")
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert LedgerEntry.objects.get().amount == Decimal("500.00")


class RecordingProvider(TestPaymentProvider):
    name = "recording"
    calls: list[tuple[str, Decimal]] = []

    def fund(self, contract, milestone, amount):
        self.calls.append(("fund", amount))
        return "rec-fund"


def test_the_provider_comes_from_settings_without_touching_the_services(settings):
    assert isinstance(payment_provider(), PaymentProvider)
    settings.PAYMENT_PROVIDER = "tests.projects.test_ledger.RecordingProvider"
    milestone = MilestoneFactory(amount=Decimal("250.00"))
    milestone_fund(milestone=milestone, by=milestone.contract.employer)
    entry = LedgerEntry.objects.get()
    assert (entry.provider, entry.provider_reference) == ("recording", "rec-fund")
    assert RecordingProvider.calls == [("fund", Decimal("250.00"))]


def test_a_provider_missing_a_method_is_refused(settings):
    settings.PAYMENT_PROVIDER = "decimal.Decimal"
    with pytest.raises(TypeError):
        payment_provider()
