"""Demand for each skill week by week, its growth, its share of budgets, and opportunities.

A project counts in the week it was published, once for each skill it asks for. Its budget is
its likely total in US dollars: the middle of a fixed range, or the middle of an hourly range
times its hours (hours a week, 20 when not stated, times its weeks). Supply is the freelancers
available now (some hours a week) who claim the skill.
"""

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from projects.models import FreelancerSkill, Project, ProjectSkill
from projects.money import to_usd

from ..models import SkillDemandWeek, SkillMarket

WEEKS = 52
QUARTER = 13
DEFAULT_HOURS_PER_WEEK = 20
# Below this many open projects a skill's demand is too thin to call an opportunity.
MIN_OPEN_PROJECTS = 2


def week_of(moment: dt.datetime) -> dt.date:
    day = timezone.localtime(moment, dt.UTC).date()
    return day - dt.timedelta(days=day.weekday())


def last_full_week(now: dt.datetime) -> dt.date:
    """The Monday of the last complete week. The week under way is left out of the weekly
    counts and of growth: it would end every line on a near-empty week and pull growth down."""
    return week_of(now) - dt.timedelta(weeks=1)


def project_value_usd(project: dict) -> Decimal:
    """A project's likely total budget in US dollars."""
    middle = (project["budget_min"] + project["budget_max"]) / 2
    if project["budget_type"] == "hourly":
        hours = project["hours_per_week"] or DEFAULT_HOURS_PER_WEEK
        middle *= hours * project["duration_weeks"]
    return to_usd(middle, project["currency"])


def growth_rate(recent: int, before: int) -> float:
    """The last quarter against the one before, smoothed so one project is not +100%."""
    return (recent + 1) / (before + 1) - 1


def opportunity_score(*, open_projects: int, available: int, growth: float) -> float:
    """Open projects per available freelancer, more when demand is rising; 0 when too thin."""
    if open_projects < MIN_OPEN_PROJECTS:
        return 0.0
    trend = 1 + max(-0.5, min(1.0, growth))
    return round(open_projects / (available + 1) * trend, 4)


def _published(since: dt.datetime, until: dt.datetime) -> dict[int, dict]:
    fields = ["pk", "published_at", "budget_type", "budget_min", "budget_max", "currency"]
    fields += ["hours_per_week", "duration_weeks"]
    rows = Project.objects.filter(
        published_at__gte=since, published_at__lt=until, is_hidden=False
    ).values(*fields)
    return {row["pk"]: row for row in rows}


def _weeks(projects: dict[int, dict], values: dict[int, Decimal]) -> tuple[dict, dict]:
    """{(skill, week): [projects, budget]} and each skill's budget over the year."""
    weeks: dict[tuple[int, dt.date], list] = defaultdict(lambda: [0, Decimal(0)])
    budget: dict[int, Decimal] = defaultdict(Decimal)
    skills = ProjectSkill.objects.filter(project_id__in=list(projects), skill__isnull=False)
    for project_id, skill_id in skills.values_list("project_id", "skill_id").distinct():
        cell = weeks[(skill_id, week_of(projects[project_id]["published_at"]))]
        cell[0] += 1
        cell[1] += values[project_id]
        budget[skill_id] += values[project_id]
    return weeks, budget


def _supply_and_open() -> tuple[Counter, Counter]:
    available = FreelancerSkill.objects.filter(
        skill__isnull=False,
        profile__availability_hours_per_week__gt=0,
        profile__user__is_active=True,
    )
    supply = Counter(
        dict(available.values_list("skill_id").annotate(n=Count("profile_id", distinct=True)))
    )
    open_projects = ProjectSkill.objects.filter(
        project__in=Project.objects.visible(), skill__isnull=False
    )
    demand = Counter(
        dict(open_projects.values_list("skill_id").annotate(n=Count("project_id", distinct=True)))
    )
    return supply, demand


def demand_compute(*, now: dt.datetime | None = None) -> int:
    """Replace the weekly demand and skill market tables; returns the rows written."""
    now = now or timezone.now()
    last_week = last_full_week(now)
    first_week = last_week - dt.timedelta(weeks=WEEKS - 1)
    since = dt.datetime.combine(first_week, dt.time(), tzinfo=dt.UTC)
    until = dt.datetime.combine(last_week + dt.timedelta(weeks=1), dt.time(), tzinfo=dt.UTC)
    projects = _published(since, until)
    values = {pk: project_value_usd(row) for pk, row in projects.items()}
    weeks, budget = _weeks(projects, values)
    total_budget = sum(values.values(), Decimal(0))
    supply, open_demand = _supply_and_open()
    recent_from = last_week - dt.timedelta(weeks=QUARTER - 1)
    before_from = recent_from - dt.timedelta(weeks=QUARTER)
    per_skill: dict[int, Counter] = defaultdict(Counter)
    for (skill_id, week), (count, _) in weeks.items():
        per_skill[skill_id]["year"] += count
        if week >= recent_from:
            per_skill[skill_id]["recent"] += count
        elif week >= before_from:
            per_skill[skill_id]["before"] += count
    markets = []
    for skill_id in set(per_skill) | set(open_demand):
        counts = per_skill[skill_id]
        growth = growth_rate(counts["recent"], counts["before"])
        markets.append(
            SkillMarket(
                skill_id=skill_id,
                projects_year=counts["year"],
                projects_recent=counts["recent"],
                projects_before=counts["before"],
                growth=round(growth, 4),
                budget_share=float(budget[skill_id] / total_budget) if total_budget else 0.0,
                open_projects=open_demand[skill_id],
                available_freelancers=supply[skill_id],
                opportunity=opportunity_score(
                    open_projects=open_demand[skill_id],
                    available=supply[skill_id],
                    growth=growth,
                ),
                computed_at=now,
            )
        )
    demand_rows = [
        SkillDemandWeek(skill_id=skill_id, week=week, projects=count, budget_usd=value)
        for (skill_id, week), (count, value) in weeks.items()
    ]
    with transaction.atomic():
        SkillDemandWeek.objects.all().delete()
        SkillDemandWeek.objects.bulk_create(demand_rows, batch_size=2000)
        SkillMarket.objects.all().delete()
        SkillMarket.objects.bulk_create(markets, batch_size=2000)
    return len(demand_rows) + len(markets)
