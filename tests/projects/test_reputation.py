"""Reputation is computed from contracts, the ledger and published reviews."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.selectors.reputation import (
    EmployerReputation,
    FreelancerReputation,
    employer_reputation,
    freelancer_reputation,
)
from tests.factories import (
    ContractFactory,
    FreelancerFactory,
    LedgerEntryFactory,
    ProjectFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def ended(freelancer, status="completed", **kwargs):
    return ContractFactory(freelancer=freelancer, status=status, ended_at=timezone.now(), **kwargs)


def both_reviews(contract, *, of_freelancer=(5, 5, 5), of_employer=(4, 4, 4)):
    q, c, t = of_freelancer
    ReviewFactory(contract=contract, rating_quality=q, rating_communication=c, rating_timeliness=t)
    q, c, t = of_employer
    ReviewFactory(
        contract=contract,
        author=contract.freelancer,
        subject=contract.employer,
        direction="of_employer",
        rating_quality=q,
        rating_communication=c,
        rating_timeliness=t,
    )


def test_a_new_freelancer_has_no_figures(freelancer):
    assert freelancer_reputation(user=freelancer) == FreelancerReputation(
        job_success_percent=None,
        contracts_completed=0,
        contracts_ended=0,
        average_rating=None,
        review_count=0,
    )


def test_job_success_counts_completed_contracts_with_a_published_good_review():
    freelancer = FreelancerFactory()
    good = ended(freelancer)
    both_reviews(good, of_freelancer=(5, 4, 4))  # 4.33: a success
    weak = ended(freelancer)
    both_reviews(weak, of_freelancer=(4, 4, 3))  # 3.67: completed but not a success
    ended(freelancer, status="cancelled")  # ended without success
    blind = ended(freelancer)
    ReviewFactory(contract=blind)  # 4.67 but still blind: not counted yet
    ContractFactory(freelancer=freelancer)  # active: not counted

    rep = freelancer_reputation(user=freelancer)

    assert rep.contracts_ended == 4
    assert rep.contracts_completed == 3
    assert rep.job_success_percent == 25
    assert rep.review_count == 2
    assert rep.average_rating == 4.0  # (4.33 + 3.67) / 2
    assert "4 stars or more" in rep.help_text

    # Fourteen days on, the blind review is published and counts.
    blind.ended_at = timezone.now() - dt.timedelta(days=15)
    blind.save(update_fields=["ended_at"])
    assert freelancer_reputation(user=freelancer).job_success_percent == 50


def test_employer_hire_rate_spend_and_rating():
    contract = ContractFactory(status="completed", ended_at=timezone.now())
    employer = contract.employer  # its project is published
    ProjectFactory(employer=employer)  # published, no hire
    ProjectFactory(employer=employer, status="draft", published_at=None)  # not counted
    eur = ContractFactory(employer=employer, currency="EUR", project__employer=employer)
    LedgerEntryFactory(contract=contract, kind="release", amount=Decimal("450.00"))
    LedgerEntryFactory(contract=contract, kind="fee", amount=Decimal("50.00"))
    LedgerEntryFactory(contract=contract, kind="fund", amount=Decimal("999.00"))  # escrow
    LedgerEntryFactory(contract=eur, kind="release", amount=Decimal("90.00"), currency="EUR")
    both_reviews(contract, of_employer=(5, 4, 3))

    rep = employer_reputation(user=employer)

    assert rep == EmployerReputation(
        projects_published=3,
        hires=2,
        hire_rate_percent=67,
        average_rating=4.0,
        review_count=1,
    )
    assert rep.total_spend == {"EUR": Decimal("90.00"), "USD": Decimal("500.00")}


def test_reputation_queries_do_not_grow_with_history(django_assert_max_num_queries):
    freelancer = FreelancerFactory()
    for _ in range(4):
        both_reviews(ended(freelancer))
    employer = freelancer.contracts_as_freelancer.first().employer
    with django_assert_max_num_queries(3):
        freelancer_reputation(user=freelancer)
    with django_assert_max_num_queries(3):
        rep = employer_reputation(user=employer)
    with django_assert_max_num_queries(1):  # the spend, read once and kept
        assert rep.total_spend == rep.total_spend
