"""/api/v1/invites/: an employer invites a freelancer to propose; the freelancer may decline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Invite, Notification, NotificationKind, Project
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import (
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    ProjectFactory,
    ProposalFactory,
)


def _new_freelancer(world) -> dict:
    return {"freelancer": FreelancerFactory().pk, "message": "Your portfolio fits this."}


ROWS = [
    Row(
        "api:project-invites",
        "post",
        {"pk": "project"},
        codes(403, anonymous=401, employer=201, other_employer=404),
        _new_freelancer,
    ),
    Row(
        "api:invite-list",
        "get",
        expect=codes(403, anonymous=401, freelancer=200, other_freelancer=200),
    ),
    # The invite is other_freelancer's: anybody else's answer is 404.
    Row(
        "api:invite-decline",
        "post",
        {"pk": "invite"},
        expect=codes(403, anonymous=401, freelancer=404, other_freelancer=200),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


def _invite(client, project, freelancer, message="Would you send a proposal?"):
    url = reverse("api:project-invites", args=[project.pk])
    return client.post(url, {"freelancer": freelancer.pk, "message": message})


@pytest.mark.django_db
def test_an_invitation_reaches_the_freelancers_list_and_inbox(client_for, client):
    project = ProjectFactory()
    freelancer = FreelancerFactory()
    sent = _invite(client_for(project.employer), project, freelancer)
    assert sent.status_code == 201, sent.content
    assert sent.json()["status"] == "pending"
    assert sent.json()["freelancer"]["id"] == freelancer.pk
    listed = client_for(freelancer).get(reverse("api:invite-list")).json()["results"]
    assert [(i["project"]["title"], i["message"]) for i in listed] == [
        (project.title, "Would you send a proposal?")
    ]
    assert Notification.objects.filter(
        user=freelancer, kind=NotificationKind.INVITE_RECEIVED
    ).exists()
    client.force_login(freelancer)
    assert project.title in client.get(reverse("projects:my-proposals")).text


@pytest.mark.django_db
def test_declining_takes_it_off_the_list_and_a_second_answer_is_refused(client_for):
    invite = InviteFactory()
    client = client_for(invite.freelancer)
    url = reverse("api:invite-decline", args=[invite.pk])
    declined = client.post(url)
    assert declined.status_code == 200
    assert declined.json()["status"] == "declined"
    assert declined.json()["answered_at"] is not None
    assert client.get(reverse("api:invite-list")).json()["results"] == []
    again = client.post(url)
    assert again.status_code == 400
    assert again.json()["detail"] == "You have already declined it."


@pytest.mark.django_db
def test_who_can_be_invited_and_to_what(client_for):
    project = ProjectFactory()
    client = client_for(project.employer)
    freelancer = FreelancerFactory()
    assert _invite(client, project, freelancer).status_code == 201
    twice = _invite(client, project, freelancer)
    assert twice.status_code == 400
    assert twice.json()["fields"] == {
        "project": ["You have already invited this freelancer to that project."]
    }
    proposed = ProposalFactory(project=project).freelancer
    assert _invite(client, project, proposed).json()["fields"] == {
        "project": ["This freelancer already sent a proposal on it."]
    }
    for nobody in (EmployerFactory(), FreelancerFactory(is_active=False)):
        response = _invite(client, project, nobody)
        assert response.status_code == 400
        assert response.json()["fields"] == {
            "freelancer": ["There is no active freelancer with this id."]
        }
    draft = ProjectFactory(employer=project.employer, status=Project.Status.DRAFT)
    response = _invite(client, draft, FreelancerFactory())
    assert response.status_code == 400
    assert response.json()["detail"] == "project: Only an open project can take invitations."
    assert Invite.objects.filter(project=draft).count() == 0


@pytest.mark.django_db
def test_bad_input_is_named(client_for):
    project = ProjectFactory()
    url = reverse("api:project-invites", args=[project.pk])
    response = client_for(project.employer).post(url, {"freelancer": 2**31, "message": "x" * 2001})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"freelancer", "message"}


@pytest.mark.django_db
def test_my_invitations_take_the_same_queries_for_2_or_6_rows(client_for):
    freelancer = FreelancerFactory()
    client = client_for(freelancer)
    url = reverse("api:invite-list")
    InviteFactory.create_batch(2, freelancer=freelancer)
    client.get(url)  # the token's first use is recorded once; leave it out of the count
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    InviteFactory.create_batch(4, freelancer=freelancer)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(response.json()["results"]) == 6
    assert len(more) == len(few)
