"""Weekly timesheets: the freelancer submits a week, the employer approves or disputes it.

Approval pays the week through the ledger the way a released milestone is paid: a FUND entry for
the week's amount (hours x rate), a RELEASE entry for what the freelancer receives and a FEE
entry for the platform's cut, all with milestone=None and provider_reference "timesheet:<id>".
The week is charged and released at once (no escrow), so the ledger stays balanced:
funded = released + fees + refunded + in escrow. The timesheet row is locked and its state
checked first, so approving twice, or two approvals racing, pays once.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import BudgetType, Contract, LedgerEntry, NotificationKind
from projects.payments import payment_provider
from projects.services.contracts import contract_lock
from projects.services.milestones import platform_fee
from projects.services.notifications import notify

from ..models import Timesheet
from ..weeks import hours_text, short_date

CENT = Decimal("0.01")

FREELANCER_SUBMITS = "Only the freelancer on this contract can submit a timesheet."
EMPLOYER_REVIEWS = "Only the employer on this contract can approve or dispute a timesheet."
NOTHING_LOGGED = "There is no time logged in this week to submit."
TOO_LITTLE = "The time in this week comes to less than a cent; log more before submitting."
TIMER_IN_WEEK = "Your timer is still running in this week. Stop it before submitting."
ALREADY_APPROVED = "This week is already approved and paid."
NOT_SUBMITTED = "This week has not been submitted for approval."
REASON_REQUIRED = "Tell the freelancer what is wrong with this week, so they can correct it."
REASON_TOO_LONG = "Keep the reason under 2000 characters."


def timesheet_url(sheet: Timesheet) -> str:
    url = reverse("billing:time-log", args=[sheet.contract_id])
    return f"{url}?week={sheet.week_start.isoformat()}"


def timesheet_amount(*, minutes: int, rate: Decimal) -> Decimal:
    """What a week costs: minutes x the hourly rate, rounded half up to the cent."""
    return (Decimal(minutes) * rate / 60).quantize(CENT, rounding=ROUND_HALF_UP)


def _lock(*, sheet: Timesheet, by: User, role: str) -> tuple[Contract, Timesheet]:
    # Weeks worked before a contract ended are still submitted and paid afterwards.
    contract = contract_lock(contract=sheet.contract, by=by, active=False)
    if contract.party_role(by) != role:
        raise ValidationError(FREELANCER_SUBMITS if role == "freelancer" else EMPLOYER_REVIEWS)
    locked = Timesheet.objects.select_for_update().get(pk=sheet.pk, contract=contract)
    locked.contract = contract
    return contract, locked


def _week(sheet: Timesheet) -> str:
    return f"the week of {short_date(sheet.week_start)}"


@transaction.atomic
def timesheet_submit(*, timesheet: Timesheet, by: User) -> Timesheet:
    """The freelancer sends a week to the employer; its hours and amount are frozen."""
    contract, sheet = _lock(sheet=timesheet, by=by, role="freelancer")
    if sheet.state == Timesheet.State.SUBMITTED:
        return sheet  # a repeated click
    if sheet.state == Timesheet.State.APPROVED:
        raise ValidationError(ALREADY_APPROVED)
    if contract.budget_type != BudgetType.HOURLY:
        raise ValidationError(NOTHING_LOGGED)
    entries = list(sheet.entries.select_for_update())
    if any(entry.is_running for entry in entries):
        raise ValidationError(TIMER_IN_WEEK)
    minutes = sum(entry.minutes for entry in entries)
    if minutes <= 0:
        raise ValidationError(NOTHING_LOGGED)
    amount = timesheet_amount(minutes=minutes, rate=contract.amount)
    if amount <= 0:
        raise ValidationError(TOO_LITTLE)
    now = timezone.now()
    sheet.state = Timesheet.State.SUBMITTED
    sheet.minutes = minutes
    sheet.hourly_rate = contract.amount
    sheet.currency = contract.currency
    sheet.amount = amount
    sheet.fee = platform_fee(amount)
    sheet.submitted_at = now
    sheet.save(
        update_fields=[
            "state", "minutes", "hourly_rate", "currency", "amount", "fee", "submitted_at"
        ]
    )  # fmt: skip
    notify(
        user=contract.employer,
        kind=NotificationKind.TIMESHEET_SUBMITTED,
        title=f"{contract.freelancer.display_name} submitted {hours_text(minutes)} h for "
        f"{_week(sheet)}",
        body=f"{amount} {contract.currency} on “{contract.title}”, waiting for your approval.",
        event_key=f"timesheet:{sheet.pk}:submitted:{now.timestamp()}",
        url=timesheet_url(sheet),
    )
    return sheet


@transaction.atomic
def timesheet_approve(*, timesheet: Timesheet, by: User) -> Timesheet:
    """The employer approves a submitted week: it is charged and paid out, less the fee."""
    contract, sheet = _lock(sheet=timesheet, by=by, role="employer")
    if sheet.state == Timesheet.State.APPROVED:
        return sheet  # approving twice pays once
    if sheet.state != Timesheet.State.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED)
    payout = sheet.amount - sheet.fee
    provider = payment_provider()
    for kind, amount in (
        (LedgerEntry.Kind.FUND, sheet.amount),
        (LedgerEntry.Kind.RELEASE, payout),
        (LedgerEntry.Kind.FEE, sheet.fee),
    ):
        if amount > 0:
            LedgerEntry.objects.create(
                contract=contract,
                milestone=None,
                kind=kind,
                amount=amount,
                currency=sheet.currency,
                provider=provider.name,
                provider_reference=sheet.invoice_reference,
            )
    sheet.state = Timesheet.State.APPROVED
    sheet.reviewed_at = timezone.now()
    sheet.dispute_reason = ""
    sheet.save(update_fields=["state", "reviewed_at", "dispute_reason"])
    notify(
        user=contract.freelancer,
        kind=NotificationKind.TIMESHEET_REVIEWED,
        title=f"{hours_text(sheet.minutes)} h approved for {_week(sheet)}",
        body=(
            f"{payout} {sheet.currency} paid to you ({sheet.amount} less a {sheet.fee} "
            "platform fee). You can invoice this week now."
        ),
        event_key=f"timesheet:{sheet.pk}:approved",
        url=timesheet_url(sheet),
    )
    return sheet


@transaction.atomic
def timesheet_dispute(*, timesheet: Timesheet, by: User, reason: str) -> Timesheet:
    """The employer sends a submitted week back with a reason; the freelancer corrects it."""
    reason = (reason or "").strip()
    contract, sheet = _lock(sheet=timesheet, by=by, role="employer")
    if sheet.state == Timesheet.State.DISPUTED and not reason:
        return sheet
    if sheet.state == Timesheet.State.APPROVED:
        raise ValidationError(ALREADY_APPROVED)
    if sheet.state != Timesheet.State.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED)
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if len(reason) > 2000:
        raise ValidationError({"reason": REASON_TOO_LONG})
    now = timezone.now()
    sheet.state = Timesheet.State.DISPUTED
    sheet.dispute_reason = reason
    sheet.reviewed_at = now
    sheet.save(update_fields=["state", "dispute_reason", "reviewed_at"])
    notify(
        user=contract.freelancer,
        kind=NotificationKind.TIMESHEET_REVIEWED,
        title=f"{contract.employer.display_name} disputed {_week(sheet)}",
        body=reason[:500],
        event_key=f"timesheet:{sheet.pk}:disputed:{now.timestamp()}",
        url=timesheet_url(sheet),
    )
    return sheet
