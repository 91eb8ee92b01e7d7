"""Weekly timesheets: submission, approval into the ledger (once), dispute and correction."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from billing.models import Timesheet
from billing.services.timelog import time_entry_delete
from billing.services.timesheets import timesheet_approve, timesheet_dispute, timesheet_submit
from projects.models import LedgerEntry, Notification, NotificationKind
from tests.billing.conftest import last_monday, log
from tests.factories import ContractFactory, EmployerFactory
from tests.races import race, run_together

pytestmark = pytest.mark.django_db


def submitted(contract, minutes_end=12):
    entry = log(contract, last_monday(), 9, minutes_end)
    log(contract, last_monday() + dt.timedelta(days=1), 9, 10)
    return timesheet_submit(timesheet=entry.timesheet, by=contract.freelancer)


def test_submission_freezes_hours_and_amount_and_tells_the_employer(hourly):
    sheet = submitted(hourly)
    assert sheet.state == Timesheet.State.SUBMITTED
    assert sheet.minutes == 240
    assert sheet.amount == Decimal("200.00")  # 4 h at 50.00
    assert sheet.fee == Decimal("20.00")  # the platform's 10 %
    assert Notification.objects.filter(
        user=hourly.employer, kind=NotificationKind.TIMESHEET_SUBMITTED
    ).exists()


def test_approval_writes_fund_release_and_fee_once(hourly):
    sheet = submitted(hourly)
    timesheet_approve(timesheet=sheet, by=hourly.employer)
    timesheet_approve(timesheet=sheet, by=hourly.employer)  # a second click pays nothing more
    entries = LedgerEntry.objects.filter(contract=hourly).order_by("kind")
    assert [(e.kind, e.amount, e.milestone_id) for e in entries] == [
        ("fee", Decimal("20.00"), None),
        ("fund", Decimal("200.00"), None),
        ("release", Decimal("180.00"), None),
    ]
    assert {e.provider_reference for e in entries} == {f"timesheet:{sheet.pk}"}
    sheet.refresh_from_db()
    assert sheet.state == Timesheet.State.APPROVED
    assert Notification.objects.filter(
        user=hourly.freelancer, kind=NotificationKind.TIMESHEET_REVIEWED
    ).exists()


def test_only_the_employer_reviews_and_only_the_freelancer_submits(hourly):
    entry = log(hourly, last_monday(), 9, 12)
    with pytest.raises(ValidationError, match="Only the freelancer"):
        timesheet_submit(timesheet=entry.timesheet, by=hourly.employer)
    sheet = timesheet_submit(timesheet=entry.timesheet, by=hourly.freelancer)
    for who in (hourly.freelancer, EmployerFactory()):
        with pytest.raises(ValidationError):
            timesheet_approve(timesheet=sheet, by=who)
    assert not LedgerEntry.objects.exists()


def test_an_open_week_cannot_be_approved_and_an_empty_one_not_submitted(hourly):
    entry = log(hourly, last_monday(), 9, 12)
    with pytest.raises(ValidationError, match="not been submitted"):
        timesheet_approve(timesheet=entry.timesheet, by=hourly.employer)
    entry.delete()
    with pytest.raises(ValidationError, match="no time logged"):
        timesheet_submit(timesheet=entry.timesheet, by=hourly.freelancer)


def test_a_disputed_week_is_corrected_and_submitted_again(hourly):
    sheet = submitted(hourly)
    with pytest.raises(ValidationError) as caught:
        timesheet_dispute(timesheet=sheet, by=hourly.employer, reason=" ")
    assert "reason" in caught.value.message_dict
    sheet = timesheet_dispute(timesheet=sheet, by=hourly.employer, reason="Tuesday was a holiday")
    assert sheet.state == Timesheet.State.DISPUTED
    tuesday_entry = sheet.entries.order_by("started_at").last()
    time_entry_delete(entry=tuesday_entry, by=hourly.freelancer)
    sheet = timesheet_submit(timesheet=sheet, by=hourly.freelancer)
    assert sheet.minutes == 180
    sheet = timesheet_approve(timesheet=sheet, by=hourly.employer)
    assert sheet.amount == Decimal("150.00")


def test_a_week_worked_before_the_contract_ended_is_still_paid(hourly):
    sheet = submitted(hourly)
    hourly.status = "completed"
    hourly.save()
    assert timesheet_approve(timesheet=sheet, by=hourly.employer).state == "approved"


@race(4)
def test_two_approvals_racing_pay_once(round_):
    contract = ContractFactory(
        budget_type="hourly", amount=Decimal("50.00"), weekly_hour_limit=40,
        start_date=last_monday() - dt.timedelta(days=7),
    )  # fmt: skip
    sheet = submitted(contract)
    outcomes = run_together(
        lambda: timesheet_approve(timesheet=sheet, by=contract.employer),
        lambda: timesheet_approve(timesheet=sheet, by=contract.employer),
    )
    assert all(isinstance(o, Timesheet) for o in outcomes), outcomes
    assert LedgerEntry.objects.filter(contract=contract).count() == 3
