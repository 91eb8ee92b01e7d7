"""The project state machine, as a table, and what closing does to proposals."""

import pytest
from django.core.exceptions import ValidationError

from projects.lifecycle import TRANSITIONS
from projects.models import Notification, NotificationKind, Project, Proposal
from projects.services.projects import (
    project_cancel,
    project_close,
    project_complete,
    project_halt,
    project_publish,
    project_start,
)
from tests.factories import ProjectFactory, ProjectSkillFactory, ProposalFactory

S = Project.Status
# Every status a project can reach, and the one service that leads there.
SERVICE_TO = {
    S.OPEN: project_publish,
    S.IN_PROGRESS: project_start,
    S.COMPLETED: project_complete,
    S.CLOSED: project_close,
    S.CANCELLED: project_cancel,
}
ALLOWED = {
    (S.DRAFT, S.OPEN),
    (S.OPEN, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.COMPLETED),
    (S.OPEN, S.CLOSED),
    (S.OPEN, S.CANCELLED),
    (S.DRAFT, S.CANCELLED),
}


def test_nothing_leads_back_to_draft():
    assert all(t.target != S.DRAFT for t in TRANSITIONS.values())


@pytest.mark.parametrize("target", list(SERVICE_TO))
@pytest.mark.parametrize("source", S.values)
@pytest.mark.django_db
def test_transition_table(source, target):
    project = ProjectFactory(status=source)
    ProjectSkillFactory(project=project, free_text="Django")
    before = Project.objects.values().get(pk=project.pk)

    if (source, target) in ALLOWED:
        SERVICE_TO[target](project=project)
        project.refresh_from_db()
        assert project.status == target
    else:
        with pytest.raises(ValidationError) as error:
            SERVICE_TO[target](project=project)
        assert error.value.code == "invalid_transition"
        assert Project.objects.values().get(pk=project.pk) == before
        assert project.status == source


def test_refusal_says_what_is_allowed_and_what_the_project_is(db):
    project = ProjectFactory(status=S.IN_PROGRESS)
    with pytest.raises(ValidationError) as error:
        project_close(project=project)
    assert error.value.messages == ["Only an open project can be closed; this one is in progress."]

    with pytest.raises(ValidationError) as error:
        project_cancel(project=project)
    assert error.value.messages == [
        "Only a draft or open project can be cancelled; this one is in progress."
    ]


def test_a_stale_object_cannot_skip_the_table(db):
    """The status is read from the locked row, not from the caller's copy."""
    project = ProjectFactory(status=S.OPEN)
    stale = Project.objects.get(pk=project.pk)
    project_close(project=project)
    with pytest.raises(ValidationError):
        project_start(project=stale)
    project.refresh_from_db()
    assert project.status == S.CLOSED


@pytest.mark.parametrize(
    ("service", "reason"),
    [(project_close, "The project was closed"), (project_cancel, "The project was cancelled")],
)
def test_closing_declines_live_proposals_and_notifies_their_freelancers(db, service, reason):
    project = ProjectFactory(status=S.OPEN)
    submitted = ProposalFactory(project=project)
    archived = ProposalFactory(project=project, status=Proposal.Status.ARCHIVED)
    withdrawn = ProposalFactory(project=project, status=Proposal.Status.WITHDRAWN)
    elsewhere = ProposalFactory()

    service(project=project)

    for proposal in (submitted, archived):
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.DECLINED
        assert proposal.decline_reason == reason
        assert proposal.decided_at is not None
        note = Notification.objects.get(user=proposal.freelancer)
        assert note.kind == NotificationKind.PROJECT_CLOSED
        assert note.event_key == f"project:{project.pk}:closed:{proposal.pk}"
        assert project.title in note.title
        assert note.url == f"/projects/{project.pk}/"
    withdrawn.refresh_from_db()
    elsewhere.refresh_from_db()
    assert withdrawn.status == Proposal.Status.WITHDRAWN
    assert elsewhere.status == Proposal.Status.SUBMITTED
    assert Notification.objects.count() == 2


def test_a_refused_close_declines_nothing(db):
    project = ProjectFactory(status=S.DRAFT)
    proposal = ProposalFactory(project=project)
    with pytest.raises(ValidationError):
        project_close(project=project)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert not Notification.objects.exists()


def test_publish_and_complete_stamp_their_dates(db):
    draft = ProjectFactory(status=S.DRAFT, published_at=None)
    ProjectSkillFactory(project=draft, free_text="Django")
    project_publish(project=draft)
    assert draft.published_at is not None

    running = ProjectFactory(status=S.IN_PROGRESS)
    project_complete(project=running)
    assert running.closed_at is not None


@pytest.mark.parametrize("source", S.values)
@pytest.mark.django_db
def test_halt_closes_only_a_project_in_progress(source):
    project = ProjectFactory(status=source)
    if source == S.IN_PROGRESS:
        project_halt(project=project)
        project.refresh_from_db()
        assert project.status == S.CLOSED
        assert project.closed_at is not None
    else:
        with pytest.raises(ValidationError) as error:
            project_halt(project=project)
        assert error.value.code == "invalid_transition"
        project.refresh_from_db()
        assert project.status == source


def test_owner_buttons_never_offer_internal_transitions():
    from projects.lifecycle import actions_available

    assert actions_available(status=S.IN_PROGRESS) == []
    assert actions_available(status=S.OPEN) == ["close", "cancel"]
