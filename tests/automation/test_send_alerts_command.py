"""`manage.py send_alerts`: what beat runs, on demand, and nothing twice."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from automation.management.commands import send_alerts
from projects.models import Milestone
from tests.factories import ContractFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

NOON_UTC = dt.datetime(2025, 7, 10, 12, 0, tzinfo=dt.UTC)  # daytime for people on UTC


@pytest.fixture
def at_noon(monkeypatch):
    # The command reads the clock once; the people in these tests are on UTC.
    monkeypatch.setattr(send_alerts.timezone, "now", lambda: NOON_UTC)


def _run(*args) -> str:
    out = io.StringIO()
    call_command("send_alerts", *args, stdout=out)
    return out.getvalue()


def test_a_reminder_goes_once_however_often_the_command_runs(
    at_noon, mailoutbox, django_capture_on_commit_callbacks
):
    MilestoneFactory(
        contract=ContractFactory(),
        status=Milestone.Status.FUNDED,
        due_date=NOON_UTC.date() + dt.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = _run("--only", "reminders")
        again = _run("--only", "reminders")

    assert "Reminders: 2 sent." in first  # both sides of the milestone
    assert "Reminders: 0 sent." in again
    assert len(mailoutbox) == 2


def test_both_parts_run_by_default(at_noon):
    out = _run()
    assert "Saved-search digests: 0 new project(s) sent." in out
    assert "Reminders: 0 sent." in out


def test_an_unknown_part_is_refused_by_name():
    with pytest.raises(CommandError, match="invalid choice: 'everything'"):
        _run("--only", "everything")
