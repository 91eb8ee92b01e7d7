"""Hourly-rate percentiles per skill, level and region, from the last year's rates.

What people agreed to pay says more than what they asked for: a contract's rate counts three
times, a hired proposal without a contract twice, and an asking rate (a profile's rate, a bid not
taken) once. Every rate is converted to US dollars through the exchange-rate table first.

A contract (or a hire) a party of which switched off "Count my contracts in market statistics"
is left out, whichever side they are on; the choice is read at each run.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import AIFeature, FreelancerProfile
from accounts.selectors.privacy import users_opted_out
from matching.scoring import LEVEL_YEARS
from matching.timezones import region_of, utc_offset
from projects.models import Contract, FreelancerSkill, Project, ProjectSkill, Proposal
from projects.money import to_usd

from ..models import RateStat

PERIOD_DAYS = 365
CONTRACT_WEIGHT, HIRED_WEIGHT, ASKING_WEIGHT = 3.0, 2.0, 1.0
ANY_LEVEL, ANY_REGION = "", Project.Region.ANY


def level_of_years(years: int) -> str:
    """The highest project level whose least years (the scorer's LEVEL_YEARS) the freelancer has."""
    fitting = [level for level, (least, _) in LEVEL_YEARS.items() if years >= least]
    return max(fitting, key=lambda level: LEVEL_YEARS[level][0])


@dataclass(frozen=True)
class Observation:
    skill_id: int
    level: str
    region: str
    rate_usd: float
    weight: float
    kind: str  # "contract", "hired" or "asking"


def weighted_percentiles(values, weights, quantiles=(0.25, 0.5, 0.75)) -> list[float]:
    """Percentiles where each value counts its weight (linear between the weighted midpoints)."""
    order = np.argsort(values)
    values, weights = np.asarray(values, float)[order], np.asarray(weights, float)[order]
    cumulative = np.cumsum(weights) - 0.5 * weights
    cumulative /= weights.sum()
    return [float(np.interp(q, cumulative, values)) for q in quantiles]


def _regions(user_ids: Iterable[int]) -> dict[int, str]:
    rows = FreelancerProfile.objects.filter(user_id__in=set(user_ids))
    zones = rows.values_list("user_id", "timezone")
    return {user: region_of(utc_offset(zone)) for user, zone in zones}


def _project_skills(project_ids: Iterable[int]) -> dict[int, list[int]]:
    skills = defaultdict(list)
    rows = ProjectSkill.objects.filter(project_id__in=set(project_ids), skill__isnull=False)
    for project_id, skill_id in rows.values_list("project_id", "skill_id"):
        skills[project_id].append(skill_id)
    return skills


def _agreed(since: dt.datetime) -> list[tuple]:
    """(project, freelancer user, rate, currency, level, weight, kind) of contracts and hires."""
    opted_out = users_opted_out(feature=AIFeature.MARKET_STATISTICS)
    contracts = (
        Contract.objects.filter(budget_type="hourly", created_at__gte=since)
        .exclude(freelancer__in=opted_out)
        .exclude(employer__in=opted_out)
    )
    rows = [
        (project, user, amount, currency, level, CONTRACT_WEIGHT, "contract")
        for project, user, amount, currency, level in contracts.values_list(
            "project_id", "freelancer_id", "amount", "currency", "project__experience_level"
        )
    ]
    # A hire is the agreement a contract is made from: the same choice applies to it.
    hired = (
        Proposal.objects.filter(
            status=Proposal.Status.HIRED,
            project__budget_type="hourly",
            created_at__gte=since,
            contract__isnull=True,
        )
        .exclude(freelancer__in=opted_out)
        .exclude(project__employer__in=opted_out)
    )
    rows += [
        (project, user, amount, currency, level, HIRED_WEIGHT, "hired")
        for project, user, amount, currency, level in hired.values_list(
            "project_id", "freelancer_id", "bid_amount", "currency", "project__experience_level"
        )
    ]
    bids = Proposal.objects.filter(project__budget_type="hourly", created_at__gte=since).exclude(
        status=Proposal.Status.HIRED
    )
    rows += [
        (project, user, amount, currency, level, ASKING_WEIGHT, "asking")
        for project, user, amount, currency, level in bids.values_list(
            "project_id", "freelancer_id", "bid_amount", "currency", "project__experience_level"
        )
    ]
    return rows


def _asking(since: dt.datetime) -> list[Observation]:
    """Profile rates of freelancers active in the period, for each skill they claim."""
    profiles = FreelancerProfile.objects.filter(
        Q(user__last_login__gte=since) | Q(updated_at__gte=since),
        hourly_rate__isnull=False,
        user__is_active=True,
    )
    rows = profiles.values_list("pk", "hourly_rate", "currency", "years_experience", "timezone")
    by_profile = {pk: (rate, cur, years, zone) for pk, rate, cur, years, zone in rows}
    skills = FreelancerSkill.objects.filter(profile_id__in=by_profile, skill__isnull=False)
    observations = []
    for profile_id, skill_id in skills.values_list("profile_id", "skill_id"):
        rate, currency, years, zone = by_profile[profile_id]
        observations.append(
            Observation(
                skill_id=skill_id,
                level=level_of_years(years),
                region=region_of(utc_offset(zone)),
                rate_usd=float(to_usd(rate, currency)),
                weight=ASKING_WEIGHT,
                kind="asking",
            )
        )
    return observations


def rate_observations(*, now: dt.datetime | None = None) -> list[Observation]:
    """Every hourly rate of the last year, one observation per skill it was for."""
    since = (now or timezone.now()) - dt.timedelta(days=PERIOD_DAYS)
    agreed = _agreed(since)
    skills = _project_skills(row[0] for row in agreed)
    regions = _regions(row[1] for row in agreed)
    observations = [
        Observation(
            skill_id=skill_id,
            level=level,
            region=regions.get(user, ANY_REGION),
            rate_usd=float(to_usd(amount, currency)),
            weight=weight,
            kind=kind,
        )
        for project, user, amount, currency, level, weight, kind in agreed
        for skill_id in skills.get(project, [])
    ]
    return observations + _asking(since)


def _groups(observations: list[Observation]) -> dict[tuple[int, str, str], list[Observation]]:
    """Each observation in its own cell, its level's all-region cell, and its skill's cell."""
    groups = defaultdict(list)
    for item in observations:
        groups[(item.skill_id, item.level, item.region)].append(item)
        if item.region != ANY_REGION:
            groups[(item.skill_id, item.level, ANY_REGION)].append(item)
        groups[(item.skill_id, ANY_LEVEL, ANY_REGION)].append(item)
    return groups


def rate_stats_compute(*, now: dt.datetime | None = None) -> int:
    """Replace the rate table with the last year's percentiles; returns the rows written."""
    now = now or timezone.now()
    groups = _groups(rate_observations(now=now))
    start, end = (now - dt.timedelta(days=PERIOD_DAYS)).date(), now.date()
    rows = []
    for (skill_id, level, region), items in groups.items():
        p25, p50, p75 = weighted_percentiles([i.rate_usd for i in items], [i.weight for i in items])
        kinds = defaultdict(int)
        for item in items:
            kinds[item.kind] += 1
        rows.append(
            RateStat(
                skill_id=skill_id,
                level=level,
                region=region,
                contracts=kinds["contract"],
                accepted_proposals=kinds["hired"],
                asking=kinds["asking"],
                weight=sum(i.weight for i in items),
                p25=Decimal(f"{p25:.2f}"),
                p50=Decimal(f"{p50:.2f}"),
                p75=Decimal(f"{p75:.2f}"),
                period_start=start,
                period_end=end,
                computed_at=now,
            )
        )
    with transaction.atomic():
        RateStat.objects.all().delete()
        RateStat.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
