"""Demand trends and opportunities, read from the summary tables (a few queries, any size)."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import FreelancerProfile
from marketplace.formats import day_month_year
from matching.models import SkillRelation
from projects.models import FreelancerSkill

from ..models import SkillDemandWeek, SkillMarket
from ..services.demand import WEEKS, last_full_week

TRENDING = 5  # the busiest skills charted, and at most as many of the freelancer's own
OPPORTUNITIES = 10
ADJACENT = 6


@dataclass
class SkillTrend:
    skill_id: int
    skill: str
    counts: list[int]
    projects_year: int
    growth: float
    budget_share: float
    yours: bool = False

    @property
    def growth_percent(self) -> int:
        return round(100 * self.growth)


@dataclass
class Trends:
    weeks: list[dt.date]
    skills: list[SkillTrend] = field(default_factory=list)

    def chart_data(self) -> dict:
        """What the chart draws (the page's table shows the same figures)."""
        return {
            "labels": [day_month_year(week) for week in self.weeks],  # as the table
            "series": [{"label": s.skill, "data": s.counts, "yours": s.yours} for s in self.skills],
        }

    def weekly_rows(self) -> list[dict]:
        return [
            {"week": week, "counts": [s.counts[n] for s in self.skills]}
            for n, week in enumerate(self.weeks)
        ]


def _own_skill_ids(profile: FreelancerProfile | None) -> list[int]:
    if profile is None:
        return []
    rows = FreelancerSkill.objects.filter(profile=profile, skill__isnull=False)
    return list(rows.order_by("-level", "-years", "pk").values_list("skill_id", flat=True))


def demand_trends(
    *, profile: FreelancerProfile | None = None, limit: int = TRENDING, now=None
) -> Trends:
    """Weekly project counts over a year: the busiest skills and the freelancer's own."""
    last_week = last_full_week(now or timezone.now())
    weeks = [last_week - dt.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    own = set(_own_skill_ids(profile)[:limit])
    busiest = list(
        SkillMarket.objects.filter(projects_year__gt=0)
        .order_by("-projects_year", "skill__name")
        .values_list("skill_id", flat=True)[:limit]
    )
    chosen = list(dict.fromkeys([*own, *busiest]))
    markets = SkillMarket.objects.filter(skill_id__in=chosen).select_related("skill")
    counts: dict[int, dict[dt.date, int]] = {pk: {} for pk in chosen}
    rows = SkillDemandWeek.objects.filter(skill_id__in=chosen, week__gte=weeks[0])
    for skill_id, week, projects in rows.values_list("skill_id", "week", "projects"):
        counts[skill_id][week] = projects
    trends = [
        SkillTrend(
            skill_id=market.skill_id,
            skill=market.skill.name,
            counts=[counts[market.skill_id].get(week, 0) for week in weeks],
            projects_year=market.projects_year,
            growth=market.growth,
            budget_share=market.budget_share,
            yours=market.skill_id in own,
        )
        for market in markets
    ]
    trends.sort(key=lambda t: (not t.yours, -t.projects_year, t.skill))
    return Trends(weeks=weeks, skills=trends)


@dataclass
class Opportunity:
    skill_id: int
    skill: str
    open_projects: int
    available_freelancers: int
    growth: float
    opportunity: float
    # For adjacent skills: the freelancer's skill it is often named with, and how strongly.
    via: str = ""
    strength: float = 0.0

    @property
    def per_freelancer(self) -> float:
        return self.open_projects / max(1, self.available_freelancers)

    @property
    def growth_percent(self) -> int:
        return round(100 * self.growth)


@dataclass
class Opportunities:
    top: list[Opportunity] = field(default_factory=list)
    adjacent: list[Opportunity] = field(default_factory=list)


def _opportunity(market: SkillMarket, via: str = "", strength: float = 0.0) -> Opportunity:
    return Opportunity(
        skill_id=market.skill_id,
        skill=market.skill.name,
        open_projects=market.open_projects,
        available_freelancers=market.available_freelancers,
        growth=market.growth,
        opportunity=market.opportunity,
        via=via,
        strength=strength,
    )


def _adjacent(profile: FreelancerProfile, limit: int) -> list[Opportunity]:
    """Skills the freelancer lacks that are often named with theirs, best opportunity first."""
    own = _own_skill_ids(profile)
    relations = SkillRelation.objects.filter(skill_id__in=own).exclude(related_id__in=own)
    closest: dict[int, tuple[float, str]] = {}
    for related, strength, name in relations.values_list("related_id", "strength", "skill__name"):
        if strength > closest.get(related, (0.0, ""))[0]:
            closest[related] = (strength, name)
    markets = SkillMarket.objects.filter(skill_id__in=closest, opportunity__gt=0)
    found = []
    for market in markets.select_related("skill"):
        strength, via = closest[market.skill_id]
        found.append(_opportunity(market, via=via, strength=strength))
    found.sort(key=lambda o: (-o.opportunity * o.strength, o.skill))
    return found[:limit]


def opportunities(
    *, profile: FreelancerProfile | None = None, limit: int = OPPORTUNITIES
) -> Opportunities:
    """Skills in high, rising demand and short supply; with a profile, the closest ones too."""
    top = SkillMarket.objects.filter(opportunity__gt=0).select_related("skill")
    return Opportunities(
        top=[_opportunity(m) for m in top.order_by("-opportunity", "skill__name")[:limit]],
        adjacent=_adjacent(profile, ADJACENT) if profile is not None else [],
    )
