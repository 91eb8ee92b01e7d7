"""Milestones on fixed-price contracts: add, fund, submit, request changes, approve and release.

Every transition locks the contract row, then the milestone row, so a double click or two tabs
cannot move money twice. Repeating the transition a milestone has just made (approving an
approved milestone) changes nothing and raises nothing. A transition from the wrong state raises
a specific message and changes nothing.

Money: funding writes a FUND entry for the milestone's amount. Approval writes a RELEASE entry
for what the freelancer receives (amount minus the platform fee) and a FEE entry for the fee, so
for every contract: funded = released + fees + refunded + in escrow.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from projects.models import BudgetType, Contract, LedgerEntry, Milestone, NotificationKind
from projects.payments import payment_provider
from projects.services.contracts import contract_lock, contract_url
from projects.services.notifications import notify

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999.99")

HOURLY_HAS_NO_MILESTONES = "Hourly contracts are paid by the hour and have no milestones."
EMPLOYER_ONLY = "Only the employer on this contract can do that."
FREELANCER_ONLY = "Only the freelancer on this contract can submit work."
TITLE_REQUIRED = "Give the milestone a title, for example “Design approved”."
AMOUNT_POSITIVE = "The amount must be more than zero."
AMOUNT_TOO_LARGE = f"That amount is too large: the most you can enter is {MAX_AMOUNT:,}."
DUE_IN_PAST = "The due date cannot be in the past."
NOT_FUNDED = "This milestone is not funded yet; fund it before releasing payment."
NOT_SUBMITTED = "The freelancer has not submitted work on this milestone yet."
ALREADY_FUNDED = "This milestone is already funded."
SUBMIT_NOT_FUNDED = "This milestone is not funded yet; wait for the employer to fund it."
NOTE_REQUIRED = "Describe what you are submitting, and where the employer can find it."
FEEDBACK_REQUIRED = "Tell the freelancer what needs to change."
MILESTONE_CLOSED = "This milestone is closed: its payment was released or refunded."


def platform_fee(amount: Decimal) -> Decimal:
    """The platform's cut of a released amount, rounded half up to the cent."""
    fee = amount * settings.PLATFORM_FEE_PERCENT / Decimal(100)
    return min(fee.quantize(CENT, rounding=ROUND_HALF_UP), amount)


def _lock(*, milestone: Milestone, by: User) -> tuple[Contract, Milestone]:
    contract = contract_lock(contract=milestone.contract, by=by)
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk, contract=contract)
    locked.contract = contract
    return contract, locked


def _require(contract: Contract, by: User, role: str) -> None:
    if contract.party_role(by) != role:
        raise ValidationError(EMPLOYER_ONLY if role == "employer" else FREELANCER_ONLY)


def _ledger(milestone: Milestone, kind: str, amount: Decimal, provider, reference: str) -> None:
    LedgerEntry.objects.create(
        contract=milestone.contract,
        milestone=milestone,
        kind=kind,
        amount=amount,
        currency=milestone.contract.currency,
        provider=provider.name,
        provider_reference=reference,
    )


@transaction.atomic
def milestone_create(
    *, contract: Contract, by: User, title: str, amount: Decimal, due_date: dt.date
) -> Milestone:
    """The employer adds a milestone; the total may exceed the contract amount (scope grows)."""
    contract = contract_lock(contract=contract, by=by)
    _require(contract, by, "employer")
    if contract.budget_type != BudgetType.FIXED:
        raise ValidationError(HOURLY_HAS_NO_MILESTONES)
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = TITLE_REQUIRED
    if amount is None or amount <= 0:
        errors["amount"] = AMOUNT_POSITIVE
    elif amount > MAX_AMOUNT:
        errors["amount"] = AMOUNT_TOO_LARGE
    if due_date is None or due_date < timezone.localdate():
        errors["due_date"] = DUE_IN_PAST
    if errors:
        raise ValidationError(errors)
    last = contract.milestones.aggregate(last=Max("position"))["last"]
    return Milestone.objects.create(
        contract=contract,
        title=title[:140],
        amount=amount.quantize(CENT),
        due_date=due_date,
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def milestone_fund(*, milestone: Milestone, by: User) -> Milestone:
    """The employer pays the milestone's amount into escrow."""
    contract, milestone = _lock(milestone=milestone, by=by)
    _require(contract, by, "employer")
    if milestone.status != Milestone.Status.UNFUNDED:
        if milestone.status == Milestone.Status.FUNDED:
            return milestone  # a repeated click: already done
        raise ValidationError(
            MILESTONE_CLOSED
            if milestone.status in (Milestone.Status.RELEASED, Milestone.Status.REFUNDED)
            else ALREADY_FUNDED
        )
    provider = payment_provider()
    reference = provider.fund(contract, milestone, milestone.amount)
    _ledger(milestone, LedgerEntry.Kind.FUND, milestone.amount, provider, reference)
    milestone.status = Milestone.Status.FUNDED
    milestone.funded_at = timezone.now()
    milestone.save(update_fields=["status", "funded_at"])
    notify(
        user=contract.freelancer,
        kind=NotificationKind.MILESTONE_FUNDED,
        title=f"“{milestone.title}” is funded: you can start",
        body=f"{milestone.amount} {contract.currency} is in escrow for “{milestone.title}”.",
        event_key=f"milestone:{milestone.pk}:funded",
        url=contract_url(contract, f"milestone-{milestone.pk}"),
    )
    return milestone


@transaction.atomic
def milestone_submit(*, milestone: Milestone, by: User, note: str) -> Milestone:
    """The freelancer submits work on a funded milestone (again, after changes were asked)."""
    contract, milestone = _lock(milestone=milestone, by=by)
    _require(contract, by, "freelancer")
    if milestone.status == Milestone.Status.SUBMITTED:
        return milestone  # a repeated click: already submitted
    if milestone.status == Milestone.Status.UNFUNDED:
        raise ValidationError(SUBMIT_NOT_FUNDED)
    if milestone.status not in (Milestone.Status.FUNDED, Milestone.Status.CHANGES_REQUESTED):
        raise ValidationError(MILESTONE_CLOSED)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": NOTE_REQUIRED})
    now = timezone.now()
    milestone.status = Milestone.Status.SUBMITTED
    milestone.submission_note = note
    milestone.submitted_at = now
    milestone.save(update_fields=["status", "submission_note", "submitted_at"])
    notify(
        user=contract.employer,
        kind=NotificationKind.MILESTONE_SUBMITTED,
        title=f"Work submitted on “{milestone.title}”",
        body=note[:500],
        event_key=f"milestone:{milestone.pk}:submitted:{now.timestamp()}",
        url=contract_url(contract, f"milestone-{milestone.pk}"),
    )
    return milestone


@transaction.atomic
def milestone_request_changes(*, milestone: Milestone, by: User, feedback: str) -> Milestone:
    """The employer sends submitted work back with what should change; escrow stays."""
    contract, milestone = _lock(milestone=milestone, by=by)
    _require(contract, by, "employer")
    if milestone.status == Milestone.Status.CHANGES_REQUESTED:
        return milestone  # a repeated click
    if milestone.status != Milestone.Status.SUBMITTED:
        raise ValidationError(
            NOT_SUBMITTED
            if milestone.status in (Milestone.Status.UNFUNDED, Milestone.Status.FUNDED)
            else MILESTONE_CLOSED
        )
    feedback = (feedback or "").strip()
    if not feedback:
        raise ValidationError({"feedback": FEEDBACK_REQUIRED})
    milestone.status = Milestone.Status.CHANGES_REQUESTED
    milestone.feedback = feedback
    milestone.save(update_fields=["status", "feedback"])
    notify(
        user=contract.freelancer,
        kind=NotificationKind.CHANGES_REQUESTED,
        title=f"Changes requested on “{milestone.title}”",
        body=feedback[:500],
        event_key=f"milestone:{milestone.pk}:changes:{timezone.now().timestamp()}",
        url=contract_url(contract, f"milestone-{milestone.pk}"),
    )
    return milestone


@transaction.atomic
def milestone_approve(*, milestone: Milestone, by: User) -> Milestone:
    """The employer approves submitted work: escrow is released, less the platform fee."""
    contract, milestone = _lock(milestone=milestone, by=by)
    _require(contract, by, "employer")
    if milestone.status == Milestone.Status.RELEASED:
        return milestone  # approving twice releases once
    if milestone.status == Milestone.Status.UNFUNDED:
        raise ValidationError(NOT_FUNDED)
    if milestone.status in (Milestone.Status.FUNDED, Milestone.Status.CHANGES_REQUESTED):
        raise ValidationError(NOT_SUBMITTED)
    if milestone.status != Milestone.Status.SUBMITTED:
        raise ValidationError(MILESTONE_CLOSED)
    fee = platform_fee(milestone.amount)
    payout = milestone.amount - fee
    provider = payment_provider()
    if payout > 0:
        reference = provider.release(contract, milestone, payout)
        _ledger(milestone, LedgerEntry.Kind.RELEASE, payout, provider, reference)
    if fee > 0:
        _ledger(milestone, LedgerEntry.Kind.FEE, fee, provider, f"fee_m{milestone.pk}")
    milestone.status = Milestone.Status.RELEASED
    milestone.released_at = timezone.now()
    milestone.save(update_fields=["status", "released_at"])
    notify(
        user=contract.freelancer,
        kind=NotificationKind.MILESTONE_RELEASED,
        title=f"Payment released for “{milestone.title}”",
        body=(
            f"{payout} {contract.currency} released to you "
            f"({milestone.amount} less a {fee} platform fee)."
        ),
        event_key=f"milestone:{milestone.pk}:released",
        url=contract_url(contract, f"milestone-{milestone.pk}"),
    )
    return milestone
