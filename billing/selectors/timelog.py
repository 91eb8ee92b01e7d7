"""Reads of the time log: a contract's week, its timesheets, and permission-aware gets."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from projects.models import Contract

from ..models import TimeEntry, Timesheet
from ..weeks import local_zone, week_limit_minutes, week_start_of


@dataclass
class Day:
    date: dt.date
    entries: list[TimeEntry] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(entry.minutes for entry in self.entries)


@dataclass
class Week:
    contract: Contract
    start: dt.date
    days: list[Day]
    timesheet: Timesheet | None
    limit_minutes: int
    running: TimeEntry | None  # the freelancer's running timer, on any contract

    @property
    def minutes(self) -> int:
        return sum(day.minutes for day in self.days)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def previous(self) -> dt.date:
        return self.start - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.start + dt.timedelta(days=7)

    @property
    def editable(self) -> bool:
        return self.timesheet is None or self.timesheet.is_editable

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.minutes / self.limit_minutes)) if self.limit_minutes else 0


def time_log_week(*, contract: Contract, week_start: dt.date | None = None) -> Week:
    """The contract's entries of one week, day by day, in the freelancer's timezone."""
    zone = local_zone(contract.freelancer)
    start = week_start_of(week_start or timezone.now().astimezone(zone).date())
    sheet = Timesheet.objects.filter(contract=contract, week_start=start).first()
    days = [Day(date=start + dt.timedelta(days=n)) for n in range(7)]
    entries = TimeEntry.objects.filter(timesheet=sheet) if sheet else TimeEntry.objects.none()
    for entry in entries.order_by("started_at", "pk"):
        index = (entry.started_at.astimezone(zone).date() - start).days
        days[min(max(index, 0), 6)].entries.append(entry)
    running = (
        TimeEntry.objects.filter(freelancer=contract.freelancer, ended_at=None)
        .select_related("contract")
        .first()
    )
    return Week(
        contract=contract,
        start=start,
        days=days,
        timesheet=sheet,
        limit_minutes=week_limit_minutes(contract),
        running=running,
    )


def timesheets_for_contract(*, contract: Contract) -> QuerySet[Timesheet]:
    """Weeks with time on them, newest first (empty open weeks are left out)."""
    return (
        Timesheet.objects.filter(contract=contract)
        .exclude(state=Timesheet.State.OPEN, entries__isnull=True)
        .distinct()
        .order_by("-week_start")
    )


def timesheets_for_user(*, user: User, contract_id: int | None = None) -> QuerySet[Timesheet]:
    """Timesheets of the user's contracts on either side, newest first."""
    sheets = Timesheet.objects.filter(
        Q(contract__freelancer=user) | Q(contract__employer=user)
    ).select_related("contract")
    if contract_id is not None:
        sheets = sheets.filter(contract_id=contract_id)
    return sheets.exclude(state=Timesheet.State.OPEN, entries__isnull=True).distinct()


def timesheet_get_for_user(*, user: User, pk: int) -> Timesheet:
    """A timesheet for one of the contract's parties; anybody else gets 404."""
    sheet = Timesheet.objects.select_related("contract").filter(pk=pk).first()
    if sheet is None or not user.is_authenticated or sheet.contract.party_role(user) is None:
        raise Http404("No such timesheet.")
    return sheet


def time_entry_get_for_user(*, user: User, pk: int) -> TimeEntry:
    """One of the freelancer's own entries; anybody else gets 404."""
    entry = (
        TimeEntry.objects.select_related("contract", "timesheet")
        .filter(pk=pk, freelancer_id=user.pk)
        .first()
    )
    if entry is None:
        raise Http404("No such time entry.")
    return entry


def time_entries_for_user(
    *, user: User, contract_id: int | None = None, week_start: dt.date | None = None
) -> QuerySet[TimeEntry]:
    """Entries on the user's contracts (the freelancer's own, or those logged for an employer)."""
    entries = TimeEntry.objects.filter(
        Q(freelancer=user) | Q(contract__employer=user)
    ).select_related("timesheet")
    if contract_id is not None:
        entries = entries.filter(contract_id=contract_id)
    if week_start is not None:
        entries = entries.filter(timesheet__week_start=week_start)
    return entries.order_by("-started_at", "-pk")
