"""Hiring: turning one proposal into a contract, once, even when two requests race."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import BudgetType, Contract, NotificationKind, Project, Proposal
from projects.services.notifications import notify
from projects.services.projects import project_start
from projects.services.proposals import DECIDABLE, proposal_decline_locked

# An hourly project that did not say how many hours a week it needs: a full-time week.
DEFAULT_WEEKLY_HOUR_LIMIT = 40

ANOTHER_HIRED = "Another freelancer was hired"
ALREADY_HIRED = "Someone has already been hired on this project."


@transaction.atomic
def proposal_hire(
    *, employer: User, proposal: Proposal, start_date: dt.date, terms: str = ""
) -> Contract:
    """Hire the proposal's freelancer: a contract, the project in progress, the others declined."""
    # Lock order everywhere: the project row, then proposal rows. A concurrent hire waits here
    # and then sees the project in progress; a concurrent withdrawal waits on the proposal row.
    project = Project.objects.select_for_update().get(pk=proposal.project_id)
    proposal = Proposal.objects.select_for_update().select_related("freelancer").get(pk=proposal.pk)
    if project.employer_id != employer.pk:
        raise ValidationError("Only the project's owner can hire on it.")
    if Contract.objects.filter(project=project).exclude(status=Contract.Status.CANCELLED).exists():
        raise ValidationError(ALREADY_HIRED)
    if not project.is_open:
        raise ValidationError(
            f"You can only hire on an open project; this one is "
            f"{project.get_status_display().lower()}."
        )
    if proposal.status == Proposal.Status.WITHDRAWN:
        raise ValidationError("The freelancer withdrew this proposal, so they cannot be hired.")
    if proposal.status not in DECIDABLE:
        raise ValidationError(
            f"This proposal is {proposal.get_status_display().lower()}; it cannot be hired."
        )
    if start_date is None or start_date < timezone.localdate():
        raise ValidationError({"start_date": "The start date cannot be in the past."})
    try:
        with transaction.atomic():
            contract = Contract.objects.create(
                project=project,
                proposal=proposal,
                employer=employer,
                freelancer=proposal.freelancer,
                title=project.title,
                terms=(terms or "").strip(),
                budget_type=project.budget_type,
                amount=proposal.bid_amount,
                currency=proposal.currency,
                start_date=start_date,
                weekly_hour_limit=(
                    (project.hours_per_week or DEFAULT_WEEKLY_HOUR_LIMIT)
                    if project.budget_type == BudgetType.HOURLY
                    else None
                ),
            )
    except IntegrityError as error:
        raise ValidationError(ALREADY_HIRED) from error
    proposal.status = Proposal.Status.HIRED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at", "updated_at"])
    project_start(project=project)
    others = (
        Proposal.objects.select_for_update()
        .select_related("freelancer", "project")
        .filter(project=project, status__in=DECIDABLE)
        .exclude(pk=proposal.pk)
        .order_by("pk")
    )
    for other in others:
        proposal_decline_locked(proposal=other, reason=ANOTHER_HIRED)
    notify(
        user=proposal.freelancer,
        kind=NotificationKind.HIRED,
        title=f"You are hired on “{project.title}”",
        body=f"Start date: {start_date:%d %B %Y}.",
        event_key=f"proposal:{proposal.pk}:hired",
        url=reverse("projects:proposal-detail", args=[proposal.pk]),
    )
    return contract
