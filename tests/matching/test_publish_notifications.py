"""Publishing a project tells its best-matched available freelancers, once, as they asked."""

from decimal import Decimal

import pytest
from django.core import mail

from matching.services import project_matches_notify
from matching.tasks import project_matches_notify as project_matches_notify_task
from projects.models import Notification, NotificationKind
from projects.services.notifications import notification_preferences_update
from projects.services.projects import ProjectDetails, project_create, project_publish
from tests.factories import EmployerFactory
from tests.matching.helpers import freelancer_with
from tests.projects.factories import small_taxonomy


@pytest.fixture
def people(db):
    small_taxonomy()
    return {
        "fit": freelancer_with(headline="Django developer", skills=["Django", "postgres"], rate=40),
        "busy": freelancer_with(
            headline="Django developer", skills=["Django", "postgres"], rate=40, hours=0
        ),
        "writer": freelancer_with(headline="Copywriter", skills=["Copywriting"], rate=40),
    }


def draft(**changes):
    details = ProjectDetails(
        title="Booking API",
        description="Django endpoints on PostgreSQL for three clinics.",
        budget_type="hourly",
        budget_min=Decimal(30),
        budget_max=Decimal(50),
        duration_weeks=6,
        required_skills=["Django", "PostgreSQL"],
        **changes,
    )
    return project_create(employer=EmployerFactory(), details=details)


def matched(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=NotificationKind.PROJECT_MATCHED))


def test_publishing_tells_the_available_fitting_freelancer_once(
    people, django_capture_on_commit_callbacks
):
    project = draft()
    with django_capture_on_commit_callbacks(execute=True):
        project_publish(project=project)
    told = matched(people["fit"].user)
    assert len(told) == 1
    assert "Booking API" in told[0].title
    assert "2 of 2 required skills" in told[0].body
    assert told[0].url == f"/projects/{project.pk}/"
    assert matched(people["busy"].user) == []  # no hours available
    assert matched(people["writer"].user) == []  # not a fit
    assert project_matches_notify_task(project.pk) == 0  # run again: nobody told twice
    assert len(matched(people["fit"].user)) == 1


def test_it_is_e_mailed_only_to_those_who_asked(people, django_capture_on_commit_callbacks):
    notification_preferences_update(
        user=people["fit"].user, emailed_kinds=[NotificationKind.PROJECT_MATCHED]
    )
    with django_capture_on_commit_callbacks(execute=True):
        project_publish(project=draft())
    assert [m.to for m in mail.outbox] == [[people["fit"].user.email]]


def test_drafts_and_invite_only_projects_tell_nobody(people):
    assert project_matches_notify(project=draft()) == 0
    private = draft(visibility="invite_only")
    private.status = "open"
    assert project_matches_notify(project=private) == 0
    assert not Notification.objects.filter(kind=NotificationKind.PROJECT_MATCHED).exists()


def test_proposals_invites_shortlists_and_hires_are_recorded_as_match_feedback(db):
    from matching.models import MatchEvent
    from tests.factories import (
        ContractFactory,
        InviteFactory,
        ProposalFactory,
        ShortlistEntryFactory,
    )

    proposal = ProposalFactory()
    InviteFactory(project=proposal.project)
    ShortlistEntryFactory(project=proposal.project, freelancer=proposal.freelancer)
    ContractFactory(project=proposal.project, freelancer=proposal.freelancer)
    kinds = dict(MatchEvent.objects.values_list("kind", "side"))
    assert kinds == {
        MatchEvent.Kind.PROPOSAL: MatchEvent.Side.FREELANCER,
        MatchEvent.Kind.INVITE: MatchEvent.Side.EMPLOYER,
        MatchEvent.Kind.SHORTLIST: MatchEvent.Side.EMPLOYER,
        MatchEvent.Kind.HIRE: MatchEvent.Side.EMPLOYER,
    }
    proposal.save()  # an edit is not a second proposal
    assert MatchEvent.objects.filter(kind=MatchEvent.Kind.PROPOSAL).count() == 1
