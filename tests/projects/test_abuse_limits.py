"""Abuse limits on the web: proposals, messages and reports per person and per network.

Past the limit the form comes back with status 429, what was typed still in it, and a sentence
that says how many were sent and when sending works again; nothing is written. Only what was
really sent counts, and the limits let everything through when their cache is down.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Message, Proposal, Report, Thread
from tests.factories import FreelancerFactory, ProjectFactory, ProposalFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("abuse_limits")]

LETTER = "A cover letter typed with care, which a refusal must not throw away."
# After 23:00 UTC the time is tomorrow's, and the message names the day first.
RETRY = re.compile(r"You can (?:send|file) more at (?:\d{1,2} [A-Z][a-z]+ at )?(\d\d):(\d\d) UTC\.")


def proposal_data(**changes):
    data = {
        "cover_letter": LETTER,
        "bid_amount": "1500",
        "currency": "USD",
        "estimated_duration_weeks": "4",
    }
    return data | changes


def submit(client, project=None, **changes):
    project = project or ProjectFactory()
    return client.post(
        reverse("projects:proposal-submit", args=[project.pk]), proposal_data(**changes)
    )


def assert_retry_time_within(html: str, period: dt.timedelta) -> None:
    """The time shown is after now and at most one period (plus the rounding minute) away."""
    hours, minutes = map(int, RETRY.search(html).groups())
    now = timezone.now()
    shown = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    if shown < now - dt.timedelta(minutes=1):
        shown += dt.timedelta(days=1)
    assert now - dt.timedelta(minutes=1) <= shown <= now + period + dt.timedelta(minutes=1)


# --- proposals ---------------------------------------------------------------------------------
def test_the_third_proposal_in_an_hour_is_refused_with_the_letter_kept(client, freelancer):
    client.force_login(freelancer)
    assert submit(client).status_code == 302
    assert submit(client).status_code == 302

    response = submit(client)

    html = response.content.decode()
    assert response.status_code == 429
    assert "You have sent 2 proposals in the last hour." in html
    assert_retry_time_within(html, dt.timedelta(hours=1))
    assert LETTER in html  # the textarea still holds it
    assert 'value="1500"' in html
    assert Proposal.objects.filter(freelancer=freelancer).count() == 2


def test_a_proposal_refused_for_a_mistake_does_not_count(client, freelancer, abuse_limits):
    abuse_limits["proposal"]["user"] = "1/h"
    client.force_login(freelancer)

    assert submit(client, bid_amount="0").status_code == 200  # refused: must be above zero
    assert submit(client).status_code == 302
    assert submit(client).status_code == 429
    assert Proposal.objects.count() == 1


def test_many_accounts_from_one_network_share_its_limit(client, abuse_limits):
    abuse_limits["proposal"] = {"user": "10/h", "ip": "2/h"}
    for _ in range(2):
        client.force_login(FreelancerFactory())
        assert submit(client).status_code == 302

    client.force_login(FreelancerFactory())
    response = submit(client)

    assert response.status_code == 429
    assert (
        "2 proposals have been sent from your network in the last hour."
        in response.content.decode()
    )
    # Somebody elsewhere is not held back by that network.
    elsewhere = client.post(
        reverse("projects:proposal-submit", args=[ProjectFactory().pk]),
        proposal_data(),
        REMOTE_ADDR="198.51.100.7",
    )
    assert elsewhere.status_code == 302
    assert Proposal.objects.count() == 3


def test_behind_a_proxy_each_forwarded_address_is_its_own_network(client, abuse_limits, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    abuse_limits["proposal"] = {"user": "10/h", "ip": "1/h"}
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    def from_address(address):
        client.force_login(FreelancerFactory())
        url = reverse("projects:proposal-submit", args=[ProjectFactory().pk])
        return client.post(url, proposal_data(), HTTP_X_FORWARDED_FOR=address, **proxy)

    assert from_address("203.0.113.5").status_code == 302
    assert from_address("198.51.100.7").status_code == 302
    # Only the address the proxy saw counts, not what the client claims before it.
    assert from_address("192.0.2.1, 203.0.113.5").status_code == 429


def test_limits_are_off_when_disabled(client, freelancer, settings):
    settings.RATELIMIT_ENABLE = False
    client.force_login(freelancer)
    assert [submit(client).status_code for _ in range(3)] == [302, 302, 302]


def test_the_limits_let_everything_through_when_their_cache_is_down(client, freelancer, settings):
    # A Redis nobody listens on: every count fails, so the limit cannot be known.
    settings.CACHES = settings.CACHES | {
        "ratelimit-down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit-down"
    client.force_login(freelancer)

    assert [submit(client).status_code for _ in range(3)] == [302, 302, 302]
    assert Proposal.objects.count() == 3


# --- messages ----------------------------------------------------------------------------------
@pytest.fixture
def thread():
    proposal = ProposalFactory()
    return Thread.objects.create(
        project=proposal.project,
        employer=proposal.project.employer,
        freelancer=proposal.freelancer,
        proposal=proposal,
    )


def test_the_third_message_in_ten_minutes_is_refused_with_the_text_kept(client, thread):
    client.force_login(thread.freelancer)
    url = reverse("projects:thread-detail", args=[thread.pk])
    for body in ("One", "Two"):
        assert client.post(url, {"body": body}).status_code == 302

    response = client.post(url, {"body": "Three, typed and kept"})

    html = response.content.decode()
    assert response.status_code == 429
    assert "You have sent 2 messages in the last 10 minutes." in html
    assert_retry_time_within(html, dt.timedelta(minutes=10))
    assert "Three, typed and kept</textarea>" in html
    assert list(Message.objects.values_list("body", flat=True).order_by("pk")) == ["One", "Two"]


def test_with_htmx_the_refused_message_comes_back_in_the_form(client, thread):
    client.force_login(thread.employer)
    url = reverse("projects:thread-detail", args=[thread.pk])
    htmx = {"HX-Request": "true"}
    for body in ("One", "Two"):
        assert client.post(url, {"body": body}, headers=htmx).status_code == 200

    response = client.post(url, {"body": "Kept in the box"}, headers=htmx)

    html = response.content.decode()
    assert response.status_code == 429
    assert html.lstrip().startswith('<form id="thread-form"')  # the partial the page swaps in
    assert "You have sent 2 messages in the last 10 minutes." in html
    assert "Kept in the box</textarea>" in html
    assert "HX-Trigger" not in response.headers
    assert Message.objects.count() == 2


# --- reports -----------------------------------------------------------------------------------
def test_the_second_report_in_an_hour_is_refused_with_the_details_kept(client, freelancer):
    client.force_login(freelancer)
    report = reverse("projects:report-create")
    first, second = ProjectFactory(), ProjectFactory()
    data = {"target": "project", "reason": "spam"}
    assert client.post(report, data | {"id": first.pk, "details": "First"}).status_code == 302

    response = client.post(report, data | {"id": second.pk, "details": "Also a copy of another"})

    html = response.content.decode()
    assert response.status_code == 429
    assert "You have filed 1 report in the last hour." in html
    assert_retry_time_within(html, dt.timedelta(hours=1))
    assert "Also a copy of another</textarea>" in html
    assert Report.objects.count() == 1
