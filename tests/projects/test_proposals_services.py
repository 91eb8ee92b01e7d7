"""Proposal services: submit, edit, withdraw, and the employer's decisions, with each refusal."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import Invite, Notification, Project, Proposal, ShortlistEntry
from projects.services import proposals as services
from tests.factories import (
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    ProjectFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db


def submit(freelancer, project, **changes):
    arguments = {
        "cover_letter": "I have shipped two booking systems.",
        "bid_amount": Decimal("1800.00"),
        "currency": "USD",
        "estimated_duration_weeks": 4,
        "answers": [],
    }
    return services.proposal_submit(freelancer=freelancer, project=project, **arguments | changes)


def messages_of(error: ValidationError) -> dict:
    return error.value.message_dict


# --- submit ------------------------------------------------------------------------------------
def test_submit_creates_the_proposal_and_notifies_the_employer_once(freelancer):
    project = ProjectFactory(screening_questions=["Which Django version?"])

    proposal = submit(freelancer, project, answers=["  5.2  "])

    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.bid_amount == Decimal("1800.00")
    assert proposal.answers == ["5.2"]
    notification = Notification.objects.get(user=project.employer)
    assert notification.kind == "proposal_received"
    assert notification.event_key == f"proposal:{proposal.pk}:received"


@pytest.mark.parametrize(
    "status", [Project.Status.DRAFT, Project.Status.CLOSED, Project.Status.IN_PROGRESS]
)
def test_submit_refuses_a_project_that_is_not_open(freelancer, status):
    project = ProjectFactory(status=status)

    with pytest.raises(ValidationError, match="no longer taking proposals"):
        submit(freelancer, project)
    assert not Proposal.objects.exists()


def test_submit_refuses_a_hidden_project(freelancer):
    with pytest.raises(ValidationError, match="no longer taking proposals"):
        submit(freelancer, ProjectFactory(is_hidden=True))


def test_invite_only_project_takes_proposals_only_from_invited_freelancers(freelancer):
    project = ProjectFactory(visibility=Project.Visibility.INVITE_ONLY)
    with pytest.raises(ValidationError):
        submit(freelancer, project)

    invite = InviteFactory(project=project, freelancer=freelancer)
    submit(freelancer, project)

    invite.refresh_from_db()
    assert invite.status == Invite.Status.ACCEPTED
    assert invite.answered_at is not None


def test_submit_refuses_a_duplicate_with_a_friendly_message(freelancer):
    project = ProjectFactory()
    submit(freelancer, project)

    with pytest.raises(ValidationError, match="already have a proposal on this project"):
        submit(freelancer, project)
    assert Proposal.objects.count() == 1


def test_the_database_refuses_a_second_active_proposal_even_without_the_check(freelancer):
    first = ProposalFactory(freelancer=freelancer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(project=first.project, freelancer=freelancer)


def test_a_withdrawn_proposal_does_not_block_a_new_one(freelancer):
    project = ProjectFactory()
    ProposalFactory(project=project, freelancer=freelancer, status=Proposal.Status.WITHDRAWN)

    assert submit(freelancer, project).status == Proposal.Status.SUBMITTED


@pytest.mark.parametrize("bid", [Decimal("0"), Decimal("-5"), None])
def test_submit_refuses_a_bid_that_is_not_positive(freelancer, bid):
    with pytest.raises(ValidationError) as error:
        submit(freelancer, ProjectFactory(), bid_amount=bid)
    assert messages_of(error)["bid_amount"] == ["Your fixed price must be more than zero."]
    assert not Proposal.objects.exists()


def test_hourly_projects_name_the_bid_an_hourly_rate(freelancer):
    with pytest.raises(ValidationError) as error:
        submit(freelancer, ProjectFactory(budget_type="hourly"), bid_amount=Decimal("0"))
    assert "hourly rate" in messages_of(error)["bid_amount"][0]


def test_submit_names_each_missing_answer_and_other_bad_fields(freelancer):
    project = ProjectFactory(screening_questions=["First?", "Second?"])

    with pytest.raises(ValidationError) as error:
        submit(
            freelancer,
            project,
            answers=["Yes", "  "],
            cover_letter=" ",
            estimated_duration_weeks=0,
            currency="XXX",
        )

    errors = messages_of(error)
    assert set(errors) == {"answer_1", "cover_letter", "estimated_duration_weeks", "currency"}
    assert not Proposal.objects.exists()


def test_submit_refuses_too_few_answers(freelancer):
    with pytest.raises(ValidationError, match="Answer each of the client's questions"):
        submit(freelancer, ProjectFactory(screening_questions=["Why?"]), answers=[])


def test_employers_cannot_submit(employer):
    with pytest.raises(ValidationError, match="Only freelancer accounts"):
        submit(employer, ProjectFactory())


# --- edit and withdraw --------------------------------------------------------------------------
def test_edit_until_viewed(freelancer):
    proposal = ProposalFactory(freelancer=freelancer)

    services.proposal_update(
        freelancer=freelancer,
        proposal=proposal,
        cover_letter="New letter",
        bid_amount=Decimal("900"),
        currency="EUR",
        estimated_duration_weeks=3,
        answers=[],
    )

    proposal.refresh_from_db()
    assert (proposal.cover_letter, proposal.bid_amount, proposal.currency) == (
        "New letter",
        Decimal("900"),
        "EUR",
    )


def test_edit_after_viewed_is_refused_and_nothing_changes(freelancer):
    proposal = ProposalFactory(freelancer=freelancer)
    services.proposal_mark_viewed(proposal=proposal)

    with pytest.raises(ValidationError, match="already opened this proposal"):
        services.proposal_update(
            freelancer=freelancer,
            proposal=proposal,
            cover_letter="New letter",
            bid_amount=Decimal("900"),
            currency="USD",
            estimated_duration_weeks=3,
        )
    proposal.refresh_from_db()
    assert proposal.cover_letter != "New letter"


def test_edit_keeps_the_rules_of_submit(freelancer):
    proposal = ProposalFactory(freelancer=freelancer)
    with pytest.raises(ValidationError) as error:
        services.proposal_update(
            freelancer=freelancer,
            proposal=proposal,
            cover_letter="x",
            bid_amount=Decimal("-1"),
            currency="USD",
            estimated_duration_weeks=3,
        )
    assert "bid_amount" in messages_of(error)


def test_only_the_author_edits_or_withdraws(freelancer):
    proposal = ProposalFactory()
    with pytest.raises(ValidationError):
        services.proposal_withdraw(freelancer=freelancer, proposal=proposal)
    with pytest.raises(ValidationError):
        services.proposal_update(
            freelancer=freelancer,
            proposal=proposal,
            cover_letter="x",
            bid_amount=Decimal(1),
            currency="USD",
            estimated_duration_weeks=1,
        )


def test_withdraw_any_time_before_hire_even_after_viewed(freelancer):
    proposal = ProposalFactory(freelancer=freelancer, status=Proposal.Status.ARCHIVED)
    services.proposal_mark_viewed(proposal=proposal)

    services.proposal_withdraw(freelancer=freelancer, proposal=proposal)

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    assert proposal.decided_at is not None


def test_withdraw_after_hire_is_refused(freelancer):
    proposal = ProposalFactory(freelancer=freelancer, status=Proposal.Status.HIRED)
    with pytest.raises(ValidationError, match="hired on this proposal"):
        services.proposal_withdraw(freelancer=freelancer, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.HIRED


def test_withdraw_twice_is_refused(freelancer):
    proposal = ProposalFactory(freelancer=freelancer, status=Proposal.Status.WITHDRAWN)
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.proposal_withdraw(freelancer=freelancer, proposal=proposal)


# --- the employer's decisions ------------------------------------------------------------------
def test_shortlist_notifies_once_and_unshortlist_removes_the_entry():
    proposal = ProposalFactory()
    employer = proposal.project.employer

    services.proposal_shortlist(employer=employer, proposal=proposal)
    services.proposal_unshortlist(employer=employer, proposal=proposal)
    services.proposal_shortlist(employer=employer, proposal=proposal)

    assert ShortlistEntry.objects.filter(project=proposal.project).count() == 1
    assert (
        Notification.objects.filter(user=proposal.freelancer, kind="proposal_shortlisted").count()
        == 1
    )
    services.proposal_unshortlist(employer=employer, proposal=proposal)
    assert not ShortlistEntry.objects.exists()


def test_archive_and_unarchive():
    proposal = ProposalFactory()
    employer = proposal.project.employer

    services.proposal_archive(employer=employer, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ARCHIVED
    with pytest.raises(ValidationError, match="Only a submitted proposal can be archived"):
        services.proposal_archive(employer=employer, proposal=proposal)

    services.proposal_unarchive(employer=employer, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    with pytest.raises(ValidationError, match="Only an archived proposal"):
        services.proposal_unarchive(employer=employer, proposal=proposal)


def test_decline_with_a_reason_notifies_the_freelancer():
    proposal = ProposalFactory()

    services.proposal_decline(
        employer=proposal.project.employer, proposal=proposal, reason=" Budget too high "
    )

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED
    assert proposal.decline_reason == "Budget too high"
    notification = Notification.objects.get(user=proposal.freelancer)
    assert (notification.kind, notification.body) == ("proposal_declined", "Budget too high")


def test_decline_twice_or_a_withdrawn_proposal_is_refused():
    proposal = ProposalFactory(status=Proposal.Status.WITHDRAWN)
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.proposal_decline(employer=proposal.project.employer, proposal=proposal)


def test_another_employer_cannot_decide(employer):
    proposal = ProposalFactory()
    for service in (
        services.proposal_shortlist,
        services.proposal_archive,
        services.proposal_decline,
    ):
        with pytest.raises(ValidationError, match="project's owner"):
            service(employer=employer, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert not ShortlistEntry.objects.exists()


def test_mark_viewed_keeps_the_first_time():
    proposal = ProposalFactory()
    services.proposal_mark_viewed(proposal=proposal)
    first = Proposal.objects.get(pk=proposal.pk).viewed_at

    services.proposal_mark_viewed(proposal=Proposal.objects.get(pk=proposal.pk))

    assert first is not None
    assert Proposal.objects.get(pk=proposal.pk).viewed_at == first


def test_suspended_or_employer_accounts_cannot_be_invited():
    project = ProjectFactory()
    for user in (EmployerFactory(), FreelancerFactory(is_active=False)):
        with pytest.raises(ValidationError, match="active freelancer"):
            services.invite_create(employer=project.employer, project=project, freelancer=user)
