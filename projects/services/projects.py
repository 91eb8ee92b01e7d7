"""Writes about projects: posting, editing, and every step of their lifecycle."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import LANGUAGE_CODES, User
from projects.lifecycle import EDITABLE, transition_target
from projects.models import (
    NotificationKind,
    Project,
    ProjectSkill,
    Proposal,
    SkillCategory,
)
from projects.selectors.skills import skill_resolve
from projects.services.notifications import notify
from projects.signals import project_published
from projects.skill_names import normalise

MAX_SCREENING_QUESTIONS = 5
MAX_QUESTION_LENGTH = 300
MAX_PROJECT_SKILLS = 20
MAX_SKILL_LENGTH = 100
CLOSED_DECLINE_REASON = "The project was closed"
CANCELLED_DECLINE_REASON = "The project was cancelled"

TITLE_REQUIRED = "Give the project a title, for example “Booking site for a dental clinic”."
DESCRIPTION_REQUIRED = "Describe the work: what you need done, by when, and what you have already."
AMOUNT_POSITIVE = "Enter an amount above zero."
BUDGET_MAX_BELOW_MIN = "Budget maximum must be at least the minimum."
TOO_MANY_QUESTIONS = f"Ask at most {MAX_SCREENING_QUESTIONS} screening questions; you wrote {{n}}."
QUESTION_TOO_LONG = f"Keep each screening question under {MAX_QUESTION_LENGTH} characters."
TOO_MANY_SKILLS = f"List at most {MAX_PROJECT_SKILLS} skills in all; you listed {{n}}."
SKILL_TOO_LONG = f"A skill name can be at most {MAX_SKILL_LENGTH} characters."
SKILL_REQUIRED_TO_PUBLISH = "Add at least one required skill before publishing."
LANGUAGE_UNKNOWN = "Choose languages from the list."
EMPLOYERS_ONLY = "Only employer accounts can post projects."
NOT_EDITABLE = "Only a draft or open project can be edited; this one is {status}."


@dataclass
class ProjectDetails:
    """What an employer fills in on the project form (everything but the lifecycle)."""

    title: str
    description: str
    budget_type: str
    budget_min: Decimal
    budget_max: Decimal
    duration_weeks: int
    currency: str = "USD"
    experience_level: str = Project._meta.get_field("experience_level").default
    category: SkillCategory | None = None
    hours_per_week: int | None = None
    region: str = Project.Region.ANY
    languages: list[str] = field(default_factory=list)
    visibility: str = Project.Visibility.PUBLIC
    screening_questions: list[str] = field(default_factory=list)
    required_skills: list[str] = field(default_factory=list)
    nice_skills: list[str] = field(default_factory=list)


def _names_clean(names: list[str]) -> list[str]:
    kept: dict[str, str] = {}
    for name in names:
        name = " ".join((name or "").split())
        if normalise(name):
            kept.setdefault(normalise(name), name)
    return list(kept.values())


def project_details_validate(details: ProjectDetails) -> None:
    """Every rule about what a project asks for, as one ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    details.title = " ".join((details.title or "").split())
    details.description = (details.description or "").strip()
    details.screening_questions = [q.strip() for q in details.screening_questions if q.strip()]
    details.required_skills = _names_clean(details.required_skills)
    details.nice_skills = _names_clean(details.nice_skills)
    if not details.title:
        errors["title"] = [TITLE_REQUIRED]
    if not details.description:
        errors["description"] = [DESCRIPTION_REQUIRED]
    for name in ("budget_min", "budget_max"):
        amount = getattr(details, name)
        if amount is not None and amount <= 0:
            errors[name] = [AMOUNT_POSITIVE]
    low, high = details.budget_min, details.budget_max
    if "budget_max" not in errors and low is not None and high is not None and high < low:
        errors["budget_max"] = [BUDGET_MAX_BELOW_MIN]
    questions = details.screening_questions
    if len(questions) > MAX_SCREENING_QUESTIONS:
        errors["screening_questions"] = [TOO_MANY_QUESTIONS.format(n=len(questions))]
    elif any(len(q) > MAX_QUESTION_LENGTH for q in questions):
        errors["screening_questions"] = [QUESTION_TOO_LONG]
    skill_count = len(details.required_skills) + len(details.nice_skills)
    if skill_count > MAX_PROJECT_SKILLS:
        errors["required_skills"] = [TOO_MANY_SKILLS.format(n=skill_count)]
    for name in ("required_skills", "nice_skills"):
        if any(len(s) > MAX_SKILL_LENGTH for s in getattr(details, name)):
            errors.setdefault(name, []).append(SKILL_TOO_LONG)
    if set(details.languages or []) - LANGUAGE_CODES:
        errors["languages"] = [LANGUAGE_UNKNOWN]
    if errors:
        raise ValidationError(errors)


def project_skill_rows(
    project: Project, *, required, nice, resolve_id: Callable[[str], int | None]
) -> list[ProjectSkill]:
    """The rows typed skill names become: the skill `resolve_id` finds, else the text as typed.

    Required first, so a skill listed in both lists stays required; a name repeated (or two
    aliases of one skill) gives one row.
    """
    rows: dict[object, ProjectSkill] = {}
    for names, is_required in ((required, True), (nice, False)):
        for name in names:
            skill_id = resolve_id(name)
            key = skill_id or normalise(name)
            if key not in rows:
                rows[key] = ProjectSkill(
                    project=project,
                    skill_id=skill_id,
                    free_text="" if skill_id else name,
                    required=is_required,
                )
    return list(rows.values())


def _skill_id(name: str) -> int | None:
    skill = skill_resolve(name)
    return skill.pk if skill else None


def _skills_set(project: Project, *, required: list[str], nice: list[str]) -> None:
    """Replace the project's skills; typed names resolve through aliases, unknown stay as text."""
    rows = project_skill_rows(project, required=required, nice=nice, resolve_id=_skill_id)
    ProjectSkill.objects.filter(project=project).delete()
    ProjectSkill.objects.bulk_create(rows)


def project_search_vector_refresh(*, project: Project) -> None:
    """Recompute the full-text vector (title A, description B, skills C); PostgreSQL only."""
    if connection.vendor != "postgresql":
        return
    skills = ProjectSkill.objects.filter(project=project).select_related("skill")
    names = " ".join(s.name for s in skills)
    Project.objects.filter(pk=project.pk).update(
        search_vector=SearchVector("title", weight="A", config="english")
        + SearchVector("description", weight="B", config="english")
        + SearchVector(Value(names, output_field=TextField()), weight="C", config="english")
    )


def projects_search_vectors_refresh(*, project_ids: list[int]) -> None:
    """The same vectors for many projects in one statement (bulk writes); PostgreSQL only."""
    if connection.vendor != "postgresql" or not project_ids:
        return
    names = (
        ProjectSkill.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(
            names=StringAgg(
                Coalesce("skill__name", "free_text"),
                " ",
                order_by=("-required", "skill__name", "free_text"),  # the rows' own order
            )
        )
        .values("names")
    )
    Project.objects.filter(pk__in=project_ids).update(
        search_vector=SearchVector("title", weight="A", config="english")
        + SearchVector("description", weight="B", config="english")
        + SearchVector(Subquery(names, output_field=TextField()), weight="C", config="english")
    )


def _details_apply(project: Project, details: ProjectDetails) -> None:
    for name in (
        "title",
        "description",
        "category",
        "budget_type",
        "budget_min",
        "budget_max",
        "currency",
        "experience_level",
        "duration_weeks",
        "hours_per_week",
        "region",
        "languages",
        "visibility",
        "screening_questions",
    ):
        setattr(project, name, getattr(details, name))


def _save(project: Project, details: ProjectDetails) -> Project:
    if project.status == Project.Status.OPEN and not details.required_skills:
        raise ValidationError({"required_skills": SKILL_REQUIRED_TO_PUBLISH})
    _details_apply(project, details)
    project.full_clean(exclude=["employer"])
    project.save()
    _skills_set(project, required=details.required_skills, nice=details.nice_skills)
    project_search_vector_refresh(project=project)
    return project


@transaction.atomic
def project_create(*, employer: User, details: ProjectDetails) -> Project:
    """Save a new project as a draft for `employer`."""
    if not employer.is_employer:
        raise ValidationError({NON_FIELD_ERRORS: EMPLOYERS_ONLY})
    project_details_validate(details)
    return _save(Project(employer=employer, status=Project.Status.DRAFT), details)


def _locked(project: Project) -> Project:
    """The project's row, locked for this transaction, with its current status."""
    return Project.objects.select_for_update().get(pk=project.pk)


@transaction.atomic
def project_update(*, project: Project, details: ProjectDetails) -> Project:
    """Change what a draft or open project asks for."""
    current = _locked(project)
    if current.status not in EDITABLE:
        raise ValidationError(NOT_EDITABLE.format(status=current.get_status_display().lower()))
    project_details_validate(details)
    _save(current, details)
    project.refresh_from_db()
    return project


def _transition(project: Project, action: str, **changes) -> Project:
    """Lock the row, check the table, write the new status; the caller's object follows."""
    current = _locked(project)
    current.status = transition_target(status=current.status, action=action)
    for name, value in changes.items():
        setattr(current, name, value)
    current.save(update_fields=["status", "updated_at", *changes])
    project.refresh_from_db()
    return project


@transaction.atomic
def project_publish(*, project: Project) -> Project:
    """Open a draft to proposals (draft → open)."""
    current = _locked(project)
    transition_target(status=current.status, action="publish")
    if not current.skills.filter(required=True).exists():
        raise ValidationError({"required_skills": SKILL_REQUIRED_TO_PUBLISH})
    published = _transition(project, "publish", published_at=timezone.now())
    project_published.send(sender=Project, project=published)
    return published


@transaction.atomic
def project_start(*, project: Project) -> Project:
    """Mark the project as being worked on (open → in progress); the hiring service calls it."""
    return _transition(project, "start")


@transaction.atomic
def project_complete(*, project: Project) -> Project:
    """Mark the work as done (in progress → completed)."""
    return _transition(project, "complete", closed_at=timezone.now())


@transaction.atomic
def project_halt(*, project: Project) -> Project:
    """Close a project whose contract was cancelled (in progress → closed)."""
    return _transition(project, "halt", closed_at=timezone.now())


def _proposals_decline(project: Project, *, reason: str, event: str) -> int:
    """Decline the project's live proposals and tell each freelancer; returns how many."""
    now = timezone.now()
    proposals = list(
        Proposal.objects.select_for_update()
        .filter(
            project=project,
            status__in=[Proposal.Status.SUBMITTED, Proposal.Status.ARCHIVED],
        )
        .select_related("freelancer")
    )
    Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(
        status=Proposal.Status.DECLINED, decline_reason=reason, decided_at=now, updated_at=now
    )
    url = reverse("projects:project-detail", args=[project.pk])
    for proposal in proposals:
        notify(
            user=proposal.freelancer,
            kind=NotificationKind.PROJECT_CLOSED,
            title=f"“{project.title}” is {event}; your proposal was declined",
            body=f"{reason}. Thank you for your proposal.",
            event_key=f"project:{project.pk}:closed:{proposal.pk}",
            url=url,
        )
    return len(proposals)


@transaction.atomic
def project_close(*, project: Project) -> Project:
    """Stop taking proposals without hiring (open → closed); live proposals are declined."""
    current = _transition(project, "close", closed_at=timezone.now())
    _proposals_decline(current, reason=CLOSED_DECLINE_REASON, event="closed")
    return current


@transaction.atomic
def project_cancel(*, project: Project) -> Project:
    """Withdraw a draft or open project (→ cancelled); live proposals are declined."""
    current = _transition(project, "cancel", closed_at=timezone.now())
    _proposals_decline(current, reason=CANCELLED_DECLINE_REASON, event="cancelled")
    return current
