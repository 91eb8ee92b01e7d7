"""The time log: manual entries, the start/stop timer, and removing an entry.

Every write locks the contract, then the freelancer's user row (their entries on all contracts
must not overlap, so two tabs or two contracts cannot race past the overlap check), then the
week's timesheet (so an entry cannot slip into a week being submitted).

Weeks run Monday to Sunday in the freelancer's timezone; an entry belongs to the week it starts
in, and counts in full towards that week's limit.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from projects.models import BudgetType, Contract
from projects.services.contracts import contract_lock

from ..models import TimeEntry, Timesheet
from ..weeks import (
    day_text,
    hours_text,
    local_zone,
    long_date,
    short_date,
    time_text,
    week_limit_minutes,
    week_start_of,
)

MAX_ENTRY = dt.timedelta(hours=24)
NOTE_MAX = 500

FREELANCER_ONLY = "Only the freelancer on this contract can log time."
NOT_HOURLY = "Time is logged on hourly contracts only; this one is paid by milestone."
FUTURE = "You can't log time in the future."
END_BEFORE_START = "The end must be after the start; log work past midnight as two entries."
TOO_LONG = "An entry can be at most 24 hours; split longer work into several entries."
BEFORE_CONTRACT = "This contract started on {date}; log time from then on."
OVERLAP = "This entry overlaps {start}–{end} on {day}."  # noqa: RUF001 (a range of times)
OVERLAP_TIMER = "This entry overlaps your running timer (started {start} on {day})."
OVER_LIMIT = "This week would reach {total} h; the contract allows {limit} h a week."
WEEK_FULL = "This week already has {limit} h, the most the contract allows."
WEEK_LOCKED = "The week of {week} is {state}; no time can be added to it or removed from it."
TIMER_RUNNING = (
    "Your timer is already running on “{title}” (since {start} on {day}). Stop it first."
)
NO_TIMER = "No timer is running."
NOTE_TOO_LONG = "Keep the note under 500 characters."


def _minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


def _lock_for_logging(*, contract: Contract, by: User) -> Contract:
    contract = contract_lock(contract=contract, by=by)  # parties only, active only
    if contract.party_role(by) != "freelancer":
        raise ValidationError(FREELANCER_ONLY)
    if contract.budget_type != BudgetType.HOURLY:
        raise ValidationError(NOT_HOURLY)
    User.objects.select_for_update().filter(pk=by.pk).first()
    return contract


def timesheet_for_week(*, contract: Contract, week_start: dt.date) -> Timesheet:
    """The week's timesheet, created open if new, locked for this transaction."""
    Timesheet.objects.get_or_create(contract=contract, week_start=week_start)
    sheet = Timesheet.objects.select_for_update().get(contract=contract, week_start=week_start)
    sheet.contract = contract
    return sheet


def _require_editable(sheet: Timesheet) -> None:
    if not sheet.is_editable:
        state = "approved" if sheet.state == Timesheet.State.APPROVED else "submitted"
        raise ValidationError(WEEK_LOCKED.format(week=short_date(sheet.week_start), state=state))


def _week_minutes(sheet: Timesheet, *, exclude_pk: int | None = None) -> int:
    entries = sheet.entries.exclude(ended_at=None)
    if exclude_pk is not None:
        entries = entries.exclude(pk=exclude_pk)
    return sum(entry.minutes for entry in entries)


def _refuse_overlap(
    *, freelancer: User, start: dt.datetime, end: dt.datetime, zone: ZoneInfo, field: str
) -> None:
    clash = (
        TimeEntry.objects.filter(freelancer=freelancer, started_at__lt=end)
        .filter(Q(ended_at__gt=start) | Q(ended_at=None))
        .order_by("started_at")
        .first()
    )
    if clash is None:
        return
    day = day_text(clash.started_at, zone)
    if clash.ended_at is None:
        message = OVERLAP_TIMER.format(start=time_text(clash.started_at, zone), day=day)
    else:
        message = OVERLAP.format(
            start=time_text(clash.started_at, zone), end=time_text(clash.ended_at, zone), day=day
        )
    raise ValidationError({field: message})


def _refuse_before_contract(contract: Contract, start: dt.datetime, zone: ZoneInfo) -> None:
    if start.astimezone(zone).date() < contract.start_date:
        raise ValidationError(
            {"started_at": BEFORE_CONTRACT.format(date=long_date(contract.start_date))}
        )


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": NOTE_TOO_LONG})
    return note


@transaction.atomic
def time_entry_create(
    *, contract: Contract, by: User, started_at: dt.datetime, ended_at: dt.datetime, note: str = ""
) -> TimeEntry:
    """The freelancer logs a finished stretch of work by hand."""
    contract = _lock_for_logging(contract=contract, by=by)
    zone = local_zone(by)
    note = _clean_note(note)
    start, end = _minute(started_at), _minute(ended_at)
    now = timezone.now()
    if end <= start:
        raise ValidationError({"ended_at": END_BEFORE_START})
    if start > now:
        raise ValidationError({"started_at": FUTURE})
    if end > now:
        raise ValidationError({"ended_at": FUTURE})
    if end - start > MAX_ENTRY:
        raise ValidationError({"ended_at": TOO_LONG})
    _refuse_before_contract(contract, start, zone)
    sheet = timesheet_for_week(
        contract=contract, week_start=week_start_of(start.astimezone(zone).date())
    )
    _require_editable(sheet)
    _refuse_overlap(freelancer=by, start=start, end=end, zone=zone, field="started_at")
    limit = week_limit_minutes(contract)
    total = _week_minutes(sheet) + int((end - start).total_seconds() // 60)
    if total > limit:
        raise ValidationError(
            {"ended_at": OVER_LIMIT.format(total=hours_text(total), limit=hours_text(limit))}
        )
    return TimeEntry.objects.create(
        timesheet=sheet, contract=contract, freelancer=by, started_at=start, ended_at=end, note=note
    )


@transaction.atomic
def timer_start(*, contract: Contract, by: User, note: str = "") -> TimeEntry:
    """The freelancer starts the clock on a contract; one timer runs at a time."""
    contract = _lock_for_logging(contract=contract, by=by)
    zone = local_zone(by)
    note = _clean_note(note)
    running = TimeEntry.objects.filter(freelancer=by, ended_at=None).select_related("contract")
    if (current := running.first()) is not None:
        raise ValidationError(
            TIMER_RUNNING.format(
                title=current.contract.title,
                start=time_text(current.started_at, zone),
                day=day_text(current.started_at, zone),
            )
        )
    start = _minute(timezone.now())
    _refuse_before_contract(contract, start, zone)
    sheet = timesheet_for_week(
        contract=contract, week_start=week_start_of(start.astimezone(zone).date())
    )
    _require_editable(sheet)
    limit = week_limit_minutes(contract)
    if _week_minutes(sheet) >= limit:
        raise ValidationError(WEEK_FULL.format(limit=hours_text(limit)))
    # An entry that ended this very minute touches the timer's start; only a later end overlaps.
    _refuse_overlap(
        freelancer=by, start=start, end=start + dt.timedelta(minutes=1), zone=zone, field="note"
    )
    return TimeEntry.objects.create(
        timesheet=sheet, contract=contract, freelancer=by, started_at=start, note=note
    )


@transaction.atomic
def timer_stop(*, by: User, entry: TimeEntry | None = None) -> TimeEntry | None:
    """Stop the running timer; None when it ran under a minute (nothing is logged).

    The week's limit caps the entry: it ends when the week reaches the contract's hours.
    """
    running = TimeEntry.objects.filter(freelancer=by, ended_at=None)
    if entry is not None:
        running = running.filter(pk=entry.pk)
    entry = running.select_related("contract").first()
    if entry is None:
        raise ValidationError(NO_TIMER)
    # A timer may be stopped after the contract ended: the work was done while it ran.
    contract = contract_lock(contract=entry.contract, by=by, active=False)
    User.objects.select_for_update().filter(pk=by.pk).first()
    entry = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    sheet = Timesheet.objects.select_for_update().get(pk=entry.timesheet_id)
    end = min(_minute(timezone.now()), entry.started_at + MAX_ENTRY)
    room = week_limit_minutes(contract) - _week_minutes(sheet, exclude_pk=entry.pk)
    end = min(end, entry.started_at + dt.timedelta(minutes=max(room, 0)))
    if end <= entry.started_at:
        entry.delete()
        return None
    entry.ended_at = end
    entry.save(update_fields=["ended_at"])
    return entry


@transaction.atomic
def time_entry_delete(*, entry: TimeEntry, by: User) -> None:
    """The freelancer removes an entry of a week that is not submitted or approved."""
    contract = contract_lock(contract=entry.contract, by=by, active=False)
    if contract.party_role(by) != "freelancer":
        raise ValidationError(FREELANCER_ONLY)
    sheet = Timesheet.objects.select_for_update().get(pk=entry.timesheet_id)
    _require_editable(sheet)
    TimeEntry.objects.filter(pk=entry.pk).delete()
