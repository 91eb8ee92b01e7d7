"""/api/v1/threads/...: the inbox, a conversation's messages, sending, reading, opening one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Message, Notification, NotificationKind, Thread
from projects.services.messaging import MESSAGE_EMPTY, MESSAGE_MAX_LENGTH
from tests.api.matrix import Row, codes, matrix_check, matrix_params, world_build
from tests.factories import (
    EmployerFactory,
    FreelancerFactory,
    MessageFactory,
    ProjectFactory,
    ThreadFactory,
)

SIGNED_IN = codes(200, anonymous=401)
PARTIES = codes(404, anonymous=401, employer=200, freelancer=200)
ROWS = [
    Row("api:thread-list", "get", expect=SIGNED_IN),
    Row("api:thread-detail", "get", {"pk": "thread"}, expect=PARTIES),
    Row("api:thread-messages", "get", {"pk": "thread"}, expect=PARTIES),
    Row(
        "api:thread-messages",
        "post",
        {"pk": "thread"},
        body={"body": "Could we move the call to Tuesday?"},
        expect=codes(404, anonymous=401, employer=201, freelancer=201),
    ),
    Row("api:thread-read", "post", {"pk": "thread"}, expect=PARTIES),
    Row("api:proposal-thread", "post", {"pk": "proposal"}, expect=PARTIES),
    Row("api:contract-thread", "post", {"pk": "contract"}, expect=PARTIES),
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


def messages_url(thread) -> str:
    return reverse("api:thread-messages", args=[thread.pk])


def inbox_row(client, thread) -> dict:
    (row,) = client.get(reverse("api:thread-list")).json()["results"]
    assert row["id"] == thread.pk
    return row


def test_a_sent_message_is_unread_for_the_other_party_until_they_mark_it_read(client_for):
    world = world_build()
    freelancer, employer = client_for(world.freelancer), client_for(world.employer)

    sent = freelancer.post(messages_url(world.thread), {"body": "  Can we talk on Monday?  "})

    assert sent.status_code == 201
    assert sent.json()["body"] == "Can we talk on Monday?"
    assert sent.json()["from_me"] is True
    row = inbox_row(employer, world.thread)
    assert (row["has_unread"], row["unread_count"]) == (True, 1)
    assert row["last_message"] == {
        "excerpt": "Can we talk on Monday?",
        "is_hidden": False,
        "from_me": False,
    }
    assert row["other_party"]["id"] == world.freelancer.pk
    assert row["project"]["title"] == world.contract.project.title
    listed = employer.get(messages_url(world.thread)).json()["results"]
    assert listed[-1]["body"] == "Can we talk on Monday?"
    assert (listed[-1]["from_me"], listed[-1]["is_unread"]) == (False, True)
    assert listed[0]["from_me"] is True  # the employer's own first message, oldest first
    # The employer is notified as on the web, and sees it among their notifications.
    notification = Notification.objects.get(
        user=world.employer, kind=NotificationKind.MESSAGE_RECEIVED
    )
    kinds = [n["kind"] for n in employer.get(reverse("api:notification-list")).json()["results"]]
    assert "message_received" in kinds
    # Reading the messages does not mark them read; POST .../read/ does.
    assert inbox_row(employer, world.thread)["unread_count"] == 1

    marked = employer.post(reverse("api:thread-read", args=[world.thread.pk]))

    assert marked.status_code == 200
    assert (marked.json()["has_unread"], marked.json()["unread_count"]) == (False, 0)
    assert inbox_row(employer, world.thread)["has_unread"] is False
    assert employer.get(messages_url(world.thread)).json()["results"][-1]["is_unread"] is False
    notification.refresh_from_db()
    assert notification.read_at is not None  # the message's notification is read too
    # The sender never had it unread.
    assert inbox_row(freelancer, world.thread)["unread_count"] == 0


def test_polling_with_after_returns_only_newer_messages(client_for):
    world = world_build()
    employer = client_for(world.employer)
    first = employer.get(messages_url(world.thread)).json()["results"]
    last_id = first[-1]["id"]
    client_for(world.freelancer).post(messages_url(world.thread), {"body": "One"})
    client_for(world.freelancer).post(messages_url(world.thread), {"body": "Two"})

    newer = employer.get(messages_url(world.thread), {"after": last_id}).json()

    assert [m["body"] for m in newer["results"]] == ["One", "Two"]
    latest = newer["results"][-1]["id"]
    assert employer.get(messages_url(world.thread), {"after": latest}).json()["results"] == []


def test_a_hidden_message_shows_that_it_was_removed_and_never_its_body(client_for):
    world = world_build()
    MessageFactory(
        thread=world.thread, sender=world.employer, body="Pay me on the side", is_hidden=True
    )
    freelancer = client_for(world.freelancer)

    inbox = freelancer.get(reverse("api:thread-list"))
    detail = freelancer.get(reverse("api:thread-detail", args=[world.thread.pk]))
    listed = freelancer.get(messages_url(world.thread))

    for response in (inbox, detail, listed):
        assert response.status_code == 200
        assert "Pay me on the side" not in response.content.decode()
    assert detail.json()["last_message"] == {"excerpt": None, "is_hidden": True, "from_me": False}
    hidden = listed.json()["results"][-1]
    assert (hidden["is_hidden"], hidden["body"], hidden["is_unread"]) == (True, None, False)
    assert listed.json()["results"][0]["body"]  # the visible message keeps its text


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"body": ""}, MESSAGE_EMPTY),
        ({"body": "   \n "}, MESSAGE_EMPTY),
        ({}, MESSAGE_EMPTY),
        ({"body": None}, MESSAGE_EMPTY),
        ({"body": "x" * (MESSAGE_MAX_LENGTH + 1)}, "at most 5,000 characters"),
        ({"body": ["a", "list"]}, "Not a valid string"),
    ],
)
def test_a_message_that_cannot_be_sent_says_why_by_field(client_for, body, says):
    world = world_build()

    response = client_for(world.freelancer).post(messages_url(world.thread), body, format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["body"]
    assert says in response.json()["fields"]["body"][0]
    assert Message.objects.filter(thread=world.thread).count() == 1


@pytest.mark.parametrize("after", ["abc", "-1", "1.5", str(2**31)])
def test_after_must_be_a_message_id(client_for, after):
    world = world_build()

    response = client_for(world.employer).get(messages_url(world.thread), {"after": after})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["after"]


def test_opening_the_thread_of_a_proposal_creates_it_once_for_both_parties(client_for):
    world = world_build()
    url = reverse("api:proposal-thread", args=[world.proposal.pk])

    opened = client_for(world.freelancer).post(url)
    again = client_for(world.employer).post(url)

    assert (opened.status_code, again.status_code) == (200, 200)
    assert opened.json()["id"] == again.json()["id"]
    thread = Thread.objects.get(pk=opened.json()["id"])
    assert (thread.proposal, thread.project) == (world.proposal, world.project)
    assert opened.json()["proposal_id"] == world.proposal.pk
    assert opened.json()["last_message"] is None
    assert opened.json()["other_party"]["id"] == world.employer.pk


def test_opening_the_thread_of_a_contract_finds_the_existing_one(client_for):
    world = world_build()

    response = client_for(world.employer).post(
        reverse("api:contract-thread", args=[world.contract.pk])
    )

    assert response.status_code == 200
    assert response.json()["id"] == world.thread.pk
    assert response.json()["contract_id"] == world.contract.pk
    assert Thread.objects.count() == 1


def test_someone_elses_thread_is_404_and_nothing_is_sent(client_for):
    world = world_build()
    stranger = client_for(world.other_freelancer)

    response = stranger.post(messages_url(world.thread), {"body": "Let me in"})

    assert response.status_code == 404
    assert not Message.objects.filter(body="Let me in").exists()
    assert stranger.get(reverse("api:thread-list")).json()["results"] == []


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_inbox_takes_the_same_number_of_queries_for_2_or_6_threads(client_for):
    freelancer = FreelancerFactory()
    client = client_for(freelancer)
    url = reverse("api:thread-list")

    def add_threads(n):
        for _ in range(n):
            thread = ThreadFactory(project=ProjectFactory(), freelancer=freelancer)
            MessageFactory(thread=thread)

    add_threads(2)
    client.get(url)  # the token's first use is recorded once
    two = _query_count(client, url)
    add_threads(4)
    six = _query_count(client, url)

    assert two == six
    assert len(client.get(url).json()["results"]) == 6


def test_the_message_list_takes_the_same_number_of_queries_for_2_or_6_messages(client_for):
    employer = EmployerFactory()
    thread = ThreadFactory(project=ProjectFactory(employer=employer))
    client = client_for(employer)
    url = messages_url(thread)
    MessageFactory.create_batch(2, thread=thread, sender=thread.freelancer)
    client.get(url)
    two = _query_count(client, url)
    MessageFactory.create_batch(2, thread=thread, sender=thread.freelancer)
    MessageFactory.create_batch(2, thread=thread, sender=employer, is_hidden=True)
    six = _query_count(client, url)

    assert two == six
    assert len(client.get(url).json()["results"]) == 6
