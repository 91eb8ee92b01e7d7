"""Ending a contract: the employer completes it, or either party cancels it with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import Contract, LedgerEntry, Milestone, NotificationKind, Project
from projects.payments import payment_provider
from projects.services.notifications import notify
from projects.services.projects import project_complete, project_halt

NOT_A_PARTY = "Only the employer and the freelancer on this contract can do that."
NOT_ACTIVE = "This contract has ended; nothing more can change on it."
ONLY_EMPLOYER_COMPLETES = "Only the employer can mark a contract complete."
ESCROW_LEFT = (
    "Money is still in escrow on {titles}. Release it (approve the work) or cancel the contract "
    "to refund it before completing."
)
REASON_REQUIRED = "Tell the other party why the contract is being cancelled."

# Milestones whose money sits in escrow: funded, and not yet released or refunded.
IN_ESCROW = (
    Milestone.Status.FUNDED,
    Milestone.Status.SUBMITTED,
    Milestone.Status.CHANGES_REQUESTED,
)


def contract_url(contract: Contract, anchor: str = "") -> str:
    url = reverse("projects:contract-detail", args=[contract.pk])
    return f"{url}#{anchor}" if anchor else url


def contract_lock(*, contract: Contract, by: User, active: bool = True) -> Contract:
    """The contract's row, locked for this transaction; refuses non-parties (and ended ones)."""
    locked = Contract.objects.select_for_update().get(pk=contract.pk)
    if locked.party_role(by) is None:
        raise ValidationError(NOT_A_PARTY)
    if active and not locked.is_active:
        raise ValidationError(NOT_ACTIVE)
    return locked


def _project_complete(contract: Contract) -> None:
    # The project lifecycle owns Project.status. A project that is no longer in progress
    # (completed by staff, say) must not block ending the contract.
    if contract.project.status == Project.Status.IN_PROGRESS:
        project_complete(project=contract.project)


def _project_halt(contract: Contract) -> None:
    # A cancelled contract leaves nothing in progress: the project closes, and the employer
    # can post the work again.
    if contract.project.status == Project.Status.IN_PROGRESS:
        project_halt(project=contract.project)


@transaction.atomic
def contract_complete(*, contract: Contract, by: User) -> Contract:
    """The employer ends the contract as completed; no money may be left in escrow."""
    contract = contract_lock(contract=contract, by=by)
    if contract.party_role(by) != "employer":
        raise ValidationError(ONLY_EMPLOYER_COMPLETES)
    held = list(
        contract.milestones.select_for_update()
        .filter(status__in=IN_ESCROW)
        .values_list("title", flat=True)
    )
    if held:
        titles = ", ".join(f"“{title}”" for title in held)
        raise ValidationError(ESCROW_LEFT.format(titles=titles))
    contract.status = Contract.Status.COMPLETED
    contract.ended_at = timezone.now()
    contract.save(update_fields=["status", "ended_at"])
    _project_complete(contract)
    notify(
        user=contract.freelancer,
        kind=NotificationKind.CONTRACT_ENDED,
        title=f"“{contract.title}” is complete",
        body="The employer marked the contract complete. You can now leave a review.",
        event_key=f"contract:{contract.pk}:ended",
        url=contract_url(contract),
    )
    return contract


@transaction.atomic
def contract_cancel(*, contract: Contract, by: User, reason: str) -> Contract:
    """Either party cancels; escrow of every funded milestone is refunded to the employer."""
    reason = (reason or "").strip()
    contract = contract_lock(contract=contract, by=by)
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason under 500 characters."})
    provider = payment_provider()
    now = timezone.now()
    for milestone in contract.milestones.select_for_update().filter(status__in=IN_ESCROW):
        reference = provider.refund(contract, milestone, milestone.amount)
        LedgerEntry.objects.create(
            contract=contract,
            milestone=milestone,
            kind=LedgerEntry.Kind.REFUND,
            amount=milestone.amount,
            currency=contract.currency,
            provider=provider.name,
            provider_reference=reference,
        )
        milestone.status = Milestone.Status.REFUNDED
        milestone.save(update_fields=["status"])
    contract.status = Contract.Status.CANCELLED
    contract.end_reason = reason
    contract.ended_at = now
    contract.save(update_fields=["status", "end_reason", "ended_at"])
    _project_halt(contract)
    other = contract.freelancer if by.pk == contract.employer_id else contract.employer
    notify(
        user=other,
        kind=NotificationKind.CONTRACT_ENDED,
        title=f"“{contract.title}” was cancelled",
        body=f"{by.display_name} cancelled the contract: {reason}",
        event_key=f"contract:{contract.pk}:ended",
        url=contract_url(contract),
    )
    return contract
