"""Reads about message threads, permission-aware: someone else's thread answers 404."""

from datetime import UTC, datetime

from django.db.models import (
    Count,
    DateTimeField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from projects.models import Contract, Message, Proposal, Thread, ThreadReadState

# Before any message: a thread never read has everything from the other party unread.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def _threads_of(user: User) -> QuerySet[Thread]:
    return Thread.objects.filter(Q(employer=user) | Q(freelancer=user))


def thread_get_for_user(*, user: User, pk: int) -> Thread:
    """A thread the user takes part in, with its project and parties; 404 for anyone else."""
    return get_object_or_404(
        _threads_of(user).select_related("project", "employer", "freelancer", "contract"), pk=pk
    )


def _last_read(user: User, thread_ref) -> Coalesce:
    read_at = ThreadReadState.objects.filter(thread=thread_ref, user=user).values("last_read_at")
    return Coalesce(Subquery(read_at[:1]), Value(NEVER), output_field=DateTimeField())


def threads_for_inbox(*, user: User) -> QuerySet[Thread]:
    """The user's threads, latest activity first, with the last message and the unread count.

    One query whatever the number of threads: the preview and the count are subqueries.
    """
    latest = Message.objects.filter(thread=OuterRef("pk")).order_by("-created_at", "-id")
    unread = (
        Message.objects.filter(
            thread=OuterRef("pk"),
            is_hidden=False,
            created_at__gt=_last_read(user, OuterRef(OuterRef("pk"))),
        )
        .exclude(sender=user)
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _threads_of(user)
        .select_related("project", "employer", "freelancer")
        .annotate(
            last_body=Subquery(latest.values("body")[:1]),
            last_is_hidden=Subquery(latest.values("is_hidden")[:1]),
            last_sender_id=Subquery(latest.values("sender_id")[:1]),
            unread_count=Coalesce(Subquery(unread), Value(0), output_field=IntegerField()),
        )
        .order_by("-last_message_at", "-created_at", "-pk")
    )


def thread_summary_get_for_user(*, user: User, pk: int) -> Thread:
    """One of the user's threads as the inbox shows it (last message, unread count); else 404."""
    return get_object_or_404(threads_for_inbox(user=user), pk=pk)


def unread_thread_count(*, user: User) -> int:
    """How many of the user's threads have a message from the other party they have not read."""
    return (
        Message.objects.filter(Q(thread__employer=user) | Q(thread__freelancer=user))
        .filter(is_hidden=False, created_at__gt=_last_read(user, OuterRef("thread")))
        .exclude(sender=user)
        .values("thread")
        .distinct()
        .count()
    )


def thread_messages(*, thread: Thread, after_id: int | None = None) -> QuerySet[Message]:
    """A thread's messages, oldest first; only those newer than `after_id` when given."""
    messages = thread.messages.select_related("sender").order_by("created_at", "id")
    if after_id is not None:
        messages = messages.filter(pk__gt=after_id)
    return messages


def thread_last_read_at(*, thread: Thread, user: User) -> datetime:
    """When the user last read the thread (before now), to mark what is new to them."""
    value = (
        ThreadReadState.objects.filter(thread=thread, user=user)
        .values_list("last_read_at", flat=True)
        .first()
    )
    return value or NEVER


def proposal_get_for_party(*, user: User, pk: int) -> Proposal:
    """A proposal the user made or received on their project; 404 for anyone else."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("project__employer", "freelancer"), pk=pk
    )
    if user.pk not in (proposal.freelancer_id, proposal.project.employer_id):
        raise Http404("No such proposal.")
    return proposal


def contract_get_for_party(*, user: User, pk: int) -> Contract:
    """A contract the user is a party to; 404 for anyone else."""
    return get_object_or_404(
        Contract.objects.select_related("project", "proposal", "employer", "freelancer").filter(
            Q(employer=user) | Q(freelancer=user)
        ),
        pk=pk,
    )
