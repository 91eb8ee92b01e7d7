"""The scorer compares a rate with a budget in another currency through the exchange-rate table."""

from decimal import Decimal

import pytest

from accounts.services import freelancer_profile_update
from matching.features import Gig, Talent, gigs_load, talents_load
from matching.scoring import score
from matching.weights import default_weights
from projects.money import exchange_rates_changed
from projects.services.exchange_rates import exchange_rate_set
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

WEIGHTS = default_weights()


@pytest.fixture(autouse=True)
def fresh_rates():
    """The edits below are rolled back; the process's copy of the table must not keep them."""
    exchange_rates_changed()
    yield
    exchange_rates_changed()


@pytest.fixture
def euro_freelancer_and_dollar_project(db):
    profile = freelancer_with(headline="Django developer", rate=45)
    freelancer_profile_update(profile=profile, currency="EUR")
    small_taxonomy()
    project = open_project(
        title="Booking API", description="Django.", skills=["Django"], budget=(40, 50)
    )
    return profile, project


def rate_match(profile, project):
    talent = talents_load([profile.pk])[profile.pk]
    gig = gigs_load([project.pk])[project.pk]
    return score(gig, talent, similarity=None, weights=WEIGHTS)


def test_a_euro_rate_is_compared_with_a_dollar_budget_at_the_table_s_rate(
    euro_freelancer_and_dollar_project,
):
    match = rate_match(*euro_freelancer_and_dollar_project)  # €45 is $48.69 at 1.082
    assert match.components["rate"] == 1.0
    assert "€45/h within the $40\u2013$50/h budget" in match.explanation


def test_when_staff_change_a_rate_the_next_ranking_uses_it(euro_freelancer_and_dollar_project):
    exchange_rate_set(currency="EUR", usd_per_unit=Decimal("1.25"))  # €45 is now $56.25

    match = rate_match(*euro_freelancer_and_dollar_project)

    assert match.components["rate"] == pytest.approx(1 - 2 * (56.25 / 50 - 1), abs=1e-4)
    assert "€45/h, above the $40\u2013$50/h budget" in match.explanation


def test_loading_many_sides_reads_the_rates_once(db, django_assert_num_queries):
    people = [freelancer_with(headline=f"Dev {n}", rate=40) for n in range(5)]
    talents_load([p.pk for p in people])  # warm: the first load reads the table
    talents = talents_load([p.pk for p in people])
    rates = {id(t.usd_rates) for t in talents.values()}
    assert len(rates) == 1  # one table, shared by every candidate of the ranking
    with django_assert_num_queries(0):
        for talent in talents.values():
            score(Gig(id=1, employer_id=1, budget_max=50), talent, similarity=None, weights=WEIGHTS)


def test_a_side_built_by_hand_converts_through_the_shipped_rates():
    talent = Talent(id=1, user_id=2, hourly_rate=45, currency="NGN")
    assert talent.usd_rates["NGN"] == pytest.approx(0.000652)
    with pytest.raises(ValueError, match="No exchange rate for the currency “XYZ”"):
        score(
            Gig(id=1, employer_id=1, budget_max=50, currency="XYZ"),
            talent,
            similarity=None,
            weights=WEIGHTS,
        )
