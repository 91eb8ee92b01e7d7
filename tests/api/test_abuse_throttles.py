"""Abuse limits in the API: sending proposals, messages and reports, per person and per network.

Past the limit the API answers 429 with the one error body (code ``throttled``), a detail that
says how many were sent and when more can be, and ``Retry-After``; nothing is written. Reading
the same endpoints never uses up the right to write, and the OpenAPI contract documents the 429.
"""

import pytest
import yaml
from django.conf import settings as django_settings
from django.urls import reverse

from projects.models import Message, Proposal, Report, Thread
from tests.factories import FreelancerFactory, ProjectFactory, ProposalFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("abuse_limits")]

TERMS = {
    "cover_letter": "I built two booking systems in Django; I would start with the data model.",
    "bid_amount": "2500.00",
    "estimated_duration_weeks": 5,
}


def propose(client, **headers):
    url = reverse("api:project-proposals", args=[ProjectFactory().pk])
    return client.post(url, TERMS, format="json", **headers)


def assert_throttled(response, detail_start: str, longest: int) -> None:
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "throttled"
    assert body["fields"] == {}
    assert body["detail"].startswith(detail_start), body["detail"]
    assert " more at " in body["detail"]
    assert 1 <= int(response.headers["Retry-After"]) <= longest


def test_the_third_proposal_in_an_hour_is_refused(client_for):
    client = client_for(FreelancerFactory())
    assert [propose(client).status_code for _ in range(2)] == [201, 201]

    response = propose(client)

    assert_throttled(response, "You have sent 2 proposals in the last hour.", 3600)
    assert Proposal.objects.count() == 2


def test_many_accounts_from_one_network_share_its_limit(client_for, abuse_limits):
    abuse_limits["proposal"] = {"user": "10/h", "ip": "2/h"}
    for _ in range(2):
        assert propose(client_for(FreelancerFactory())).status_code == 201

    response = propose(client_for(FreelancerFactory()))

    assert_throttled(
        response, "2 proposals have been sent from your network in the last hour.", 3600
    )
    other_network = propose(client_for(FreelancerFactory()), REMOTE_ADDR="198.51.100.7")
    assert other_network.status_code == 201
    assert Proposal.objects.count() == 3


def test_reading_messages_never_uses_up_sending_them(client_for):
    proposal = ProposalFactory()
    thread = Thread.objects.create(
        project=proposal.project,
        employer=proposal.project.employer,
        freelancer=proposal.freelancer,
        proposal=proposal,
    )
    client = client_for(proposal.freelancer)
    url = reverse("api:thread-messages", args=[thread.pk])
    assert [client.get(url).status_code for _ in range(5)] == [200] * 5

    sent = [client.post(url, {"body": f"Message {n}"}, format="json").status_code for n in (1, 2)]
    refused = client.post(url, {"body": "Message 3"}, format="json")

    assert sent == [201, 201]
    assert_throttled(refused, "You have sent 2 messages in the last 10 minutes.", 600)
    assert Message.objects.filter(thread=thread).count() == 2


def test_the_second_report_in_an_hour_is_refused(client_for):
    client = client_for(FreelancerFactory())
    url = reverse("api:report-create")

    def report():
        body = {"target_kind": "project", "target_id": ProjectFactory().pk, "reason": "spam"}
        return client.post(url, body, format="json")

    assert report().status_code == 201
    assert_throttled(report(), "You have filed 1 report in the last hour.", 3600)
    assert Report.objects.count() == 1


def test_the_contract_documents_429_on_each_limited_operation():
    schema = yaml.safe_load((django_settings.BASE_DIR / "docs" / "openapi.yaml").read_text())
    for path in (
        "/api/v1/projects/{id}/proposals/",
        "/api/v1/threads/{id}/messages/",
        "/api/v1/reports/",
    ):
        responses = schema["paths"][path]["post"]["responses"]
        assert "429" in responses, path
        assert "Retry-After" in responses["429"]["description"]


def test_behind_a_proxy_the_network_is_the_forwarded_address(client_for, abuse_limits, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    abuse_limits["proposal"] = {"user": "10/h", "ip": "1/h"}

    def from_address(address):
        client = client_for(FreelancerFactory())
        return propose(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)

    assert from_address("203.0.113.5").status_code == 201
    assert from_address("198.51.100.7").status_code == 201
    assert from_address("203.0.113.5").status_code == 429
