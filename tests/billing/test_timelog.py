"""The time log refuses what cannot be billed honestly, with a message that says why."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from billing.models import TimeEntry, Timesheet
from billing.services.timelog import time_entry_create, time_entry_delete, timer_start, timer_stop
from billing.services.timesheets import timesheet_submit
from projects.models import Contract
from tests.billing.conftest import at, last_monday, log
from tests.factories import ContractFactory, FreelancerFactory

pytestmark = pytest.mark.django_db


def refused(call, field=None) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    if field is not None:
        return " ".join(error.message_dict[field])
    return " ".join(error.messages)


def test_an_entry_is_logged_in_its_week_with_its_note(hourly):
    monday = last_monday()
    entry = log(hourly, monday + dt.timedelta(days=1), 9, 12, note="Booking API")
    assert entry.minutes == 180
    assert entry.note == "Booking API"
    assert entry.timesheet.week_start == monday
    assert entry.timesheet.state == Timesheet.State.OPEN


def test_an_overlapping_entry_is_refused_naming_the_one_it_overlaps(hourly):
    tuesday = last_monday() + dt.timedelta(days=1)
    time_entry_create(
        contract=hourly, by=hourly.freelancer, started_at=at(tuesday, 9),
        ended_at=at(tuesday, 11, 30),
    )  # fmt: skip
    message = refused(lambda: log(hourly, tuesday, 11, 13), "started_at")
    assert message == f"This entry overlaps 09:00–11:30 on {tuesday:%a} {tuesday.day} {tuesday:%b}."  # noqa: RUF001
    assert TimeEntry.objects.count() == 1


def test_entries_on_two_contracts_may_not_overlap_either(hourly):
    second = ContractFactory(
        freelancer=hourly.freelancer, budget_type="hourly", weekly_hour_limit=40,
        start_date=hourly.start_date,
    )  # fmt: skip
    day = last_monday()
    log(hourly, day, 9, 12)
    assert "overlaps 09:00–12:00" in refused(lambda: log(second, day, 10, 11))  # noqa: RUF001
    log(second, day, 12, 13)  # touching is fine


def test_time_in_the_future_is_refused(hourly):
    now = timezone.now()
    message = refused(
        lambda: time_entry_create(
            contract=hourly, by=hourly.freelancer, started_at=now - dt.timedelta(hours=1),
            ended_at=now + dt.timedelta(hours=1),
        ),
        "ended_at",
    )  # fmt: skip
    assert message == "You can't log time in the future."


def test_the_weekly_limit_is_enforced_with_the_total_it_would_reach(hourly):
    hourly.weekly_hour_limit = 10
    hourly.save()
    monday = last_monday()
    log(hourly, monday, 8, 16)
    message = refused(lambda: log(hourly, monday + dt.timedelta(days=1), 8, 12), "ended_at")
    assert message == "This week would reach 12 h; the contract allows 10 h a week."
    log(hourly, monday + dt.timedelta(days=1), 8, 10)  # exactly the limit is fine


def test_an_end_before_the_start_and_a_day_longer_than_24_hours_are_refused(hourly):
    day = last_monday()
    assert "after the start" in refused(lambda: log(hourly, day, 12, 9))
    assert "at most 24 hours" in refused(
        lambda: time_entry_create(
            contract=hourly, by=hourly.freelancer, started_at=at(day, 0),
            ended_at=at(day, 0) + dt.timedelta(hours=25),
        )
    )  # fmt: skip


def test_a_fixed_price_contract_has_no_time_log(fixed):
    assert "hourly contracts only" in refused(lambda: log(fixed, last_monday(), 9, 10))


def test_an_ended_contract_takes_no_more_time(hourly):
    hourly.status = Contract.Status.COMPLETED
    hourly.save()
    assert "has ended" in refused(lambda: log(hourly, last_monday(), 9, 10))


def test_nobody_else_can_log_time_on_the_contract(hourly):
    day = last_monday()
    for someone in (hourly.employer, FreelancerFactory()):
        with pytest.raises(ValidationError):
            time_entry_create(
                contract=hourly, by=someone, started_at=at(day, 9), ended_at=at(day, 10)
            )
    assert not TimeEntry.objects.exists()


def test_time_before_the_contract_started_is_refused(hourly):
    early = hourly.start_date - dt.timedelta(days=3)
    assert "log time from then on" in refused(lambda: log(hourly, early, 9, 10))


def test_a_submitted_week_takes_no_more_entries_and_keeps_its_own(hourly):
    monday = last_monday()
    entry = log(hourly, monday, 9, 12)
    timesheet_submit(timesheet=entry.timesheet, by=hourly.freelancer)
    assert "is submitted" in refused(lambda: log(hourly, monday + dt.timedelta(days=2), 9, 10))
    assert "is submitted" in refused(lambda: time_entry_delete(entry=entry, by=hourly.freelancer))
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_an_open_entry_can_be_removed(hourly):
    entry = log(hourly, last_monday(), 9, 12)
    time_entry_delete(entry=entry, by=hourly.freelancer)
    assert not TimeEntry.objects.exists()


def test_the_timer_runs_once_and_stops_into_an_entry(hourly, monkeypatch):
    started = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: started)
    entry = timer_start(contract=hourly, by=hourly.freelancer, note="Bug bash")
    assert entry.is_running
    assert "already running" in refused(lambda: timer_start(contract=hourly, by=hourly.freelancer))
    monkeypatch.setattr(timezone, "now", lambda: started + dt.timedelta(minutes=95, seconds=30))
    stopped = timer_stop(by=hourly.freelancer)
    assert stopped.minutes == 95
    assert stopped.note == "Bug bash"
    assert "No timer" in refused(lambda: timer_stop(by=hourly.freelancer))


def test_a_running_timer_blocks_overlapping_manual_entries(hourly, monkeypatch):
    started = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: started)
    timer_start(contract=hourly, by=hourly.freelancer)
    monkeypatch.undo()
    message = refused(
        lambda: time_entry_create(
            contract=hourly, by=hourly.freelancer, started_at=started + dt.timedelta(hours=1),
            ended_at=started + dt.timedelta(hours=2),
        )
    )  # fmt: skip
    assert "running timer" in message


def test_the_timer_stops_at_the_weekly_limit(hourly, monkeypatch):
    hourly.weekly_hour_limit = 1
    hourly.save()
    started = timezone.now().replace(second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: started)
    timer_start(contract=hourly, by=hourly.freelancer)
    monkeypatch.setattr(timezone, "now", lambda: started + dt.timedelta(hours=3))
    assert timer_stop(by=hourly.freelancer).minutes == 60


def test_a_timer_under_a_minute_logs_nothing(hourly, monkeypatch):
    started = timezone.now().replace(second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: started + dt.timedelta(seconds=40))
    timer_start(contract=hourly, by=hourly.freelancer)
    assert timer_stop(by=hourly.freelancer) is None
    assert not TimeEntry.objects.exists()
