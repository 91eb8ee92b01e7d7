"""What the scorer knows about each side, read in bulk: a few queries for any number of rows.

Nothing protected is read here: no name, gender, photo, nationality or country. The scorer
cannot use what it is never given.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count
from django.utils import timezone

from accounts.models import FreelancerProfile
from projects.models import (
    Contract,
    FreelancerSkill,
    PortfolioItem,
    Project,
    ProjectSkill,
    SkillCategory,
)
from projects.money import shipped_rates, usd_rates
from projects.skill_names import normalise

from .languages import languages_needed
from .models import SkillRelation
from .skills_in_text import skill_index, skills_in_text
from .texts import freelancer_text, project_text
from .timezones import utc_offset


def scoring_usd_rates() -> dict[str, float]:
    """The exchange-rate table as floats, read once per load: the scorer runs per candidate.

    One dict, shared by every Talent and Gig of the load; nothing changes it.
    """
    return {code: float(rate) for code, rate in usd_rates().items()}


@lru_cache(maxsize=1)
def _shipped_usd_rates() -> dict[str, float]:
    return {code: float(rate) for code, rate in shipped_rates().usd_per_unit.items()}


def _usd_rates_field():
    # Loaders pass the table; a Talent or Gig built by hand (tests, benchmarks) converts
    # through the shipped file, so it needs no database.
    return field(default_factory=_shipped_usd_rates, repr=False, compare=False)


@dataclass
class Talent:
    """A freelancer as the scorer sees them."""

    id: int  # FreelancerProfile id
    user_id: int
    skill_ids: frozenset[int] = frozenset()
    free_skills: frozenset[str] = frozenset()  # normalised free-text skills
    prose_skill_ids: frozenset[int] = frozenset()  # named in headline, bio or portfolio
    hourly_rate: float | None = None
    currency: str = "USD"
    years_experience: int = 0
    hours_per_week: int = 0
    languages: frozenset[str] = frozenset()
    completed_jobs: int = 0
    joined_days_ago: int = 0
    budget_preference: str = "any"
    project_size: str = "any"
    min_rate: float | None = None
    category_ids: frozenset[int] = frozenset()
    text: str = ""
    skill_names: dict[int, str] = field(default_factory=dict)
    # One of the freelancer's listed skills in each field (taxonomy category) they work in.
    skill_in_field: dict[int, int] = field(default_factory=dict)
    utc_offset: float | None = None  # the freelancer's time zone, now
    usd_rates: Mapping[str, float] = _usd_rates_field()  # US dollars per unit, by currency

    @property
    def is_new(self) -> bool:
        """A newcomer by the published rule: at most 2 completed jobs, joined under 90 days ago."""
        return self.completed_jobs <= 2 and self.joined_days_ago < 90

    @property
    def has_skills(self) -> bool:
        return bool(self.skill_ids or self.free_skills or self.prose_skill_ids)


@dataclass
class Gig:
    """A project as the scorer sees it."""

    id: int
    employer_id: int
    required_ids: frozenset[int] = frozenset()
    nice_ids: frozenset[int] = frozenset()
    required_free: frozenset[str] = frozenset()
    nice_free: frozenset[str] = frozenset()
    prose_skill_ids: frozenset[int] = frozenset()
    budget_type: str = "fixed"
    budget_min: float = 0.0
    budget_max: float = 0.0
    currency: str = "USD"
    experience_level: str = "intermediate"
    duration_weeks: int = 4
    hours_per_week: int | None = None
    languages: frozenset[str] = frozenset()
    language_work: bool = False  # translation, localisation: every language needed is essential
    category_id: int | None = None
    region: str = "any"  # whose working hours the project keeps
    text: str = ""
    skill_names: dict[int, str] = field(default_factory=dict)
    # The field (taxonomy category) of each skill the project names: {skill: (id, name)}
    skill_fields: dict[int, tuple[int, str]] = field(default_factory=dict)
    # For each skill the project names, the skills often named with it: {skill: {other: strength}}
    related: dict[int, dict[int, float]] = field(default_factory=dict)
    usd_rates: Mapping[str, float] = _usd_rates_field()  # US dollars per unit, by currency


def _days_since(moment) -> int:
    return max(0, (timezone.now() - moment).days) if moment else 0


def _skill_rows(profile_ids: list[int]) -> dict[int, list[tuple[int | None, str, int | None]]]:
    """(skill id or None, name, the skill's field or None) of each profile's skills, as plain rows.

    Plain rows, not model instances: this runs for every candidate of every ranking.
    """
    skills = defaultdict(list)
    rows = FreelancerSkill.objects.filter(profile_id__in=profile_ids).values_list(
        "profile_id", "skill_id", "free_text", "skill__name", "skill__category_id"
    )
    for profile_id, skill_id, free_text, name, category_id in rows:
        skills[profile_id].append((skill_id, name or free_text, category_id))
    return skills


def _first_skill_per_field(items: list[tuple[int | None, str, int | None]]) -> dict[int, int]:
    """{field: the first of the listed skills in it}, for the scorer's same-field credit."""
    fields: dict[int, int] = {}
    for skill_id, _, category_id in sorted(items, key=lambda item: item[0] or 0):
        if skill_id and category_id:
            fields.setdefault(category_id, skill_id)
    return fields


def _portfolio_rows(profile_ids: list[int]) -> dict[int, list[str]]:
    portfolio = defaultdict(list)
    rows = PortfolioItem.objects.filter(profile_id__in=profile_ids)
    for profile_id, title, description in rows.values_list("profile_id", "title", "description"):
        portfolio[profile_id].append(f"{title}: {description}")
    return portfolio


def talent_texts(profile_ids: Iterable[int]) -> dict[int, str]:
    """Only the text each profile is embedded from, in three queries (no skill scan)."""
    ids = list(profile_ids)
    skills, portfolio = _skill_rows(ids), _portfolio_rows(ids)
    rows = FreelancerProfile.objects.filter(pk__in=ids).values_list("pk", "headline", "bio")
    return {
        pk: freelancer_text(
            headline=headline,
            bio=bio,
            skills=[name for _, name, _ in skills[pk]],
            portfolio=portfolio[pk],
        )
        for pk, headline, bio in rows
    }


def gig_texts(project_ids: Iterable[int]) -> dict[int, str]:
    """Only the text each project is embedded from, in two queries (no skill scan)."""
    ids = list(project_ids)
    names = defaultdict(list)
    for project_id, free_text, name in ProjectSkill.objects.filter(project_id__in=ids).values_list(
        "project_id", "free_text", "skill__name"
    ):
        names[project_id].append(name or free_text)
    rows = Project.objects.filter(pk__in=ids).values_list("pk", "title", "description")
    return {
        pk: project_text(title=title, description=description, skills=names[pk])
        for pk, title, description in rows
    }


def talents_load(
    profile_ids: Iterable[int], *, completed_jobs: dict[int, int] | None = None
) -> dict[int, Talent]:
    """Talent for each FreelancerProfile id, in five queries (and the exchange rates, cached).

    `completed_jobs` (by user id) replaces the count of completed contracts; the evaluation
    command passes the figures its file states.
    """
    ids = list(profile_ids)
    index = skill_index()
    profiles = FreelancerProfile.objects.filter(pk__in=ids).select_related("user")
    skills, portfolio = _skill_rows(ids), _portfolio_rows(ids)
    categories = defaultdict(set)
    preferred = SkillCategory.preferred_by.through.objects.filter(freelancerprofile_id__in=ids)
    for profile_id, category_id in preferred.values_list(
        "freelancerprofile_id", "skillcategory_id"
    ):
        categories[profile_id].add(category_id)
    if completed_jobs is None:
        user_ids = [p.user_id for p in profiles]
        completed_jobs = dict(
            Contract.objects.filter(freelancer_id__in=user_ids, status=Contract.Status.COMPLETED)
            .order_by()
            .values("freelancer_id")
            .annotate(n=Count("pk"))
            .values_list("freelancer_id", "n")
        )
    rates = scoring_usd_rates()
    talents = {}
    for profile in profiles:
        items = skills[profile.pk]
        names = [name for _, name, _ in items]
        text = freelancer_text(
            headline=profile.headline,
            bio=profile.bio,
            skills=names,
            portfolio=portfolio[profile.pk],
        )
        prose = " ".join([profile.headline, profile.bio, *portfolio[profile.pk]])
        talents[profile.pk] = Talent(
            id=profile.pk,
            user_id=profile.user_id,
            skill_ids=frozenset(skill_id for skill_id, _, _ in items if skill_id),
            free_skills=frozenset(normalise(name) for skill_id, name, _ in items if not skill_id),
            prose_skill_ids=skills_in_text(prose, index),
            hourly_rate=float(profile.hourly_rate) if profile.hourly_rate else None,
            currency=profile.currency,
            years_experience=profile.years_experience,
            hours_per_week=profile.availability_hours_per_week,
            languages=frozenset(profile.languages or []),
            completed_jobs=completed_jobs.get(profile.user_id, 0),
            joined_days_ago=_days_since(profile.user.date_joined),
            budget_preference=profile.budget_preference,
            project_size=profile.project_size,
            min_rate=float(profile.min_rate) if profile.min_rate else None,
            category_ids=frozenset(categories[profile.pk]),
            text=text,
            skill_names={skill_id: name for skill_id, name, _ in items if skill_id},
            skill_in_field=_first_skill_per_field(items),
            utc_offset=utc_offset(profile.timezone),
            usd_rates=rates,
        )
    return talents


def _related(skill_ids: set[int]) -> dict[int, dict[int, float]]:
    related = defaultdict(dict)
    rows = SkillRelation.objects.filter(skill_id__in=skill_ids)
    for skill_id, other, strength in rows.values_list("skill_id", "related_id", "strength"):
        related[skill_id][other] = strength
    return related


def gigs_load(project_ids: Iterable[int]) -> dict[int, Gig]:
    """Gig for each Project id, in three queries (and the exchange rates, cached)."""
    ids = list(project_ids)
    index = skill_index()
    skills = defaultdict(list)
    for item in ProjectSkill.objects.filter(project_id__in=ids).select_related("skill__category"):
        skills[item.project_id].append(item)
    related = _related({i.skill_id for items in skills.values() for i in items if i.skill_id})
    rates = scoring_usd_rates()
    gigs = {}
    for project in Project.objects.filter(pk__in=ids):
        items = skills[project.pk]
        languages, language_work = languages_needed(
            project.title, [i.name for i in items], project.languages
        )
        gigs[project.pk] = Gig(
            id=project.pk,
            employer_id=project.employer_id,
            required_ids=frozenset(i.skill_id for i in items if i.skill_id and i.required),
            nice_ids=frozenset(i.skill_id for i in items if i.skill_id and not i.required),
            required_free=frozenset(
                normalise(i.free_text) for i in items if not i.skill_id and i.required
            ),
            nice_free=frozenset(
                normalise(i.free_text) for i in items if not i.skill_id and not i.required
            ),
            prose_skill_ids=skills_in_text(f"{project.title} {project.description}", index),
            budget_type=project.budget_type,
            budget_min=float(project.budget_min),
            budget_max=float(project.budget_max),
            currency=project.currency,
            experience_level=project.experience_level,
            duration_weeks=project.duration_weeks or 4,
            hours_per_week=project.hours_per_week,
            languages=languages,
            language_work=language_work,
            category_id=project.category_id,
            region=project.region,
            text=project_text(
                title=project.title,
                description=project.description,
                skills=[i.name for i in items],
            ),
            skill_names={i.skill_id: i.name for i in items if i.skill_id},
            skill_fields={
                i.skill_id: (i.skill.category_id, i.skill.category.name)
                for i in items
                if i.skill_id and i.skill.category_id
            },
            related={i.skill_id: related[i.skill_id] for i in items if i.skill_id in related},
            usd_rates=rates,
        )
    return gigs
