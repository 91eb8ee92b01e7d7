"""The platform's own projects as estimator records (the evaluation file's format).

Two sources: completed contracts, whose amount is what was actually agreed (the truth the
estimator is judged on), and the posted budgets of open and closed projects (the middle of the
range), which say what employers expect to pay. Each record keeps its own currency; `when` orders
them in time. A contract a party of which switched off "Count my contracts in market statistics"
is not a record (read at each training run), and its project is not one as a posted budget either.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch

from accounts.models import AIFeature
from accounts.selectors.privacy import users_opted_out
from projects.models import Contract, Project, ProjectSkill
from projects.selectors.skills import main_category


@dataclass(frozen=True)
class DatedRecord:
    when: dt.datetime
    record: dict
    source: str  # "contract" or "posted"


def _skills(project: Project) -> list[str]:
    return [s.name for s in project.skills.all()]


def _category(project: Project) -> str | None:
    """The employer's category, else that of most of its skills (as an estimate reads a
    project being posted without one)."""
    category = project.category or main_category(s.skill for s in project.skills.all())
    return category.name if category else None


def _record(project: Project, **values) -> dict:
    return {
        "id": f"p{project.pk}",
        "title": project.title,
        "description": project.description,
        "skills": _skills(project),
        "category": _category(project),
        "experience_level": project.experience_level,
        "budget_type": project.budget_type,
        "currency": project.currency,
        "duration_weeks": project.duration_weeks,
        "hours_per_week": project.hours_per_week,
        # Only public projects may be shown to other employers as comparable work.
        "public": project.is_public and not project.is_hidden,
        **values,
    }


def _skill_names():
    return ProjectSkill.objects.select_related("skill__category")


def _projects():
    return Project.objects.select_related("category").prefetch_related(
        Prefetch("skills", queryset=_skill_names())
    )


def _weeks_worked(contract: Contract) -> float | None:
    if contract.ended_at is None or contract.start_date is None:
        return None
    days = (contract.ended_at.date() - contract.start_date).days
    return max(1.0, round(days / 7, 1))


def completed_contract_records() -> list[DatedRecord]:
    """One record per completed contract, oldest first: the agreed amount and, when the dates
    are there, the weeks it actually took (else the posted duration)."""
    opted_out = users_opted_out(feature=AIFeature.MARKET_STATISTICS)
    contracts = (
        Contract.objects.filter(status=Contract.Status.COMPLETED)
        .exclude(freelancer__in=opted_out)
        .exclude(employer__in=opted_out)
        .select_related("project__category")
        .prefetch_related(Prefetch("project__skills", queryset=_skill_names()))
        .order_by("ended_at", "created_at", "pk")
    )
    found = []
    for contract in contracts:
        project = contract.project
        weeks = _weeks_worked(contract) or project.duration_weeks
        record = _record(
            project,
            id=f"c{contract.pk}",
            budget_type=contract.budget_type,
            amount=float(contract.amount),
            currency=contract.currency,
            duration_weeks=weeks,
        )
        found.append(DatedRecord(contract.ended_at or contract.created_at, record, "contract"))
    found.sort(key=lambda d: d.when)
    return found


def posted_budget_records() -> list[DatedRecord]:
    """Open and closed public projects without a completed contract: the budget's midpoint."""
    projects = (
        _projects()
        .filter(status__in=[Project.Status.OPEN, Project.Status.CLOSED], is_hidden=False)
        .exclude(contracts__status=Contract.Status.COMPLETED)
        .order_by("created_at", "pk")
    )
    return [
        DatedRecord(
            project.published_at or project.created_at,
            _record(project, amount=float((project.budget_min + project.budget_max) / 2)),
            "posted",
        )
        for project in projects
    ]
