"""Weekly demand, growth, budget share and the opportunity ranking of a planted market."""

import datetime as dt

import pytest
from django.utils import timezone

from insights.models import SkillDemandWeek, SkillMarket
from insights.selectors.demand import demand_trends, opportunities
from insights.services.demand import demand_compute, week_of
from matching.models import SkillRelation
from projects.models import Project
from tests.insights.market import freelancer_with, hourly_project, skill

pytestmark = pytest.mark.django_db


def _published(skill_, weeks_ago, count, status=Project.Status.CLOSED):
    moment = timezone.now() - dt.timedelta(weeks=weeks_ago)
    for _ in range(count):
        hourly_project(skill_, published=moment, status=status)


def test_weekly_counts_and_growth_come_out_as_planted():
    rising, flat = skill("Rust"), skill("PHP")
    _published(rising, weeks_ago=20, count=1)
    _published(rising, weeks_ago=3, count=4)
    _published(flat, weeks_ago=20, count=2)
    _published(flat, weeks_ago=3, count=2)
    demand_compute()
    week = week_of(timezone.now() - dt.timedelta(weeks=3))
    assert SkillDemandWeek.objects.get(skill=rising, week=week).projects == 4
    markets = {m.skill.name: m for m in SkillMarket.objects.select_related("skill")}
    assert markets["Rust"].projects_year == 5
    assert (markets["Rust"].projects_recent, markets["Rust"].projects_before) == (4, 1)
    assert markets["Rust"].growth == pytest.approx(1.5)  # (4 + 1) / (1 + 1) - 1
    assert markets["PHP"].growth == pytest.approx(0.0)
    # Every project here has the same budget: shares follow the counts.
    assert markets["Rust"].budget_share == pytest.approx(5 / 9)


def test_projects_older_than_a_year_do_not_count():
    old = skill("Flash")
    _published(old, weeks_ago=60, count=3)
    demand_compute()
    assert not SkillDemandWeek.objects.filter(skill=old).exists()


def test_opportunities_rank_short_supply_and_rising_demand_first():
    scarce, crowded, thin = skill("Solidity"), skill("WordPress"), skill("Fortran")
    _published(scarce, weeks_ago=1, count=5, status=Project.Status.OPEN)
    _published(crowded, weeks_ago=1, count=5, status=Project.Status.OPEN)
    _published(thin, weeks_ago=1, count=1, status=Project.Status.OPEN)
    freelancer_with(scarce)
    for _ in range(9):
        freelancer_with(crowded)
    freelancer_with(crowded, available=0)  # not available: not supply
    demand_compute()
    ranked = [item.skill for item in opportunities().top]
    assert ranked == ["Solidity", "WordPress"]  # Fortran: one open project is too thin
    top = opportunities().top[0]
    assert (top.open_projects, top.available_freelancers) == (5, 1)
    crowded_market = SkillMarket.objects.get(skill=crowded)
    assert crowded_market.available_freelancers == 9


def test_a_freelancer_sees_the_opportunities_next_to_their_skills():
    mine, next_door, far = skill("Figma"), skill("Webflow"), skill("Solidity")
    _published(next_door, weeks_ago=1, count=3, status=Project.Status.OPEN)
    _published(far, weeks_ago=1, count=6, status=Project.Status.OPEN)
    user = freelancer_with(mine)
    SkillRelation.objects.create(skill=mine, related=next_door, strength=0.6, together=4)
    SkillRelation.objects.create(skill=next_door, related=mine, strength=0.6, together=4)
    demand_compute()
    found = opportunities(profile=user.freelancer_profile)
    assert [item.skill for item in found.adjacent] == ["Webflow"]
    assert found.adjacent[0].via == "Figma"


def test_trends_put_the_freelancers_skills_first_with_a_year_of_weeks():
    mine, busy = skill("Figma"), skill("Python")
    _published(busy, weeks_ago=2, count=5)
    _published(mine, weeks_ago=2, count=1)
    user = freelancer_with(mine)
    demand_compute()
    trends = demand_trends(profile=user.freelancer_profile)
    assert len(trends.weeks) == 52
    assert [t.skill for t in trends.skills] == ["Figma", "Python"]
    assert trends.skills[0].yours
    assert sum(trends.skills[1].counts) == 5
    assert trends.chart_data()["series"][1]["data"] == trends.skills[1].counts


def test_the_week_under_way_is_not_counted_until_it_ends():
    # Counting it would end every line on a near-empty week and pull growth down.
    now = timezone.now()
    lang = skill("Go")
    _published(lang, weeks_ago=1, count=2)
    hourly_project(lang, published=now, status=Project.Status.CLOSED)
    demand_compute(now=now)
    market = SkillMarket.objects.get(skill=lang)
    assert (market.projects_year, market.projects_recent) == (2, 2)
    assert not SkillDemandWeek.objects.filter(skill=lang, week=week_of(now)).exists()
    trends = demand_trends(now=now)
    assert trends.weeks[-1] == week_of(now) - dt.timedelta(weeks=1)
    assert len(trends.weeks) == 52
