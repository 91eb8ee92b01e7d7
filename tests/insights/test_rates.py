"""Rate advice from a planted market: percentiles as planted, evidence named, thin data said."""

import re
from decimal import Decimal

import pytest

from insights.models import RateStat, TaskRun
from insights.selectors.rates import MIN_SAMPLE, rate_advice
from insights.services.market import market_aggregate
from insights.services.rates import rate_stats_compute, weighted_percentiles
from projects.models import Project
from tests.factories import ProposalFactory
from tests.insights.market import contracts_at, freelancer_with, hourly_project, skill

pytestmark = pytest.mark.django_db
# Contracts at 60, 61, ... 100 USD an hour: quartiles 70, 80, 90.
PLANTED = list(range(60, 101))
TOLERANCE = Decimal("1.5")


def test_percentiles_come_out_as_planted():
    django = skill("Django")
    contracts_at(django, PLANTED)
    rate_stats_compute()
    cell = RateStat.objects.get(skill=django, level="expert", region="europe_africa")
    assert abs(cell.p25 - 70) <= TOLERANCE
    assert abs(cell.p50 - 80) <= TOLERANCE
    assert abs(cell.p75 - 90) <= TOLERANCE
    assert cell.contracts == len(PLANTED)


def test_the_advice_names_its_evidence_for_the_freelancers_level_and_region():
    django = skill("Django")
    contracts_at(django, PLANTED)
    user = freelancer_with(django, rate="85", years=9)
    rate_stats_compute()
    advice = rate_advice(profile=user.freelancer_profile)
    item = advice.skills[0]
    assert item.enough
    assert abs(item.p50 - 80) <= TOLERANCE
    assert "41 contracts" in item.reason
    assert "for Django at expert level in Europe and Africa in the last 12 months" in item.reason
    # With the days: "Dec 2025 to Dec 2026" read as thirteen months.
    assert re.search(r"\(\d{1,2} \w{3} \d{4} to \d{1,2} \w{3} \d{4}\)\.$", item.reason)
    assert advice.warning == ""


def test_contracts_weigh_more_than_asking_rates():
    design = skill("Figma")
    contracts_at(design, [100] * 10)
    project = hourly_project(design, status=Project.Status.OPEN)
    for _ in range(10):
        ProposalFactory(project=project, bid_amount=Decimal("50"))
    rate_stats_compute()
    cell = RateStat.objects.get(skill=design, level="", region="any")
    assert cell.asking == 10
    # Unweighted, the median of ten 50s and ten 100s would be 75.
    assert cell.p50 == Decimal("100.00")


def test_below_the_minimum_sample_it_says_so_instead_of_a_number():
    rare = skill("COBOL")
    contracts_at(rare, [90, 95, 99])
    user = freelancer_with(rare, years=9)
    rate_stats_compute()
    item = rate_advice(profile=user.freelancer_profile).skills[0]
    assert not item.enough
    assert item.p50 is None
    assert f"not enough to advise (we need {MIN_SAMPLE})" in item.reason
    assert item.reason.startswith("Only 4 rates")  # 3 contracts and the freelancer's own rate


def test_a_rate_far_below_the_25th_percentile_is_warned_about():
    django = skill("Django")
    contracts_at(django, PLANTED)
    user = freelancer_with(django, rate="30", years=9)
    rate_stats_compute()
    advice = rate_advice(profile=user.freelancer_profile)
    assert "you may be under-pricing" in advice.warning
    assert "30 USD/h" in advice.warning
    assert rate_advice(profile=user.freelancer_profile, rate=Decimal("68")).warning == ""


def test_a_rate_more_than_twice_the_75th_percentile_is_pointed_out():
    # Before, 99,999 USD an hour saved beside the advice without a word.
    django = skill("Django")
    contracts_at(django, PLANTED)
    user = freelancer_with(django, rate="99999", years=9)
    rate_stats_compute()
    advice = rate_advice(profile=user.freelancer_profile)
    p75 = advice.skills[0].p75
    assert advice.warning == (
        f"Your rate of 99,999 USD/h is more than twice the 75th percentile for Django ({p75} "
        "USD/h): check the figure, or say in your profile what sets your work apart."
    )
    assert rate_advice(profile=user.freelancer_profile, rate=2 * p75).warning == ""


def test_rates_in_other_currencies_are_compared_in_one_and_shown_in_the_readers():
    django = skill("Django")
    contracts_at(django, PLANTED, currency="EUR")
    user = freelancer_with(django, rate="80", years=9, currency="EUR")
    rate_stats_compute()
    cell = RateStat.objects.get(skill=django, level="expert", region="europe_africa")
    assert cell.p50 > Decimal("82")  # 80 EUR is more than 80 USD
    advice = rate_advice(profile=user.freelancer_profile)
    assert advice.currency == "EUR"
    assert abs(advice.skills[0].p50 - 80) <= 2


def test_weighted_percentiles_of_equal_weights_are_the_usual_ones():
    assert weighted_percentiles([1, 2, 3, 4, 5], [1] * 5, (0.5,)) == [3.0]


def test_aggregating_twice_gives_the_same_rows_and_records_each_run():
    django = skill("Django")
    contracts_at(django, PLANTED[:10])
    first = market_aggregate()
    second = market_aggregate()
    assert first == second
    assert RateStat.objects.count() == first["rates"]
    runs = TaskRun.objects.all()
    assert runs.count() == 4
    assert {run.status for run in runs} == {TaskRun.Status.SUCCEEDED}
    assert all(run.finished_at and run.rows_written for run in runs)


def test_a_failed_run_is_recorded_with_its_error(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("insights.services.market.rate_stats_compute", broken)
    with pytest.raises(RuntimeError):
        market_aggregate()
    run = TaskRun.objects.get()
    assert run.status == TaskRun.Status.FAILED
    assert "the database went away" in run.detail
