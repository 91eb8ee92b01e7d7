"""Competitive-rate advice: the rates seen for a freelancer's skills, level and region.

Reads only the RateStat summary (two queries whatever the market's size). The advice names its
evidence, and below a minimum sample says so instead of showing a number.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from accounts.models import FreelancerProfile
from marketplace.formats import day_month_year
from matching.timezones import REGION_NAMES, region_of, utc_offset
from projects.models import FreelancerSkill, Project
from projects.money import convert

from ..models import RateStat
from ..services.rates import ANY_LEVEL, ANY_REGION, level_of_years

MIN_SAMPLE = 8
# A rate under this share of the 25th percentile is "far below" it.
UNDERPRICED_SHARE = Decimal("0.75")
# A rate over this multiple of the 75th percentile is "far above" it (a slip of the keyboard,
# or a price that needs explaining).
OVERPRICED_TIMES = Decimal("2")
MAIN_SKILLS = 3


@dataclass
class SkillRate:
    """What one skill's rates look like, in the reader's currency (None below the minimum)."""

    skill_id: int
    skill: str
    currency: str
    level: str = ANY_LEVEL
    region: str = ANY_REGION
    sample: int = 0
    contracts: int = 0
    hires: int = 0
    asking: int = 0
    p25: Decimal | None = None
    p50: Decimal | None = None
    p75: Decimal | None = None
    period: str = ""

    @property
    def enough(self) -> bool:
        return self.p50 is not None

    @property
    def reason(self) -> str:
        where = [f"for {self.skill}"]
        if self.level:
            where.append(f"at {self.level} level")
        if self.region != ANY_REGION:
            where.append(f"in {REGION_NAMES.get(self.region, self.region)}")
        evidence = f"{self.contracts} contract{'s' if self.contracts != 1 else ''}"
        if self.hires:
            evidence += f", {self.hires} hired bid{'s' if self.hires != 1 else ''}"
        evidence += f" and {self.asking} asking rate{'s' if self.asking != 1 else ''}"
        if not self.enough:
            seen = (
                f"Only {self.sample} rate{'s' if self.sample != 1 else ''}"
                if self.sample
                else "No rates yet"
            )
            return (
                f"{seen} {' '.join(where)} in the last 12 months: not enough to advise "
                f"(we need {MIN_SAMPLE})."
            )
        return f"Based on {evidence} {' '.join(where)} in the last 12 months ({self.period})."


@dataclass
class RateAdvice:
    currency: str
    level: str
    region: str
    skills: list[SkillRate] = field(default_factory=list)
    rate: Decimal | None = None  # the freelancer's rate or bid, in `currency`
    warning: str = ""

    @property
    def has_figures(self) -> bool:
        return any(item.enough for item in self.skills)


def _cells(skill_ids: list[int], level: str, region: str) -> dict[tuple, RateStat]:
    rows = RateStat.objects.filter(
        skill_id__in=skill_ids, level__in={level, ANY_LEVEL}, region__in={region, ANY_REGION}
    ).select_related("skill")
    return {(row.skill_id, row.level, row.region): row for row in rows}


def _skill_rate(skill_id: int, name: str, cells: dict, level: str, region: str, currency: str):
    """The most specific cell with enough rates: this level here, this level anywhere, any."""
    tries = [(level, region), (level, ANY_REGION), (ANY_LEVEL, ANY_REGION)]
    found = [cells[(skill_id, *key)] for key in tries if (skill_id, *key) in cells]
    best = next((row for row in found if row.sample_size >= MIN_SAMPLE), None)
    widest = best or (found[-1] if found else None)
    if widest is None:
        return SkillRate(skill_id=skill_id, skill=name, currency=currency, level=level)
    item = SkillRate(
        skill_id=skill_id,
        skill=widest.skill.name,
        currency=currency,
        level=widest.level,
        region=widest.region,
        sample=widest.sample_size,
        contracts=widest.contracts,
        hires=widest.accepted_proposals,
        asking=widest.asking,
        # With the day, so twelve months ending in December read as twelve months.
        period=f"{day_month_year(widest.period_start)} to {day_month_year(widest.period_end)}",
    )
    if best is not None:
        item.p25, item.p50, item.p75 = (
            convert(value, "USD", currency).quantize(Decimal("1"))
            for value in (best.p25, best.p50, best.p75)
        )
    return item


def _warning(rate: Decimal | None, currency: str, skills: list[SkillRate], what: str) -> str:
    main = next((item for item in skills if item.enough), None)
    if rate is None or main is None or main.p25 is None or main.p75 is None:
        return ""
    typed = f"{rate:,.0f}" if rate == int(rate) else f"{rate:,.2f}"  # 20, or 0.50 (not 0)
    if rate < main.p25 * UNDERPRICED_SHARE:
        return (
            f"Your {what} of {typed} {currency}/h is far below the 25th percentile for "
            f"{main.skill} ({main.p25} {currency}/h): you may be under-pricing."
        )
    if rate > main.p75 * OVERPRICED_TIMES:
        where = "your profile" if what == "rate" else "your cover letter"
        return (
            f"Your {what} of {typed} {currency}/h is more than twice the 75th percentile for "
            f"{main.skill} ({main.p75} {currency}/h): check the figure, or say in {where} what "
            "sets your work apart."
        )
    return ""


def _advice(skills, *, level: str, region: str, currency: str, rate, what: str) -> RateAdvice:
    """Advice for (skill id, name) pairs at a level and region, checking `rate` if given."""
    cells = _cells([pk for pk, _ in skills], level, region)
    items = [_skill_rate(pk, name, cells, level, region, currency) for pk, name in skills]
    return RateAdvice(
        currency=currency,
        level=level,
        region=region,
        skills=items,
        rate=rate,
        warning=_warning(rate, currency, items, what),
    )


def rate_advice(
    *, profile: FreelancerProfile, rate: Decimal | None = None, currency: str | None = None
) -> RateAdvice:
    """Advice for a freelancer's main skills (best level first) at their level and region.

    `rate` (in `currency`, the profile's by default) is checked instead of the profile's rate.
    """
    skills = list(
        FreelancerSkill.objects.filter(profile=profile, skill__isnull=False)
        .order_by("-level", "-years", "pk")
        .values_list("skill_id", "skill__name")[:MAIN_SKILLS]
    )
    return _advice(
        skills,
        level=level_of_years(profile.years_experience),
        region=region_of(utc_offset(profile.timezone)),
        currency=currency or profile.currency,
        rate=rate if rate is not None else profile.hourly_rate,
        what="rate",
    )


def bid_advice(
    *, project: Project, profile: FreelancerProfile | None, bid: Decimal | None, currency: str
) -> RateAdvice:
    """Rates for an hourly project's skills at its level, and a warning for a bid far below."""
    skills = list(
        project.skills.filter(skill__isnull=False)
        .order_by("-required", "pk")
        .values_list("skill_id", "skill__name")[:MAIN_SKILLS]
    )
    return _advice(
        skills,
        level=project.experience_level,
        region=region_of(utc_offset(profile.timezone)) if profile else ANY_REGION,
        currency=currency,
        rate=bid,
        what="bid",
    )
