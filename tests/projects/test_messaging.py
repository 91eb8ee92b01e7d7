"""Message threads: the services, unread counts, and who may open a thread."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects.models import Message, Notification, NotificationKind, Thread, ThreadReadState
from projects.selectors.messaging import threads_for_inbox, unread_thread_count
from projects.services.messaging import (
    MESSAGE_EMPTY,
    MESSAGE_MAX_LENGTH,
    SENDER_NOT_IN_THREAD,
    message_notification_event_key,
    message_send,
    thread_get_or_create,
    thread_mark_read,
    thread_open_for_contract,
    thread_open_for_proposal,
)
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    MessageFactory,
    ProjectFactory,
    ProposalFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    return ThreadFactory()


# --- message_send ----------------------------------------------------------------------------
def test_send_stores_the_text_as_typed_and_moves_the_thread_up(thread):
    message = message_send(thread=thread, sender=thread.employer, body="  <b>Hi</b>\nthere  ")

    assert message.body == "<b>Hi</b>\nthere"
    thread.refresh_from_db()
    assert thread.last_message_at == message.created_at


def test_send_notifies_the_other_party_only(thread, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message_send(thread=thread, sender=thread.freelancer, body="Hello")

    notification = Notification.objects.get()
    assert notification.user == thread.employer
    assert notification.kind == NotificationKind.MESSAGE_RECEIVED
    assert notification.url == f"/messages/{thread.pk}/"
    assert "Hello" in notification.body


def test_messages_in_the_same_hour_make_one_notification(thread, mailoutbox, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    for text in ("One", "Two", "Three"):
        message_send(thread=thread, sender=thread.employer, body=text)

    assert Notification.objects.filter(user=thread.freelancer).count() == 1


def test_the_event_key_changes_with_the_hour(thread):
    at = dt.datetime(2025, 5, 1, 9, 59, tzinfo=dt.UTC)
    same_hour = message_notification_event_key(thread_id=thread.pk, at=at)
    next_hour = message_notification_event_key(thread_id=thread.pk, at=at + dt.timedelta(minutes=2))

    assert same_hour == message_notification_event_key(thread_id=thread.pk, at=at.replace(minute=0))
    assert same_hour != next_hour


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_message_is_refused(thread, body):
    with pytest.raises(ValidationError) as error:
        message_send(thread=thread, sender=thread.employer, body=body)

    assert error.value.message_dict == {"body": [MESSAGE_EMPTY]}
    assert not Message.objects.exists()


def test_a_message_over_the_limit_is_refused_with_its_length(thread):
    with pytest.raises(ValidationError) as error:
        message_send(thread=thread, sender=thread.employer, body="x" * (MESSAGE_MAX_LENGTH + 1))

    assert "5,001" in error.value.message_dict["body"][0]
    assert not Message.objects.exists()


def test_a_message_at_the_limit_is_sent(thread):
    message_send(thread=thread, sender=thread.employer, body="x" * MESSAGE_MAX_LENGTH)

    assert Message.objects.count() == 1


def test_someone_outside_the_thread_cannot_send(thread):
    with pytest.raises(ValidationError) as error:
        message_send(thread=thread, sender=FreelancerFactory(), body="Hi")

    assert error.value.message_dict == {"body": [SENDER_NOT_IN_THREAD]}
    assert not Message.objects.exists()
    assert not Notification.objects.exists()


# --- opening threads ---------------------------------------------------------------------------
def test_a_proposal_opens_one_thread_whoever_asks_first():
    proposal = ProposalFactory()

    first = thread_open_for_proposal(proposal=proposal)
    second = thread_open_for_proposal(proposal=proposal)

    assert first == second
    assert first.employer == proposal.project.employer
    assert first.freelancer == proposal.freelancer
    assert first.proposal == proposal


def test_a_contract_reuses_the_proposal_thread_and_links_the_contract():
    proposal = ProposalFactory()
    contract = ContractFactory(
        project=proposal.project, freelancer=proposal.freelancer, proposal=proposal
    )
    thread = thread_open_for_proposal(proposal=proposal)

    again = thread_open_for_contract(contract=contract)

    assert again.pk == thread.pk
    assert again.contract == contract
    assert Thread.objects.count() == 1


def test_a_thread_needs_the_projects_own_employer():
    project = ProjectFactory()

    with pytest.raises(ValidationError):
        thread_get_or_create(
            project=project, employer=EmployerFactory(), freelancer=FreelancerFactory()
        )
    assert not Thread.objects.exists()


# --- reading and unread counts -----------------------------------------------------------------
def test_unread_counts_only_the_other_partys_messages_since_last_read(thread):
    message_send(thread=thread, sender=thread.freelancer, body="Mine")
    message_send(thread=thread, sender=thread.employer, body="One")
    message_send(thread=thread, sender=thread.employer, body="Two")

    row = threads_for_inbox(user=thread.freelancer).get()
    assert row.unread_count == 2
    assert row.last_body == "Two"
    assert threads_for_inbox(user=thread.employer).get().unread_count == 0
    assert unread_thread_count(user=thread.freelancer) == 1

    thread_mark_read(thread=thread, user=thread.freelancer)

    assert threads_for_inbox(user=thread.freelancer).get().unread_count == 0
    assert unread_thread_count(user=thread.freelancer) == 0


def test_a_message_after_reading_is_unread_again(thread):
    ThreadReadState.objects.create(
        thread=thread, user=thread.freelancer, last_read_at=timezone.now() - dt.timedelta(hours=1)
    )
    MessageFactory(thread=thread, sender=thread.employer)

    assert threads_for_inbox(user=thread.freelancer).get().unread_count == 1


def test_hidden_messages_are_not_unread(thread):
    MessageFactory(thread=thread, sender=thread.employer, is_hidden=True)

    assert threads_for_inbox(user=thread.freelancer).get().unread_count == 0
    assert unread_thread_count(user=thread.freelancer) == 0


def test_reading_a_thread_marks_its_message_notifications_read(thread):
    message_send(thread=thread, sender=thread.employer, body="Hi")
    other = ThreadFactory(freelancer=thread.freelancer)
    message_send(thread=other, sender=other.employer, body="Elsewhere")

    thread_mark_read(thread=thread, user=thread.freelancer)

    unread = Notification.objects.filter(user=thread.freelancer, read_at__isnull=True)
    assert [n.url for n in unread] == [f"/messages/{other.pk}/"]


def test_the_inbox_lists_only_the_users_threads(thread):
    ThreadFactory()

    assert list(threads_for_inbox(user=thread.freelancer)) == [thread]
    assert list(threads_for_inbox(user=thread.employer)) == [thread]
    assert list(threads_for_inbox(user=FreelancerFactory())) == []


def test_replying_marks_what_came_before_read(thread):
    message_send(thread=thread, sender=thread.employer, body="Question?")
    message_send(thread=thread, sender=thread.freelancer, body="Answer.")

    assert threads_for_inbox(user=thread.freelancer).get().unread_count == 0
    assert threads_for_inbox(user=thread.employer).get().unread_count == 1
