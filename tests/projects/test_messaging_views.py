"""Message pages: the role matrix, sending, polling, escaping, and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Message, Thread
from projects.services.messaging import MESSAGE_EMPTY, message_send
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    MessageFactory,
    ProposalFactory,
    StaffFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
INBOX = reverse("projects:inbox")


def detail_url(thread):
    return reverse("projects:thread-detail", args=[thread.pk])


def poll_url(thread, after=0):
    return reverse("projects:thread-messages", args=[thread.pk]) + f"?after={after}"


@pytest.fixture
def proposal():
    return ProposalFactory()


@pytest.fixture
def thread(proposal):
    return Thread.objects.create(
        project=proposal.project,
        employer=proposal.project.employer,
        freelancer=proposal.freelancer,
        proposal=proposal,
    )


ROLES = ["anonymous", "employer_party", "freelancer_party", "other_freelancer", "other_employer"]
ROLES += ["staff"]


def login_as(client, role, thread):
    users = {
        "anonymous": None,
        "employer_party": thread.employer,
        "freelancer_party": thread.freelancer,
        "other_freelancer": FreelancerFactory(),
        "other_employer": EmployerFactory(),
        "staff": StaffFactory(),
    }
    user = users[role]
    if user is not None:
        client.force_login(user)
    return user


PARTY = {"employer_party", "freelancer_party"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["detail", "poll"])
def test_only_the_two_parties_see_a_thread(client, thread, role, page):
    MessageFactory(thread=thread, body="Secret terms: 4000 EUR")
    login_as(client, role, thread)

    response = client.get(detail_url(thread) if page == "detail" else poll_url(thread))

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
    elif role in PARTY:
        assert response.status_code == 200
        assert b"Secret terms" in response.content
    else:
        # Staff read threads in the admin only; here everyone else gets the same 404.
        assert response.status_code == 404
        assert b"Secret terms" not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_only_the_two_parties_can_post_in_a_thread(client, thread, role):
    login_as(client, role, thread)

    response = client.post(detail_url(thread), {"body": "Let me in"})

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
    elif role in PARTY:
        assert response.status_code == 302
        assert Message.objects.filter(body="Let me in").count() == 1
    else:
        assert response.status_code == 404
    if role not in PARTY:
        assert not Message.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_inbox_answers_every_logged_in_role(client, thread, role):
    login_as(client, role, thread)

    response = client.get(INBOX)

    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        shows_thread = detail_url(thread).encode() in response.content
        assert shows_thread is (role in PARTY)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("about", ["proposal", "contract"])
def test_opening_a_thread_from_a_proposal_or_contract(client, proposal, role, about):
    contract = ContractFactory(
        project=proposal.project, freelancer=proposal.freelancer, proposal=proposal
    )
    url = reverse(
        f"projects:thread-for-{about}", args=[(proposal if about == "proposal" else contract).pk]
    )
    thread_like = Thread(employer=proposal.project.employer, freelancer=proposal.freelancer)
    login_as(client, role, thread_like)

    response = client.get(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
        assert not Thread.objects.exists()
    elif role in PARTY:
        thread = Thread.objects.get()
        assert response.status_code == 302
        assert response.url == detail_url(thread)
        assert thread.proposal == proposal
        assert (thread.contract == contract) is (about == "contract")
    else:
        assert response.status_code == 404
        assert not Thread.objects.exists()


def test_the_employer_opens_the_thread_from_the_proposal_page(client, proposal):
    """Before hiring, the proposal page is where an employer writes to the freelancer."""
    client.force_login(proposal.project.employer)
    page = client.get(reverse("projects:proposal-detail", args=[proposal.pk])).content.decode()

    url = reverse("projects:thread-for-proposal", args=[proposal.pk])
    assert f'href="{url}">Message {proposal.freelancer.display_name}</a>' in page
    assert client.get(url).url == detail_url(Thread.objects.get(proposal=proposal))


# --- sending -----------------------------------------------------------------------------------
def test_an_empty_message_says_why_and_writes_nothing(client, thread):
    client.force_login(thread.freelancer)

    response = client.post(detail_url(thread), {"body": "   "})

    assert response.status_code == 200
    assert MESSAGE_EMPTY.encode() in response.content
    assert not Message.objects.exists()


def test_a_too_long_message_keeps_the_text(client, thread):
    client.force_login(thread.freelancer)
    text = "Long story. " * 500  # 6,000 characters

    response = client.post(detail_url(thread), {"body": text})

    assert response.status_code == 200
    assert b"at most 5,000 characters" in response.content
    assert text.strip().encode() in response.content
    assert not Message.objects.exists()


def test_sending_with_htmx_returns_a_fresh_form_and_asks_for_a_poll(client, thread):
    client.force_login(thread.employer)

    response = client.post(detail_url(thread), {"body": "Via htmx"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Trigger"] == "gw:thread-poll"
    assert b'id="thread-form"' in response.content
    assert b"Via htmx" not in response.content
    assert Message.objects.get().body == "Via htmx"


def test_message_text_is_escaped_and_links_stay_text(client, thread):
    MessageFactory(
        thread=thread,
        body='<script>alert("x")</script>\nSee https://evil.example/<b>now</b>',
    )
    client.force_login(thread.freelancer)

    html = client.get(detail_url(thread)).content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>" in html
    assert 'href="https://evil.example' not in html
    assert "&lt;b&gt;now&lt;/b&gt;" in html


def test_a_hidden_message_shows_only_that_a_moderator_removed_it(client, thread):
    MessageFactory(thread=thread, body="Pay me on the side", is_hidden=True)
    client.force_login(thread.freelancer)

    html = client.get(detail_url(thread)).content.decode()

    assert "Pay me on the side" not in html
    assert "This message was removed by a moderator." in html


def test_viewing_a_thread_marks_it_read(client, thread):
    MessageFactory(thread=thread, sender=thread.employer)
    client.force_login(thread.freelancer)
    assert b"1<span" in client.get(INBOX).content  # the unread badge

    client.get(detail_url(thread))

    inbox = client.get(INBOX).content.decode()
    assert "unread</span>" not in inbox


def test_messages_show_oldest_first(client, thread):
    message_send(thread=thread, sender=thread.employer, body="First of all")
    message_send(thread=thread, sender=thread.freelancer, body="Second reply")
    client.force_login(thread.employer)

    html = client.get(detail_url(thread)).content.decode()

    assert html.index("First of all") < html.index("Second reply")


# --- polling -----------------------------------------------------------------------------------
def test_polling_returns_only_newer_messages_and_the_next_poller(client, thread):
    old = MessageFactory(thread=thread, body="Already on the page")
    new = MessageFactory(thread=thread, body="Just arrived")
    client.force_login(thread.freelancer)

    html = client.get(poll_url(thread, after=old.pk)).content.decode()

    assert "Already on the page" not in html
    assert "Just arrived" in html
    assert f"?after={new.pk}" in html
    assert 'id="thread-poller"' in html
    assert "<nav" not in html  # a fragment, not a page


def test_polling_with_nothing_new_keeps_asking_from_the_same_place(client, thread):
    last = MessageFactory(thread=thread)
    client.force_login(thread.freelancer)

    html = client.get(poll_url(thread, after=last.pk)).content.decode()

    assert "data-message-id" not in html
    assert f"?after={last.pk}" in html


def test_polling_in_a_visible_tab_marks_new_messages_read(client, thread):
    client.force_login(thread.freelancer)
    MessageFactory(thread=thread, sender=thread.employer)

    client.get(poll_url(thread))

    assert b"unread</span>" not in client.get(INBOX).content


def test_polling_ignores_a_bad_after(client, thread):
    MessageFactory(thread=thread, body="Hello")
    client.force_login(thread.freelancer)

    response = client.get(reverse("projects:thread-messages", args=[thread.pk]) + "?after=abc")

    assert response.status_code == 200
    assert b"Hello" in response.content


# --- query counts ------------------------------------------------------------------------------
def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_inbox_queries_do_not_grow_with_threads(client):
    freelancer = FreelancerFactory()
    client.force_login(freelancer)

    def add_threads(count):
        for _ in range(count):
            thread = ThreadFactory(freelancer=freelancer)
            message_send(thread=thread, sender=thread.employer, body="Hi")

    add_threads(3)
    few = count_queries(client, INBOX)
    add_threads(12)
    many = count_queries(client, INBOX)

    assert few == many


def test_thread_page_queries_do_not_grow_with_messages(client, thread):
    client.force_login(thread.freelancer)
    MessageFactory.create_batch(3, thread=thread)
    client.get(detail_url(thread))  # the first visit also creates the read state
    few = count_queries(client, detail_url(thread))
    MessageFactory.create_batch(12, thread=thread, sender=thread.freelancer)
    many = count_queries(client, detail_url(thread))

    assert few == many


# --- the navbar --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("freelancer", {"Browse projects": "projects:project-list", "My proposals": None}),
        ("employer", {"My projects": "projects:project-mine"}),
    ],
)
def test_the_navbar_links_every_part_of_the_marketplace(client, request, role, expected):
    client.force_login(request.getfixturevalue(role))

    html = client.get(reverse("about")).content.decode()

    expected = {
        **expected,
        "Messages": "projects:inbox",
        "Contracts": "projects:contract-list",
        "Notifications": "projects:notification-list",
    }
    if role == "freelancer":
        expected["My proposals"] = "projects:my-proposals"
    for text, url_name in expected.items():
        assert f'href="{reverse(url_name)}"' in html, text
        assert text in html
    assert 'href=""' not in html


def test_the_navbar_counts_unread_conversations(client, thread):
    MessageFactory.create_batch(2, thread=thread, sender=thread.employer)
    other = ThreadFactory(freelancer=thread.freelancer)
    MessageFactory(thread=other, sender=other.employer)
    client.force_login(thread.freelancer)

    html = client.get(reverse("about")).content.decode()

    messages_link = html[html.index(f'href="{INBOX}"') :]
    messages_link = messages_link[: messages_link.index("</a>")]
    assert '2<span class="visually-hidden"> unread</span>' in messages_link
