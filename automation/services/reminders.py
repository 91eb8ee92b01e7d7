"""Reminders: milestones due soon or overdue, proposals waiting for an answer, ended contracts
without a review, messages left unanswered for a day.

Each reminder is a notification (in-app, and by e-mail through the notification path, which
follows the person's preference for the "reminder" kind) with an event key naming what it is
about, so the database's one-notification-per-event constraint makes it at most once per event.
Nothing is sent outside the person's local daytime: the hourly run that finds them at night
leaves it, and the first daytime run sends it (the conditions last longer than a night).
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.formats import date_format

from accounts.models import User
from projects.models import (
    Contract,
    Message,
    Milestone,
    Notification,
    NotificationKind,
    Project,
    Proposal,
    Review,
    Thread,
)
from projects.services.notifications import notify

from ..selectors import is_daytime, user_timezone

SOON_DAYS = 2  # "due soon": today, tomorrow or the day after, in the person's own calendar
PROPOSAL_WAIT = dt.timedelta(days=3)
REVIEW_AFTER = dt.timedelta(days=1)  # the day a contract ends is for wrapping up, not nagging
MESSAGE_WAIT = dt.timedelta(days=1)
MESSAGE_LOOKBACK = dt.timedelta(days=7)  # older silence is a finished conversation
KEYS_PER_QUERY = 500
OPEN_MILESTONE = (
    Milestone.Status.UNFUNDED,
    Milestone.Status.FUNDED,
    Milestone.Status.SUBMITTED,
    Milestone.Status.CHANGES_REQUESTED,
)


@dataclass(frozen=True)
class Reminder:
    user: User
    event_key: str
    title: str
    body: str = ""
    url: str = ""


def _zones(*paths: str) -> list[str]:
    """select_related paths that load both profiles of each user, so their zone is free."""
    return [f"{p}__{name}" for p in paths for name in ("freelancer_profile", "employer_profile")]


def _milestone_text(milestone: Milestone, *, role: str, when: str) -> tuple[str, str] | None:
    status, title = milestone.status, f"“{milestone.title}”"
    if role == "employer":
        if status == Milestone.Status.UNFUNDED:
            return f"Fund milestone {title}: {when}", "Work starts once it is funded."
        if status == Milestone.Status.SUBMITTED:
            return f"Review the work on milestone {title}: {when}", "Approve it or ask for changes."
        return f"Milestone {title} {when}", "The freelancer has not submitted the work yet."
    if status == Milestone.Status.SUBMITTED:
        return None  # the freelancer has done their part
    if status == Milestone.Status.UNFUNDED:
        return f"Milestone {title} {when}", "It is not funded yet; you may ask the client to."
    return f"Submit your work on milestone {title}: {when}", ""


def milestone_reminders(*, now: dt.datetime) -> Iterator[Reminder]:
    """Both parties of a live milestone due within SOON_DAYS of their own today, or overdue."""
    horizon = now.date() + dt.timedelta(days=SOON_DAYS + 1)  # + 1: zones ahead of UTC
    milestones = (
        Milestone.objects.filter(
            contract__status=Contract.Status.ACTIVE,
            status__in=OPEN_MILESTONE,
            due_date__lte=horizon,
        )
        .select_related("contract__employer", "contract__freelancer")
        .select_related(*_zones("contract__employer", "contract__freelancer"))
        .order_by("due_date", "pk")
    )
    for milestone in milestones:
        contract = milestone.contract
        url = reverse("projects:contract-detail", args=[contract.pk])
        for role, user in (("freelancer", contract.freelancer), ("employer", contract.employer)):
            today = now.astimezone(user_timezone(user)).date()
            days = (milestone.due_date - today).days
            if days > SOON_DAYS:
                continue
            state = "overdue" if days < 0 else "due"
            when = (
                f"overdue since {date_format(milestone.due_date, 'j F')}"
                if days < 0
                else {0: "due today", 1: "due tomorrow"}.get(
                    days, f"due on {date_format(milestone.due_date, 'j F')}"
                )
            )
            text = _milestone_text(milestone, role=role, when=when)
            if text is None:
                continue
            yield Reminder(
                user=user,
                event_key=f"reminder:milestone_{state}:{milestone.pk}:{milestone.due_date}",
                title=f"{text[0]} ({contract.title})",
                body=text[1],
                url=url,
            )


def proposal_reminders(*, now: dt.datetime) -> Iterator[Reminder]:
    """Employers with proposals left unanswered PROPOSAL_WAIT on an open project, per project."""
    waiting = (
        Proposal.objects.filter(
            status=Proposal.Status.SUBMITTED,
            created_at__lte=now - PROPOSAL_WAIT,
            project__status=Project.Status.OPEN,
        )
        .values("project_id")
        .annotate(count=Count("pk"), newest=Max("pk"))
    )
    by_project = {row["project_id"]: row for row in waiting}
    projects = Project.objects.select_related("employer", *_zones("employer")).in_bulk(by_project)
    for pk, row in sorted(by_project.items()):
        project, count = projects[pk], row["count"]
        yield Reminder(
            user=project.employer,
            # The newest waiting proposal names the event: a later one, once it has waited
            # too, reminds again; the same set never does.
            event_key=f"reminder:proposals_waiting:{pk}:{row['newest']}",
            title=(
                f"{count} proposal{'s' if count != 1 else ''} on “{project.title}” "
                f"{'have' if count != 1 else 'has'} waited {PROPOSAL_WAIT.days} days or more "
                "for your answer"
            ),
            body="Shortlist, hire or decline, so freelancers know where they stand.",
            url=reverse("projects:project-proposals", args=[pk]),
        )


def review_reminders(*, now: dt.datetime) -> Iterator[Reminder]:
    """Each party of an ended contract who has not reviewed the other, while reviews are open."""
    contracts = (
        Contract.objects.filter(
            status__in=(Contract.Status.COMPLETED, Contract.Status.CANCELLED),
            ended_at__lte=now - REVIEW_AFTER,
            ended_at__gt=now - dt.timedelta(days=Review.BLIND_DAYS),
        )
        .select_related("employer", "freelancer", *_zones("employer", "freelancer"))
        .prefetch_related("reviews")
        .order_by("pk")
    )
    for contract in contracts:
        authors = {review.author_id for review in contract.reviews.all()}
        for user, other in ((contract.employer, "freelancer"), (contract.freelancer, "client")):
            if user.pk in authors:
                continue
            yield Reminder(
                user=user,
                event_key=f"reminder:review_missing:{contract.pk}",
                title=f"Review your {other} on “{contract.title}”",
                body=(
                    "Reviews are double-blind: neither shows until both are written or the "
                    f"{Review.BLIND_DAYS}-day window closes."
                ),
                url=reverse("projects:review-create", args=[contract.pk]),
            )


def message_reminders(*, now: dt.datetime) -> Iterator[Reminder]:
    """The party who has not answered a thread's last message for MESSAGE_WAIT."""
    last = Message.objects.filter(thread=OuterRef("pk"), is_hidden=False).order_by(
        "-created_at", "-id"
    )
    threads = (
        Thread.objects.filter(
            last_message_at__gt=now - MESSAGE_LOOKBACK,
            last_message_at__lte=now - MESSAGE_WAIT,
        )
        .annotate(
            last_id=Subquery(last.values("pk")[:1]),
            last_sender=Subquery(last.values("sender_id")[:1]),
            last_at=Subquery(last.values("created_at")[:1]),
        )
        .filter(~Q(last_id=None))
        .select_related("employer", "freelancer", *_zones("employer", "freelancer"))
        .order_by("pk")
    )
    for thread in threads:
        if thread.last_at > now - MESSAGE_WAIT:
            continue
        if thread.last_sender == thread.employer_id:
            user, sender = thread.freelancer, thread.employer
        elif thread.last_sender == thread.freelancer_id:
            user, sender = thread.employer, thread.freelancer
        else:
            continue
        yield Reminder(
            user=user,
            event_key=f"reminder:message_unanswered:{thread.last_id}",
            title=f"{sender.get_full_name() or 'The other party'} is waiting for your reply",
            body="A message has been unanswered for a day.",
            url=reverse("projects:thread-detail", args=[thread.pk]),
        )


def reminders_due(*, now: dt.datetime) -> list[Reminder]:
    """Every reminder the conditions call for now, whoever's night it is."""
    return [
        *milestone_reminders(now=now),
        *proposal_reminders(now=now),
        *review_reminders(now=now),
        *message_reminders(now=now),
    ]


def _already_sent(reminders: list[Reminder]) -> set[tuple[int, str]]:
    keys = sorted({r.event_key for r in reminders})
    sent: set[tuple[int, str]] = set()
    for start in range(0, len(keys), KEYS_PER_QUERY):
        sent.update(
            Notification.objects.filter(
                event_key__in=keys[start : start + KEYS_PER_QUERY]
            ).values_list("user_id", "event_key")
        )
    return sent


def reminder_send(*, reminder: Reminder) -> bool:
    """One reminder as a notification (e-mailed if the person wants reminders by e-mail)."""
    return (
        notify(
            user=reminder.user,
            kind=NotificationKind.REMINDER,
            title=reminder.title,
            body=reminder.body,
            url=reminder.url,
            event_key=reminder.event_key,
        )
        is not None
    )


def reminders_send(*, now: dt.datetime) -> int:
    """Send the reminders due now to those in their daytime; returns how many were sent.

    Each is committed on its own: a crash mid-run keeps those sent, and the rerun skips them.
    """
    reminders = reminders_due(now=now)
    done = _already_sent(reminders)
    sent = 0
    for reminder in reminders:
        if (reminder.user.pk, reminder.event_key) in done or not reminder.user.is_active:
            continue
        if not is_daytime(user=reminder.user, now=now):
            continue
        sent += reminder_send(reminder=reminder)
        done.add((reminder.user.pk, reminder.event_key))
    return sent
