"""Reminders: due and overdue milestones (both sides), proposals waiting for an answer, ended
contracts without a review, unanswered messages; once per event, in the person's daytime."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from automation import tasks
from automation.services import reminders
from automation.services.reminders import reminders_send
from projects.models import (
    Contract,
    Message,
    Milestone,
    Notification,
    NotificationPreference,
    Proposal,
    Thread,
)
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    MessageFactory,
    MilestoneFactory,
    ProjectFactory,
    ProposalFactory,
    ReviewFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

NOON_UTC = dt.datetime(2025, 7, 10, 12, 0, tzinfo=dt.UTC)  # daytime for UTC people


def _titles(user) -> list[str]:
    return sorted(
        Notification.objects.filter(user=user, kind="reminder").values_list("title", flat=True)
    )


def _contract(n: int = 0, **fields):
    return ContractFactory(
        freelancer=FreelancerFactory(email=f"free{n or ''}@example.com"),
        project=ProjectFactory(
            employer=EmployerFactory(email=f"boss{n or ''}@example.com"), status="in_progress"
        ),
        **fields,
    )


def test_a_milestone_due_tomorrow_reminds_both_sides_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    contract = _contract()
    MilestoneFactory(
        contract=contract, title="Booking API", status=Milestone.Status.FUNDED,
        due_date=NOON_UTC.date() + dt.timedelta(days=1),
    )  # fmt: skip
    MilestoneFactory(contract=contract, due_date=NOON_UTC.date() + dt.timedelta(days=9))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=NOON_UTC) == 2
        assert reminders_send(now=NOON_UTC + dt.timedelta(hours=1)) == 0
    assert _titles(contract.freelancer) == [
        f"Submit your work on milestone “Booking API”: due tomorrow ({contract.title})"
    ]
    assert _titles(contract.employer) == [
        f"Milestone “Booking API” due tomorrow ({contract.title})"
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["boss@example.com", "free@example.com"]
    assert all("/notifications/unsubscribe/" in m.body for m in mailoutbox)


def test_an_overdue_milestone_reminds_again_once_it_is_late():
    contract = _contract()
    milestone = MilestoneFactory(
        contract=contract, title="Design", status=Milestone.Status.UNFUNDED,
        due_date=NOON_UTC.date() + dt.timedelta(days=2),
    )  # fmt: skip
    assert reminders_send(now=NOON_UTC) == 2  # due soon: fund it / not funded yet
    assert reminders_send(now=NOON_UTC + dt.timedelta(days=3)) == 2  # overdue, once more each
    assert reminders_send(now=NOON_UTC + dt.timedelta(days=4)) == 0
    assert any("Fund milestone “Design”: overdue" in t for t in _titles(contract.employer))
    milestone.status = Milestone.Status.RELEASED
    milestone.save()
    assert reminders_send(now=NOON_UTC + dt.timedelta(days=5)) == 0


def test_proposals_waiting_three_days_remind_the_employer_per_project():
    project = ProjectFactory(title="Clinic booking")
    old = [ProposalFactory(project=project) for _ in range(2)]
    Proposal.objects.filter(pk__in=[p.pk for p in old]).update(
        created_at=NOON_UTC - dt.timedelta(days=4)
    )
    ProposalFactory(project=project)  # created now (2026): not waiting at NOON_UTC's check
    Proposal.objects.filter(project=project).exclude(pk__in=[p.pk for p in old]).update(
        created_at=NOON_UTC - dt.timedelta(days=1)
    )
    assert reminders_send(now=NOON_UTC) == 1
    assert _titles(project.employer) == [
        "2 proposals on “Clinic booking” have waited 3 days or more for your answer"
    ]
    assert reminders_send(now=NOON_UTC + dt.timedelta(hours=1)) == 0
    # Two days on, the third one has waited too: one more reminder, naming all three.
    assert reminders_send(now=NOON_UTC + dt.timedelta(days=2)) == 1


def test_an_ended_contract_reminds_whoever_has_not_reviewed():
    contract = _contract(status=Contract.Status.COMPLETED, ended_at=NOON_UTC - dt.timedelta(days=2))
    ReviewFactory(contract=contract)  # the employer reviewed
    assert reminders_send(now=NOON_UTC) == 1
    assert _titles(contract.freelancer) == [f"Review your client on “{contract.title}”"]
    assert _titles(contract.employer) == []
    # Once the review window has closed, nobody is reminded any more.
    late = _contract(2, status=Contract.Status.COMPLETED, ended_at=NOON_UTC - dt.timedelta(days=20))
    assert reminders_send(now=NOON_UTC) == 0
    assert _titles(late.freelancer) == []


def test_a_message_unanswered_for_a_day_reminds_whoever_has_to_answer():
    asked = ThreadFactory()
    MessageFactory(thread=asked, sender=asked.employer)
    replied = ThreadFactory()
    first = MessageFactory(thread=replied, sender=replied.employer)
    MessageFactory(thread=replied, sender=replied.freelancer)
    # Messages are stamped when created; these were written around noon.
    Message.objects.update(created_at=NOON_UTC)
    Message.objects.filter(pk=first.pk).update(created_at=NOON_UTC - dt.timedelta(hours=1))
    Thread.objects.update(last_message_at=NOON_UTC)
    assert reminders_send(now=NOON_UTC + dt.timedelta(hours=20)) == 0  # not a day yet
    assert reminders_send(now=NOON_UTC + dt.timedelta(hours=25)) == 2
    assert reminders_send(now=NOON_UTC + dt.timedelta(hours=26)) == 0
    # The freelancer who was asked; the employer whose question was answered and who now owes
    # the reply. Never the one who wrote last.
    assert "waiting for your reply" in _titles(asked.freelancer)[0]
    assert len(_titles(replied.employer)) == 1
    assert _titles(asked.employer) == _titles(replied.freelancer) == []


def _lives_in(user, zone: str):
    profile = getattr(user, "freelancer_profile", None) or user.employer_profile
    profile.timezone = ZoneInfo(zone)
    profile.save(update_fields=["timezone"])


def test_reminders_wait_for_the_persons_daytime():
    """16:00 UTC: 09:00 in Los Angeles, 01:00 in Tokyo. Only the one awake gets it now."""
    contract = _contract()
    _lives_in(contract.freelancer, "Asia/Tokyo")
    _lives_in(contract.employer, "America/Los_Angeles")
    moment = dt.datetime(2025, 7, 10, 16, 11, tzinfo=dt.UTC)
    MilestoneFactory(
        contract=contract, status=Milestone.Status.FUNDED,
        due_date=dt.date(2025, 7, 12),
    )  # fmt: skip
    assert reminders_send(now=moment) == 1
    assert len(_titles(contract.employer)) == 1
    assert _titles(contract.freelancer) == []
    # Hourly runs through Tokyo's night send nothing; its 08:11 run (23:11 UTC) does.
    for hour in range(17, 23):
        assert reminders_send(now=moment.replace(hour=hour)) == 0
    assert reminders_send(now=moment.replace(hour=23)) == 1
    assert len(_titles(contract.freelancer)) == 1


def test_a_crash_mid_run_then_the_retry_sends_each_reminder_and_email_once(
    mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    contracts = [_contract(n) for n in (1, 2)]
    for contract in contracts:
        MilestoneFactory(
            contract=contract, status=Milestone.Status.FUNDED,
            due_date=NOON_UTC.date() + dt.timedelta(days=1),
        )  # fmt: skip
    real = reminders.reminder_send
    calls = []

    def crash_on_third(*, reminder):
        calls.append(reminder)
        if len(calls) == 3:
            raise RuntimeError("worker lost")
        return real(reminder=reminder)

    monkeypatch.setattr(reminders, "reminder_send", crash_on_third)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        reminders_send(now=NOON_UTC)
    assert Notification.objects.filter(kind="reminder").count() == 2
    monkeypatch.setattr(reminders, "reminder_send", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=NOON_UTC) == 2
        assert reminders_send(now=NOON_UTC) == 0
    assert Notification.objects.filter(kind="reminder").count() == 4
    assert len(mailoutbox) == 4
    assert len({(m.to[0], m.subject) for m in mailoutbox}) == 4


def test_the_beat_task_runs_twice_and_respects_the_email_preference(
    mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    contract = _contract()
    MilestoneFactory(
        contract=contract, status=Milestone.Status.FUNDED,
        due_date=NOON_UTC.date() + dt.timedelta(days=1),
    )  # fmt: skip
    NotificationPreference.objects.create(user=contract.employer, kind="reminder", email=False)
    monkeypatch.setattr(timezone, "now", lambda: NOON_UTC)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.reminders_send.delay().get() == 2
        assert tasks.reminders_send.delay().get() == 0
    assert [m.to for m in mailoutbox] == [["free@example.com"]]  # the employer: in-app only
    assert len(_titles(contract.employer)) == 1
