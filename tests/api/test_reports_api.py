"""/api/v1/reports/: users report a project, a profile or a message to the team."""

import pytest
from django.urls import reverse

from projects.models import Message, Project, Report
from projects.services.moderation import (
    REPORT_DUPLICATE,
    REPORT_OWN_MESSAGE,
    REPORT_OWN_PROJECT,
)
from tests.api.matrix import Row, codes, matrix_check, matrix_params, world_build
from tests.factories import MessageFactory

ROWS = [
    Row(
        "api:report-create",
        "post",
        body=lambda world: {
            "target_kind": "project",
            "target_id": world.project.pk,
            "reason": "spam",
        },
        # The employer owns the project: reporting it is refused with the reason.
        expect=codes(201, anonymous=401, employer=400),
    ),
]

pytestmark = pytest.mark.django_db

URL = reverse("api:report-create")


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


def the_message(world) -> Message:
    return world.thread.messages.get()


def test_a_party_reports_a_message_in_their_conversation(client_for):
    world = world_build()
    message = the_message(world)

    response = client_for(world.freelancer).post(
        URL,
        {
            "target_kind": "message",
            "target_id": message.pk,
            "reason": "scam",
            "details": "  Asks to be paid outside Gigwise. ",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["target_kind"] == "message"
    assert body["target_id"] == message.pk
    assert body["status"] == "open"
    report = Report.objects.get(pk=body["id"])
    assert (report.target, report.reporter, report.reason) == (message, world.freelancer, "scam")
    assert report.details == "Asks to be paid outside Gigwise."


def test_reporting_a_profile(client_for):
    world = world_build()

    response = client_for(world.employer).post(
        URL, {"target_kind": "user", "target_id": world.other_freelancer.pk, "reason": "fake"}
    )

    assert response.status_code == 201
    assert Report.objects.get().target == world.other_freelancer


def test_reporting_the_same_thing_twice_while_open_is_refused_clearly(client_for):
    world = world_build()
    client = client_for(world.other_freelancer)
    body = {"target_kind": "project", "target_id": world.project.pk, "reason": "spam"}
    assert client.post(URL, body).status_code == 201

    again = client.post(URL, body | {"reason": "scam"})

    assert again.status_code == 400
    assert again.json()["detail"] == REPORT_DUPLICATE
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    "what",
    ["someone_elses_message", "hidden_message", "draft_project", "unknown_project"],
)
def test_what_the_reporter_cannot_see_is_404_and_nothing_is_recorded(client_for, what):
    world = world_build()
    if what == "hidden_message":
        target = MessageFactory(thread=world.thread, sender=world.employer, is_hidden=True)
        reporter, kind = world.freelancer, "message"
    elif what == "someone_elses_message":
        target, reporter, kind = the_message(world), world.other_freelancer, "message"
    elif what == "draft_project":
        target, reporter, kind = world.draft, world.other_freelancer, "project"
    else:
        target, reporter, kind = Project(pk=987654), world.freelancer, "project"

    response = client_for(reporter).post(
        URL, {"target_kind": kind, "target_id": target.pk, "reason": "spam"}
    )

    assert response.status_code == 404
    assert not Report.objects.exists()


def test_your_own_message_or_project_cannot_be_reported(client_for):
    world = world_build()
    message = the_message(world)
    employer = client_for(world.employer)

    own_message = employer.post(
        URL, {"target_kind": "message", "target_id": message.pk, "reason": "spam"}
    )
    own_project = employer.post(
        URL, {"target_kind": "project", "target_id": world.project.pk, "reason": "spam"}
    )

    assert own_message.json()["detail"] == REPORT_OWN_MESSAGE
    assert own_project.json()["detail"] == REPORT_OWN_PROJECT
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": "boring"}, "reason"),
        ({"reason": "other", "details": "   "}, "details"),
        ({"details": "x" * 2001}, "details"),
        ({"target_kind": "skill"}, "target_kind"),
        ({"target_id": "abc"}, "target_id"),
        ({"target_id": 0}, "target_id"),
        ({"target_id": 2**31}, "target_id"),
    ],
)
def test_wrong_input_is_a_field_error(client_for, change, field):
    world = world_build()
    body = {"target_kind": "project", "target_id": world.project.pk, "reason": "spam"}

    response = client_for(world.freelancer).post(URL, body | change, format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert not Report.objects.exists()
