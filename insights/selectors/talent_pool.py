"""The talent-pool signal on the project form: how many available freelancers fit what it asks.

A freelancer is counted when they are available (an active freelancer account offering some
hours a week), list the required skills (names and aliases resolved through the taxonomy), have
the years of experience the level expects (matching's LEVEL_YEARS, "at least") and an hourly
rate within the budget (a fixed price is spread over its likely hours as matching does). Rates
are compared across currencies with projects.money. Five counts, three queries in all: two to
resolve the typed skills, one aggregate over the profiles (and the exchange rates, which
projects.money reads once per process). The same aggregate finds the highest rate asked.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from accounts.models import CURRENCIES, FreelancerProfile, User
from matching.features import Gig
from matching.scoring import LEVEL_YEARS, _hourly_budget
from projects.models import BudgetType, ExperienceLevel, FreelancerSkill, Skill, SkillAlias
from projects.money import convert
from projects.selectors.skills import SkillIndex
from projects.skill_names import lookup_keys

CENT = Decimal("0.01")
# "What if": the budget a quarter higher, the level one step lower.
BUDGET_RAISE = Decimal("1.25")
LEVELS = [ExperienceLevel.ENTRY, ExperienceLevel.INTERMEDIATE, ExperienceLevel.EXPERT]
# A fixed price with no hours a week given is spread over this many (matching's assumption).
DEFAULT_HOURS_PER_WEEK = 15


@dataclass(frozen=True)
class TalentPoolAsk:
    """What the project form asks for; duration_weeks is needed for a fixed price."""

    skills: list[str]
    experience_level: str
    budget_type: str
    budget_max: Decimal
    currency: str
    duration_weeks: int | None = None
    hours_per_week: int | None = None


@dataclass(frozen=True)
class TalentPool:
    """The counts, with the figures they were computed from (hourly budgets in ask.currency)."""

    ask: TalentPoolAsk
    skills: list[str] = field(default_factory=list)  # taxonomy names of the required skills
    unknown_skills: list[str] = field(default_factory=list)  # typed, not in the taxonomy
    min_years: int = 0
    hourly_max: Decimal = Decimal("0")
    with_skills: int = 0  # all the required skills, whatever their level and rate
    matching: int = 0  # all the required skills, the level and the budget
    most_skills: int = 0  # "at least half": this many of the required skills
    matching_most: int = 0
    raised_hourly_max: Decimal = Decimal("0")
    if_budget_raised: int = 0
    lower_level: str | None = None  # None when the level is already the lowest
    lower_min_years: int | None = None
    if_level_lowered: int | None = None
    # The highest hourly rate asked by those with all the skills (in ask.currency), or None.
    top_rate: Decimal | None = None

    @property
    def budget_above_every_rate(self) -> bool:
        """Everyone with the skills asks less than the budget allows: raising it adds no one."""
        return self.top_rate is not None and self.hourly_max > self.top_rate

    @property
    def budget_raise_gain(self) -> int:
        return self.if_budget_raised - self.matching

    @property
    def level_lower_gain(self) -> int | None:
        return None if self.if_level_lowered is None else self.if_level_lowered - self.matching

    @property
    def is_fixed(self) -> bool:
        return self.ask.budget_type == BudgetType.FIXED

    @property
    def weekly_hours(self) -> int:
        """The hours a week a fixed price is spread over (assumed when the form leaves it empty)."""
        return self.ask.hours_per_week or DEFAULT_HOURS_PER_WEEK

    @property
    def hours(self) -> int:
        return (self.ask.duration_weeks or 1) * self.weekly_hours

    @property
    def level_label(self) -> str:
        return ExperienceLevel(self.ask.experience_level).label

    @property
    def lower_level_label(self) -> str:
        return ExperienceLevel(self.lower_level).label if self.lower_level else ""


def _skill_index(texts: list[str]) -> tuple[SkillIndex, dict[int, str]]:
    """A SkillIndex holding only the keys of `texts` (two queries), and the skills' names."""
    keys = {key for text in texts for key in lookup_keys(text)}
    aliases = SkillAlias.objects.filter(alias__in=keys).values_list(
        "alias", "skill_id", "skill__name"
    )
    skills = Skill.objects.filter(normalised__in=keys).values_list("normalised", "id", "name")
    index, names = SkillIndex(), {}
    # A skill's own name wins over another skill's alias with the same key, as in SkillIndex.load.
    for key, skill_id, name in [*aliases, *skills]:
        index.keys[key] = skill_id
        names[skill_id] = name
    return index, names


def _hourly_max(ask: TalentPoolAsk, budget_max: Decimal) -> Decimal:
    """The budget's top as an hourly rate in ask.currency (a fixed price over its likely hours)."""
    gig = Gig(
        id=0,
        employer_id=0,
        budget_type=ask.budget_type,
        budget_min=float(budget_max),
        budget_max=float(budget_max),
        currency=ask.currency,
        duration_weeks=ask.duration_weeks or 1,
        hours_per_week=ask.hours_per_week or DEFAULT_HOURS_PER_WEEK,
    )
    _low, high = _hourly_budget(gig)
    return Decimal(str(high)).quantize(CENT)


def _rate_within(hourly_max: Decimal, currency: str) -> Q:
    """Profiles whose hourly rate, in whatever currency they charge in, is at most hourly_max."""
    within = Q()
    for code, _name in CURRENCIES:
        limit = Decimal(convert(hourly_max, currency, code)).quantize(CENT)
        within |= Q(currency=code, hourly_rate__lte=limit)
    return within


def _years_for(level: str) -> int:
    return LEVEL_YEARS[level][0]


def talent_pool(*, ask: TalentPoolAsk) -> TalentPool:
    """Available freelancers fitting the ask; also with a 25% higher budget, or a lower level."""
    index, names = _skill_index(ask.skills)
    skill_ids, unknown = index.split(ask.skills)
    hourly_max = _hourly_max(ask, ask.budget_max)
    raised = _hourly_max(ask, ask.budget_max * BUDGET_RAISE)
    position = LEVELS.index(ask.experience_level)
    lower = LEVELS[position - 1] if position > 0 else None
    result = {
        "ask": ask,
        "skills": [names[skill_id] for skill_id in skill_ids],
        "unknown_skills": unknown,
        "min_years": _years_for(ask.experience_level),
        "hourly_max": hourly_max,
        "raised_hourly_max": raised,
        "lower_level": lower,
        "lower_min_years": _years_for(lower) if lower else None,
        "most_skills": (len(skill_ids) + 1) // 2,
    }
    if not skill_ids:
        return TalentPool(**result)
    matched = FreelancerSkill.objects.filter(profile=OuterRef("pk"), skill_id__in=skill_ids)
    matched = matched.order_by().values("profile").annotate(n=Count("pk")).values("n")
    pool = (
        FreelancerProfile.objects.filter(
            user__is_active=True,
            user__role=User.Role.FREELANCER,
            availability_hours_per_week__gt=0,
        )
        .annotate(matched=Coalesce(Subquery(matched, output_field=IntegerField()), 0))
        .filter(matched__gte=result["most_skills"])
    )
    every = Q(matched__gte=len(skill_ids))
    level = Q(years_experience__gte=result["min_years"])
    rate = _rate_within(hourly_max, ask.currency)
    counts = {
        "with_skills": Count("pk", filter=every),
        "matching": Count("pk", filter=every & level & rate),
        "matching_most": Count("pk", filter=level & rate),
        "if_budget_raised": Count("pk", filter=every & level & _rate_within(raised, ask.currency)),
    }
    if lower:
        lower_level = Q(years_experience__gte=result["lower_min_years"])
        counts["if_level_lowered"] = Count("pk", filter=every & lower_level & rate)
    # The top rate per currency, in the same query: rates compare only once converted.
    tops = {
        f"top_{code}": Max("hourly_rate", filter=every & Q(currency=code)) for code, _ in CURRENCIES
    }
    found = pool.aggregate(**counts, **tops)
    rates = [
        convert(rate, code, ask.currency)
        for code, _name in CURRENCIES
        if (rate := found.pop(f"top_{code}")) is not None
    ]
    top_rate = max(rates).quantize(CENT) if rates else None
    return TalentPool(**result, **found, top_rate=top_rate)
