"""Message threads between an employer and a freelancer: opening them, sending, reading."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import (
    Contract,
    Message,
    Notification,
    NotificationKind,
    Project,
    Proposal,
    Thread,
    ThreadReadState,
)
from projects.services.notifications import notify

MESSAGE_MAX_LENGTH = 5000
MESSAGE_EMPTY = "Write a message before sending it."
MESSAGE_TOO_LONG = "A message can be at most {limit:,} characters; this one has {length:,}."
SENDER_NOT_IN_THREAD = "Only the two people in this conversation can write in it."


def thread_key_prefix(thread_id: int) -> str:
    """The start of the event keys of a thread's message notifications."""
    return f"thread:{thread_id}:unread:"


def message_notification_event_key(*, thread_id: int, at) -> str:
    # One notification (hence at most one e-mail) per thread and hour: a lively conversation
    # does not flood the other person's inbox, and the next hour's first message notifies again.
    return f"{thread_key_prefix(thread_id)}{at:%Y%m%d%H}"


def thread_get_or_create(
    *,
    project: Project,
    employer: User,
    freelancer: User,
    proposal: Proposal | None = None,
    contract: Contract | None = None,
) -> Thread:
    """The one thread of a project and freelancer, created on first use; links what it is about."""
    if employer.pk == freelancer.pk or project.employer_id != employer.pk:
        raise ValidationError("A conversation is between the project's employer and a freelancer.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                thread, _created = Thread.objects.get_or_create(
                    project=project, freelancer=freelancer, defaults={"employer": employer}
                )
        except IntegrityError:
            # Both parties opened it at the same moment: the other request created it.
            thread = Thread.objects.get(project=project, freelancer=freelancer)
        changed = []
        if proposal is not None and thread.proposal_id is None:
            thread.proposal = proposal
            changed.append("proposal")
        if contract is not None and thread.contract_id != contract.pk:
            thread.contract = contract
            changed.append("contract")
        if changed:
            thread.save(update_fields=changed)
    return thread


def thread_open_for_proposal(*, proposal: Proposal) -> Thread:
    """The thread about a proposal, between its freelancer and the project's employer."""
    return thread_get_or_create(
        project=proposal.project,
        employer=proposal.project.employer,
        freelancer=proposal.freelancer,
        proposal=proposal,
    )


def thread_open_for_contract(*, contract: Contract) -> Thread:
    """The thread about a contract, between its two parties."""
    return thread_get_or_create(
        project=contract.project,
        employer=contract.employer,
        freelancer=contract.freelancer,
        proposal=contract.proposal,
        contract=contract,
    )


def message_send(*, thread: Thread, sender: User, body: str) -> Message:
    """Add a message to a thread, mark it read for its sender, and notify the other party."""
    if not thread.has_participant(sender):
        raise ValidationError({"body": SENDER_NOT_IN_THREAD})
    body = body.strip()
    if not body:
        raise ValidationError({"body": MESSAGE_EMPTY})
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"body": MESSAGE_TOO_LONG.format(limit=MESSAGE_MAX_LENGTH, length=len(body))}
        )
    with transaction.atomic():
        message = Message.objects.create(thread=thread, sender=sender, body=body)
        Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
        thread.last_message_at = message.created_at
        _read_state_advance(thread=thread, user=sender, at=message.created_at)
        recipient_id = (
            thread.freelancer_id if sender.pk == thread.employer_id else thread.employer_id
        )
        recipient = thread.freelancer if recipient_id == thread.freelancer_id else thread.employer
        notify(
            user=recipient,
            kind=NotificationKind.MESSAGE_RECEIVED,
            title=f"New message from {sender.display_name} about “{thread.project.title}”",
            body=_excerpt(body),
            url=reverse("projects:thread-detail", args=[thread.pk]),
            event_key=message_notification_event_key(thread_id=thread.pk, at=message.created_at),
        )
    return message


def thread_mark_read(*, thread: Thread, user: User) -> None:
    """Mark everything in the thread read for a participant, and its message notifications."""
    if not thread.has_participant(user):
        raise ValidationError(SENDER_NOT_IN_THREAD)
    now = timezone.now()
    with transaction.atomic():
        _read_state_advance(thread=thread, user=user, at=now)
        Notification.objects.filter(
            user=user,
            kind=NotificationKind.MESSAGE_RECEIVED,
            event_key__startswith=thread_key_prefix(thread.pk),
            read_at__isnull=True,
        ).update(read_at=now)


def _read_state_advance(*, thread: Thread, user: User, at) -> None:
    updated = ThreadReadState.objects.filter(thread=thread, user=user, last_read_at__lt=at).update(
        last_read_at=at
    )
    if updated:
        return
    try:
        with transaction.atomic():
            ThreadReadState.objects.get_or_create(
                thread=thread, user=user, defaults={"last_read_at": at}
            )
    except IntegrityError:
        # A concurrent request (another tab) created it first; it is at least as recent.
        pass


def _excerpt(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1]}…"
