"""An hourly contract to log time on, with helpers to log, submit and approve weeks."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.services.timelog import time_entry_create
from billing.services.timesheets import timesheet_approve, timesheet_submit
from projects.models import Milestone
from tests.factories import ContractFactory, MilestoneFactory


def last_monday() -> dt.date:
    """Monday of last week (UTC, the factories' timezone): a whole week in the past."""
    today = timezone.now().date()
    return today - dt.timedelta(days=today.weekday() + 7)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


def log(contract, day: dt.date, start: int, end: int, note: str = "Work"):
    return time_entry_create(
        contract=contract, by=contract.freelancer, started_at=at(day, start), ended_at=at(day, end),
        note=note,
    )  # fmt: skip


def approved_week(contract, day: dt.date | None = None, hours: int = 5):
    day = day or last_monday()
    entry = log(contract, day, 9, 9 + hours)
    sheet = timesheet_submit(timesheet=entry.timesheet, by=contract.freelancer)
    return timesheet_approve(timesheet=sheet, by=contract.employer)


def released_milestone(contract, amount: str = "500.00", title: str = "Design") -> Milestone:
    return MilestoneFactory(
        contract=contract,
        title=title,
        amount=Decimal(amount),
        status=Milestone.Status.RELEASED,
        released_at=timezone.now(),
    )


@pytest.fixture
def hourly(db):
    """An active hourly contract at 50.00 USD an hour, 40 h a week, started a month ago."""
    return ContractFactory(
        budget_type="hourly",
        amount=Decimal("50.00"),
        weekly_hour_limit=40,
        start_date=timezone.now().date() - dt.timedelta(days=30),
    )


@pytest.fixture
def fixed(db):
    return ContractFactory(start_date=timezone.now().date() - dt.timedelta(days=30))
