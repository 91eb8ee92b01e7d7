"""Writes about proposals, shortlists and invites: what freelancers send and employers decide."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import CURRENCIES, User
from projects.models import Invite, NotificationKind, Project, Proposal, ShortlistEntry
from projects.services.notifications import notify

DUPLICATE_PROPOSAL = "You already have a proposal on this project; edit or withdraw it instead."
COVER_LETTER_REQUIRED = "Write a cover letter: say why you fit and how you would start."
DURATION_OUT_OF_RANGE = "Estimate the duration in weeks, from 1 to 104."
PROJECT_NOT_OPEN = "This project is no longer taking proposals."
CURRENCY_CODES = {code for code, _name in CURRENCIES}
DECIDABLE = (Proposal.Status.SUBMITTED, Proposal.Status.ARCHIVED)


def _proposal_url(proposal: Proposal) -> str:
    return reverse("projects:proposal-detail", args=[proposal.pk])


def project_accepts_proposals_from(*, project: Project, freelancer: User) -> bool:
    """Open, not hidden, and public or the freelancer was invited."""
    if not project.is_open or project.is_hidden:
        return False
    return (
        project.is_public or Invite.objects.filter(project=project, freelancer=freelancer).exists()
    )


def bid_not_positive(project: Project) -> str:
    what = "hourly rate" if project.budget_type == "hourly" else "fixed price"
    return f"Your {what} must be more than zero."


def _proposal_terms_check(
    *,
    project: Project,
    cover_letter: str,
    bid_amount: Decimal | None,
    currency: str,
    estimated_duration_weeks: int | None,
    answers: list[str],
) -> None:
    errors: dict[str, str] = {}
    if not (cover_letter or "").strip():
        errors["cover_letter"] = COVER_LETTER_REQUIRED
    if bid_amount is None or bid_amount <= 0:
        errors["bid_amount"] = bid_not_positive(project)
    if currency not in CURRENCY_CODES:
        errors["currency"] = "Choose a currency from the list."
    if estimated_duration_weeks is None or not 1 <= estimated_duration_weeks <= 104:
        errors["estimated_duration_weeks"] = DURATION_OUT_OF_RANGE
    questions = project.screening_questions or []
    if len(answers) != len(questions):
        errors[NON_FIELD_ERRORS] = "Answer each of the client's questions."
    for index, answer in enumerate(answers[: len(questions)]):
        if not (answer or "").strip():
            errors[f"answer_{index}"] = "Answer this question; the client asks every applicant."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def proposal_submit(
    *,
    freelancer: User,
    project: Project,
    cover_letter: str,
    bid_amount: Decimal,
    currency: str,
    estimated_duration_weeks: int,
    answers: list[str] | None = None,
) -> Proposal:
    """Send a proposal on an open project the freelancer may see; one active one per project."""
    if not freelancer.is_freelancer:
        raise ValidationError("Only freelancer accounts can send proposals.")
    # The project row is the lock every hire also takes: no proposal lands mid-hire.
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not project_accepts_proposals_from(project=project, freelancer=freelancer):
        raise ValidationError(PROJECT_NOT_OPEN)
    answers = [a.strip() for a in (answers or [])]
    _proposal_terms_check(
        project=project,
        cover_letter=cover_letter,
        bid_amount=bid_amount,
        currency=currency,
        estimated_duration_weeks=estimated_duration_weeks,
        answers=answers,
    )
    if Proposal.objects.active().filter(project=project, freelancer=freelancer).exists():
        raise ValidationError(DUPLICATE_PROPOSAL)
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                project=project,
                freelancer=freelancer,
                cover_letter=cover_letter.strip(),
                bid_amount=bid_amount,
                currency=currency,
                estimated_duration_weeks=estimated_duration_weeks,
                answers=answers,
            )
    except IntegrityError as error:
        raise ValidationError(DUPLICATE_PROPOSAL) from error
    Invite.objects.filter(
        project=project, freelancer=freelancer, status=Invite.Status.PENDING
    ).update(status=Invite.Status.ACCEPTED, answered_at=timezone.now())
    notify(
        user=project.employer,
        kind=NotificationKind.PROPOSAL_RECEIVED,
        title=f"New proposal from {freelancer.display_name} on “{project.title}”",
        event_key=f"proposal:{proposal.pk}:received",
        url=_proposal_url(proposal),
    )
    return proposal


@transaction.atomic
def proposal_update(
    *,
    freelancer: User,
    proposal: Proposal,
    cover_letter: str,
    bid_amount: Decimal,
    currency: str,
    estimated_duration_weeks: int,
    answers: list[str] | None = None,
) -> Proposal:
    """Change a proposal the client has not opened yet."""
    locked = Proposal.objects.select_for_update().select_related("project").get(pk=proposal.pk)
    if locked.freelancer_id != freelancer.pk:
        raise ValidationError("Only the freelancer who wrote a proposal can edit it.")
    if not locked.is_editable:
        raise ValidationError(
            "The client has already opened this proposal, so it can no longer be edited."
            if locked.status == Proposal.Status.SUBMITTED
            else "Only a submitted proposal can be edited."
        )
    answers = [a.strip() for a in (answers or [])]
    _proposal_terms_check(
        project=locked.project,
        cover_letter=cover_letter,
        bid_amount=bid_amount,
        currency=currency,
        estimated_duration_weeks=estimated_duration_weeks,
        answers=answers,
    )
    locked.cover_letter = cover_letter.strip()
    locked.bid_amount = bid_amount
    locked.currency = currency
    locked.estimated_duration_weeks = estimated_duration_weeks
    locked.answers = answers
    locked.save()
    return locked


@transaction.atomic
def proposal_withdraw(*, freelancer: User, proposal: Proposal) -> Proposal:
    """Take a proposal back; refused once the freelancer is hired."""
    # Same lock as proposal_hire takes: a withdrawal and a hire never both succeed.
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.freelancer_id != freelancer.pk:
        raise ValidationError("Only the freelancer who wrote a proposal can withdraw it.")
    if locked.status == Proposal.Status.HIRED:
        raise ValidationError("You are hired on this proposal; it can no longer be withdrawn.")
    if locked.status not in DECIDABLE:
        raise ValidationError(f"This proposal is already {locked.get_status_display().lower()}.")
    locked.status = Proposal.Status.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at", "updated_at"])
    return locked


def proposal_mark_viewed(*, proposal: Proposal) -> None:
    """Record the first time the employer opened the proposal (it then stops being editable)."""
    if proposal.viewed_at is None:
        now = timezone.now()
        Proposal.objects.filter(pk=proposal.pk, viewed_at__isnull=True).update(viewed_at=now)
        proposal.viewed_at = now


def _owned_locked(employer: User, proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().select_related("project").get(pk=proposal.pk)
    if locked.project.employer_id != employer.pk:
        raise ValidationError("Only the project's owner can decide on its proposals.")
    return locked


@transaction.atomic
def proposal_shortlist(*, employer: User, proposal: Proposal) -> ShortlistEntry:
    """Set the proposal's freelancer aside for this project; they hear about it once."""
    locked = _owned_locked(employer, proposal)
    if not locked.is_active:
        raise ValidationError("Only an active proposal can be shortlisted.")
    entry, _created = ShortlistEntry.objects.get_or_create(
        project=locked.project, freelancer_id=locked.freelancer_id
    )
    notify(
        user=locked.freelancer,
        kind=NotificationKind.PROPOSAL_SHORTLISTED,
        title=f"You are on the shortlist for “{locked.project.title}”",
        event_key=f"proposal:{locked.pk}:shortlisted",
        url=_proposal_url(locked),
    )
    return entry


@transaction.atomic
def proposal_unshortlist(*, employer: User, proposal: Proposal) -> None:
    """Take the proposal's freelancer off the project's shortlist."""
    locked = _owned_locked(employer, proposal)
    ShortlistEntry.objects.filter(project=locked.project, freelancer=locked.freelancer_id).delete()


@transaction.atomic
def proposal_archive(*, employer: User, proposal: Proposal) -> Proposal:
    """Move a submitted proposal out of the employer's way without declining it."""
    locked = _owned_locked(employer, proposal)
    if locked.status != Proposal.Status.SUBMITTED:
        raise ValidationError("Only a submitted proposal can be archived.")
    locked.status = Proposal.Status.ARCHIVED
    locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def proposal_unarchive(*, employer: User, proposal: Proposal) -> Proposal:
    """Bring an archived proposal back to the list."""
    locked = _owned_locked(employer, proposal)
    if locked.status != Proposal.Status.ARCHIVED:
        raise ValidationError("Only an archived proposal can be restored.")
    locked.status = Proposal.Status.SUBMITTED
    locked.save(update_fields=["status", "updated_at"])
    return locked


def proposal_decline_locked(*, proposal: Proposal, reason: str) -> None:
    """Decline a locked, undecided proposal and tell its freelancer (caller holds the lock)."""
    proposal.status = Proposal.Status.DECLINED
    proposal.decline_reason = reason[:500]
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decline_reason", "decided_at", "updated_at"])
    notify(
        user=proposal.freelancer,
        kind=NotificationKind.PROPOSAL_DECLINED,
        title=f"Your proposal on “{proposal.project.title}” was declined",
        body=proposal.decline_reason,
        event_key=f"proposal:{proposal.pk}:declined",
        url=_proposal_url(proposal),
    )


@transaction.atomic
def proposal_decline(*, employer: User, proposal: Proposal, reason: str = "") -> Proposal:
    """Decline a proposal with an optional reason the freelancer sees."""
    locked = _owned_locked(employer, proposal)
    if locked.status not in DECIDABLE:
        raise ValidationError(f"This proposal is already {locked.get_status_display().lower()}.")
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason under 500 characters."})
    proposal_decline_locked(proposal=locked, reason=reason)
    return locked


@transaction.atomic
def invite_create(
    *, employer: User, project: Project, freelancer: User, message: str = ""
) -> Invite:
    """Invite a freelancer to send a proposal on one of the employer's open projects."""
    if project.employer_id != employer.pk:
        raise ValidationError({"project": "Choose one of your own projects."})
    if not project.is_open:
        raise ValidationError({"project": "Only an open project can take invitations."})
    if not freelancer.is_freelancer or not freelancer.is_active:
        raise ValidationError("Only an active freelancer can be invited.")
    if Proposal.objects.active().filter(project=project, freelancer=freelancer).exists():
        raise ValidationError({"project": "This freelancer already sent a proposal on it."})
    try:
        with transaction.atomic():
            invite = Invite.objects.create(
                project=project, freelancer=freelancer, message=(message or "").strip()
            )
    except IntegrityError as error:
        raise ValidationError(
            {"project": "You have already invited this freelancer to that project."}
        ) from error
    notify(
        user=freelancer,
        kind=NotificationKind.INVITE_RECEIVED,
        title=f"{employer.display_name} invites you to “{project.title}”",
        body=invite.message,
        event_key=f"invite:{invite.pk}:received",
        url=reverse("projects:my-proposals"),
    )
    return invite


@transaction.atomic
def invite_decline(*, freelancer: User, invite: Invite) -> Invite:
    """Say no to an invitation; the employer's invite stays on record as declined."""
    locked = Invite.objects.select_for_update().get(pk=invite.pk)
    if locked.freelancer_id != freelancer.pk:
        raise ValidationError("Only the invited freelancer can answer an invitation.")
    if locked.status != Invite.Status.PENDING:
        raise ValidationError(f"You have already {locked.get_status_display().lower()} it.")
    locked.status = Invite.Status.DECLINED
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at"])
    return locked
