"""Client signals on the project page: the employer's record, derived from contracts and ledger."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insights.selectors.client import client_signals
from projects.models import Contract, LedgerEntry, Milestone, Project, Review
from projects.money import convert
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    LedgerEntryFactory,
    MilestoneFactory,
    ProjectFactory,
    ReviewFactory,
    StaffFactory,
)

CENT = Decimal("0.01")


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02}:00").replace(tzinfo=dt.UTC)


def contract_for(employer, *, status=Project.Status.IN_PROGRESS, **fields) -> Contract:
    return ContractFactory(project=ProjectFactory(employer=employer, status=status), **fields)


def released(contract, *, due: str, on: str) -> Milestone:
    return MilestoneFactory(
        contract=contract,
        status=Milestone.Status.RELEASED,
        due_date=dt.date.fromisoformat(due),
        released_at=at(on),
    )


def paid(contract, amount: str, fee: str, *, provider: str = "test") -> None:
    """A milestone funded, then released: the freelancer's payout and the platform's fee."""
    total = Decimal(amount) + Decimal(fee)
    ledger = {"contract": contract, "currency": contract.currency, "provider": provider}
    LedgerEntryFactory(kind=LedgerEntry.Kind.FUND, amount=total, **ledger)
    LedgerEntryFactory(kind=LedgerEntry.Kind.RELEASE, amount=Decimal(amount), **ledger)
    LedgerEntryFactory(kind=LedgerEntry.Kind.FEE, amount=Decimal(fee), **ledger)


def review_of_employer(contract, **ratings) -> Review:
    return ReviewFactory(
        contract=contract,
        author=contract.freelancer,
        subject=contract.employer,
        direction=Review.Direction.OF_EMPLOYER,
        **ratings,
    )


def history(employer) -> dict:
    """A record with every kind of figure, and a little of everything that must not count."""
    hourly_usd = contract_for(employer, budget_type="hourly", amount=Decimal("40"))
    hourly_eur = contract_for(
        employer,
        status=Project.Status.COMPLETED,
        budget_type="hourly",
        amount=Decimal("30"),
        currency="EUR",
    )
    fixed = contract_for(employer, status=Project.Status.COMPLETED, amount=Decimal("2000"))
    for contract in (hourly_eur, fixed):
        contract.status, contract.ended_at = Contract.Status.COMPLETED, timezone.now()
        contract.save(update_fields=["status", "ended_at"])
    ProjectFactory(employer=employer, status=Project.Status.CLOSED)  # settled, nobody hired
    ProjectFactory(employer=employer, status=Project.Status.CANCELLED)  # settled, nobody hired
    ProjectFactory(employer=employer)  # still open: not settled
    ProjectFactory(employer=employer, status=Project.Status.DRAFT, published_at=None)

    released(hourly_usd, due="2024-05-10", on="2024-05-10")  # on the due date: on time
    released(hourly_usd, due="2024-05-10", on="2024-05-12")  # late
    released(hourly_eur, due="2024-06-01", on="2024-05-20")  # early
    MilestoneFactory(contract=hourly_usd, status=Milestone.Status.FUNDED)  # not released yet

    paid(hourly_usd, "450.00", "50.00")
    paid(hourly_eur, "900.00", "100.00")
    LedgerEntryFactory(contract=hourly_usd, kind=LedgerEntry.Kind.REFUND, amount=Decimal("80"))

    review_of_employer(hourly_eur, rating_quality=5, rating_communication=4, rating_timeliness=3)
    ReviewFactory(contract=hourly_eur)  # the employer's: both wrote, so both are published
    # Still blind: only the freelancer wrote, and the contract ended today.
    review_of_employer(fixed, rating_quality=1, rating_communication=1, rating_timeliness=1)
    return {"hourly_usd": hourly_usd, "hourly_eur": hourly_eur, "fixed": fixed}


def somebody_elses_history() -> None:
    other = EmployerFactory()
    contract = contract_for(other, budget_type="hourly", amount=Decimal("99"))
    released(contract, due="2024-01-01", on="2024-03-01")
    paid(contract, "5000.00", "500.00")
    ReviewFactory(contract=contract)
    review_of_employer(contract, rating_quality=1, rating_communication=1, rating_timeliness=1)


@pytest.fixture
def employer(db):
    return EmployerFactory()


@pytest.fixture
def open_project(employer):
    return ProjectFactory(employer=employer, title="Clinic booking rebuild")


# --- The figures ----------------------------------------------------------------------------
def test_the_figures_come_from_the_planted_history(employer):
    history(employer)
    somebody_elses_history()

    signals = client_signals(employer=employer, currency="USD")

    # Settled: the three with a hire, the closed and the cancelled one; not the open or draft.
    assert (signals.projects_hired, signals.projects_decided) == (3, 5)
    assert signals.hire_rate_percent == 60
    # Released payouts plus fees, USD and EUR; the refund and the funding are not spend.
    expected_spend = Decimal("500") + convert(Decimal("1000"), "EUR", "USD")
    assert signals.total_spend == expected_spend.quantize(CENT)
    expected_rate = (Decimal("40") + convert(Decimal("30"), "EUR", "USD")) / 2
    assert signals.hourly_contracts == 2
    assert signals.average_hourly_rate == expected_rate.quantize(CENT)
    assert (signals.milestones_on_time, signals.milestones_late) == (2, 1)
    assert signals.on_time_percent == 67
    assert signals.reviews_given == 1
    assert (signals.reviews_received, signals.average_rating_received) == (1, 4.0)
    assert signals.payment_verified
    assert signals.payment_test_mode
    assert signals.has_history


def test_money_is_shown_in_the_currency_asked_for(employer):
    history(employer)
    usd = client_signals(employer=employer, currency="USD")
    eur = client_signals(employer=employer, currency="EUR")
    assert eur.currency == "EUR"
    assert eur.total_spend == convert(usd.total_spend, "USD", "EUR").quantize(CENT)
    assert abs(eur.average_hourly_rate - convert(usd.average_hourly_rate, "USD", "EUR")) <= CENT


def test_a_real_provider_is_verified_without_the_test_mode_label(employer):
    contract = contract_for(employer)
    paid(contract, "90.00", "10.00", provider="stripe")
    signals = client_signals(employer=employer, currency="USD")
    assert signals.payment_verified
    assert not signals.payment_test_mode


def test_a_new_employer_has_no_history_rather_than_bad_figures(employer):
    signals = client_signals(employer=employer, currency="USD")
    assert not signals.has_history
    assert signals.hire_rate_percent is None
    assert signals.total_spend is None
    assert signals.average_hourly_rate is None
    assert signals.on_time_percent is None
    assert not signals.payment_verified


def eur_reader():
    """A freelancer who reads money in euros."""
    freelancer = FreelancerFactory()
    freelancer.freelancer_profile.currency = "EUR"
    freelancer.freelancer_profile.save(update_fields=["currency"])
    return freelancer


def test_a_new_employer_reads_no_history_yet_on_the_page(client, open_project):
    url = reverse("insights:client-signals", args=[open_project.pk])
    html = client.get(url).content.decode()
    assert "nothing to judge them by, good or bad" in html  # the project on show is not a record
    assert "No history yet" in html
    assert "No reviews from freelancers yet" in html
    assert "Not verified yet" in html
    assert "0%" not in html
    assert "(joined today)" in html
    assert "0\xa0minutes" not in html


def test_the_fragment_shows_each_figure_with_its_definition(client, employer, open_project):
    history(employer)
    client.force_login(eur_reader())
    html = client.get(reverse("insights:client-signals", args=[open_project.pk])).content.decode()
    assert "60%" in html
    assert "hired on 3 of 5 projects" in html
    assert "Projects still open are not counted" in html
    assert "2 on time, 1 late" in html
    assert "released on or before its due date" in html
    assert "Rated 4.0 of 5 in 1 review from freelancers" in html
    assert "Wrote 1 review of freelancers" in html
    assert "Verified (test mode)" in html
    assert "no real money moved" in html
    assert "Money is shown in EUR" in html  # the viewer's preferred currency
    assert f"{client_signals(employer=employer, currency='EUR').total_spend:,.0f} EUR" in html
    assert "<dl" in html
    assert "No history yet" not in html


def test_an_employer_who_hired_but_paid_nothing_reads_zero_not_no_history(
    client, employer, open_project
):
    # Before, three hires sat beside "Total spend: No history yet", as if the two contradicted.
    contract_for(employer, budget_type="hourly", amount=Decimal("40"))
    html = client.get(reverse("insights:client-signals", args=[open_project.pk])).content.decode()
    assert "hired on 1 of 1 project" in html
    assert "0 USD <span" in html
    assert "nothing released yet to the freelancers they hired" in html
    assert "No milestone released yet" in html
    assert "No history yet" not in html


def test_the_project_page_loads_the_fragment_lazily(client, open_project):
    page = client.get(reverse("projects:project-detail", args=[open_project.pk])).content.decode()
    url = reverse("insights:client-signals", args=[open_project.pk])
    assert f'hx-get="{url}" hx-trigger="load"' in page


def test_queries_stay_constant_as_the_history_grows(
    client, employer, open_project, django_assert_num_queries
):
    url = reverse("insights:client-signals", args=[open_project.pk])
    client.force_login(FreelancerFactory())
    history(employer)
    client.get(url)  # the first conversion reads the exchange rates, once per process
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _round in range(3):
        history(employer)
        somebody_elses_history()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "hired on 12 of 20 projects" in response.content.decode()


def test_the_selector_itself_takes_nine_queries(employer, django_assert_num_queries):
    history(employer)
    client_signals(employer=employer, currency="EUR")  # the exchange rates, once per process
    with django_assert_num_queries(9):
        client_signals(employer=employer, currency="EUR")


# --- Who may see it -------------------------------------------------------------------------
ROLES = ["anonymous", "freelancer", "owner", "other_employer", "staff"]


def login(client, role, owner):
    user = {
        "anonymous": None,
        "freelancer": FreelancerFactory,
        "owner": lambda: owner,
        "other_employer": EmployerFactory,
        "staff": StaffFactory,
    }[role]
    if user is not None:
        client.force_login(user())
    return client


@pytest.mark.parametrize("role", ROLES)
def test_anyone_who_may_see_an_open_project_sees_its_signals(client, employer, open_project, role):
    url = reverse("insights:client-signals", args=[open_project.pk])
    response = login(client, role, employer).get(url)
    assert response.status_code == 200
    assert "Client signals" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("freelancer", 404),
        ("owner", 200),
        ("other_employer", 404),
        ("staff", 200),
    ],
)
def test_a_draft_is_only_for_its_owner_and_staff(client, employer, role, status):
    draft = ProjectFactory(
        employer=employer,
        status=Project.Status.DRAFT,
        published_at=None,
        title="Secret stealth-mode launch",
    )
    response = login(client, role, employer).get(
        reverse("insights:client-signals", args=[draft.pk])
    )
    assert response.status_code == status
    assert "Secret stealth-mode launch" not in response.content.decode()


def test_a_hidden_project_is_a_404_for_others(client, employer):
    hidden = ProjectFactory(employer=employer, is_hidden=True, title="Hidden by staff")
    response = login(client, "freelancer", employer).get(
        reverse("insights:client-signals", args=[hidden.pk])
    )
    assert response.status_code == 404
    assert "Hidden by staff" not in response.content.decode()


def test_only_get_is_allowed(client, open_project):
    url = reverse("insights:client-signals", args=[open_project.pk])
    assert client.post(url).status_code == 405


def test_the_project_page_shows_the_spend_once_in_the_viewers_currency(
    client, employer, open_project
):
    # The employer card used to repeat the spend in the ledger's currencies (USD) above the
    # signals' converted figure (EUR): two different numbers for one thing.
    history(employer)
    client.force_login(eur_reader())
    page = client.get(reverse("projects:project-detail", args=[open_project.pk])).content.decode()
    signals = client.get(reverse("insights:client-signals", args=[open_project.pk]))
    both = page + signals.content.decode()
    assert both.count("Total spend") == 1
    assert "USD spent" not in both
