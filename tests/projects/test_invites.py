"""Invitations: employers invite freelancers, who accept by proposing or decline."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import Invite, Notification, Project
from projects.services.proposals import invite_create, invite_decline, proposal_submit
from tests.factories import InviteFactory, ProjectFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_invite_notifies_the_freelancer(freelancer):
    project = ProjectFactory(visibility=Project.Visibility.INVITE_ONLY)

    invite = invite_create(
        employer=project.employer, project=project, freelancer=freelancer, message=" Hi "
    )

    assert (invite.status, invite.message) == (Invite.Status.PENDING, "Hi")
    notification = Notification.objects.get(user=freelancer)
    assert notification.kind == "invite_received"
    assert notification.url == reverse("projects:my-proposals")


def test_invite_twice_is_refused_next_to_the_project(freelancer):
    project = ProjectFactory()
    invite_create(employer=project.employer, project=project, freelancer=freelancer)

    with pytest.raises(ValidationError) as error:
        invite_create(employer=project.employer, project=project, freelancer=freelancer)
    assert "already invited" in error.value.message_dict["project"][0]
    assert Invite.objects.count() == 1


@pytest.mark.parametrize("status", [Project.Status.DRAFT, Project.Status.IN_PROGRESS])
def test_invite_to_a_project_that_is_not_open_is_refused(freelancer, status):
    project = ProjectFactory(status=status)
    with pytest.raises(ValidationError, match="Only an open project"):
        invite_create(employer=project.employer, project=project, freelancer=freelancer)


def test_invite_to_another_employers_project_is_refused(freelancer, employer):
    with pytest.raises(ValidationError, match="your own projects"):
        invite_create(employer=employer, project=ProjectFactory(), freelancer=freelancer)


def test_invite_someone_who_already_proposed_is_refused(freelancer):
    proposal = ProposalFactory(freelancer=freelancer)
    project = proposal.project
    with pytest.raises(ValidationError, match="already sent a proposal"):
        invite_create(employer=project.employer, project=project, freelancer=freelancer)


def test_decline_an_invite(freelancer):
    invite = InviteFactory(freelancer=freelancer)

    invite_decline(freelancer=freelancer, invite=invite)

    invite.refresh_from_db()
    assert invite.status == Invite.Status.DECLINED
    with pytest.raises(ValidationError, match="already declined"):
        invite_decline(freelancer=freelancer, invite=invite)


def test_only_the_invited_freelancer_may_decline(freelancer):
    with pytest.raises(ValidationError):
        invite_decline(freelancer=freelancer, invite=InviteFactory())


def test_accept_by_submitting_a_proposal(freelancer):
    invite = InviteFactory(
        freelancer=freelancer, project__visibility=Project.Visibility.INVITE_ONLY
    )

    proposal_submit(
        freelancer=freelancer,
        project=invite.project,
        cover_letter="Happy to help",
        bid_amount=Decimal("2000"),
        currency="USD",
        estimated_duration_weeks=4,
    )

    invite.refresh_from_db()
    assert invite.status == Invite.Status.ACCEPTED


def test_my_proposals_lists_pending_invites_with_accept_and_decline(client, freelancer):
    invite = InviteFactory(freelancer=freelancer)
    InviteFactory(freelancer=freelancer, status=Invite.Status.DECLINED)
    client.force_login(freelancer)

    response = client.get(reverse("projects:my-proposals"))

    assert list(response.context["invites"]) == [invite]
    html = response.content.decode()
    assert reverse("projects:proposal-submit", args=[invite.project_id]) in html
    assert reverse("projects:invite-decline", args=[invite.pk]) in html


def test_declining_from_the_page(client, freelancer):
    invite = InviteFactory(freelancer=freelancer)
    client.force_login(freelancer)

    response = client.post(reverse("projects:invite-decline", args=[invite.pk]), follow=True)

    invite.refresh_from_db()
    assert invite.status == Invite.Status.DECLINED
    assert "You declined the invitation" in response.content.decode()


def test_another_freelancers_invite_answers_404(client, freelancer):
    invite = InviteFactory()
    client.force_login(freelancer)
    assert client.post(reverse("projects:invite-decline", args=[invite.pk])).status_code == 404
    invite.refresh_from_db()
    assert invite.status == Invite.Status.PENDING


def test_employer_invites_from_the_profile_page(client):
    invite_only = ProjectFactory(visibility=Project.Visibility.INVITE_ONLY)
    employer = invite_only.employer
    other_employers = ProjectFactory()
    target = ProposalFactory().freelancer  # any freelancer with a profile
    client.force_login(employer)
    url = reverse("projects:invite-create", args=[target.pk])

    page = client.get(url)
    assert list(page.context["form"].fields["project"].queryset) == [invite_only]

    refused = client.post(url, {"project": other_employers.pk, "message": "Kept text"})
    assert refused.status_code == 200
    assert "Choose one of your open projects." in refused.content.decode()
    assert "Kept text" in refused.content.decode()

    done = client.post(url, {"project": invite_only.pk, "message": "Hello"})
    assert done.status_code == 302
    assert Invite.objects.filter(project=invite_only, freelancer=target).exists()
