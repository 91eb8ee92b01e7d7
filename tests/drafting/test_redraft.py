"""Bulk re-draft after a profile change: a Celery task with a Job row the drafts page polls."""

import pytest
from django.urls import reverse

from drafting.models import REDRAFT_JOB_KIND, ProposalDraft
from drafting.services import (
    proposal_draft_create,
    proposal_drafts_redraft_run,
    proposal_drafts_redraft_start,
)
from projects.models import FreelancerSkill, Job
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(no_encoder):
    SkillFactory(name="Django")
    SkillFactory(name="Kubernetes")
    profile = freelancer_with(skills=["Django"], rate=50)
    projects = [
        open_project(title=f"Gig {n}", description="On k8s.", skills=["Django", "Kubernetes"])
        for n in range(3)
    ]
    made = [proposal_draft_create(freelancer=profile.user, project=p)[0] for p in projects]
    ProposalDraft.objects.filter(pk=made[1].pk).update(text="My own edited words.")
    projects[2].status = "closed"
    projects[2].save()
    # The profile changes after drafting: Kubernetes is no longer a gap.
    FreelancerSkill.objects.create(profile=profile, skill=SkillFactory(name="Kubernetes"), years=4)
    return {"profile": profile, "user": profile.user, "drafts": made}


def test_redraft_updates_open_drafts_keeps_edited_ones_and_reports_progress(
    drafts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = proposal_drafts_redraft_start(freelancer=drafts["user"])
    job.refresh_from_db()
    assert job.kind == REDRAFT_JOB_KIND
    assert job.state == Job.State.SUCCEEDED
    assert (job.done, job.total) == (2, 2)  # the closed project's draft is not open
    assert job.result["summary"] == "1 draft re-drafted, 1 you edited kept as they were."
    fresh, edited, closed = (ProposalDraft.objects.get(pk=d.pk) for d in drafts["drafts"])
    assert "Kubernetes: 4 years of experience" in fresh.text
    assert edited.text == "My own edited words."
    assert "Kubernetes (required): I have not worked with it yet." in closed.text


def test_redraft_can_replace_edits_when_asked(drafts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal_drafts_redraft_start(freelancer=drafts["user"], include_edited=True)
    edited = ProposalDraft.objects.get(pk=drafts["drafts"][1].pk)
    assert "Kubernetes: 4 years of experience" in edited.text


def test_running_the_task_again_changes_nothing(drafts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = proposal_drafts_redraft_start(freelancer=drafts["user"])
    before = list(ProposalDraft.objects.order_by("pk").values_list("text", "updated_at"))
    proposal_drafts_redraft_run(job_id=job.pk)  # a retried delivery of the same task
    after = list(ProposalDraft.objects.order_by("pk").values_list("text", "updated_at"))
    assert before == after


def test_the_drafts_page_shows_the_jobs_progress_bar_and_polls_it(
    drafts, client, django_capture_on_commit_callbacks
):
    client.force_login(drafts["user"])
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("drafting:redraft"))
    assert response.status_code == 302
    job = Job.objects.get(user=drafts["user"])
    html = client.get(reverse("drafting:draft-list")).content.decode()
    assert "<progress" in html
    assert "Re-drafting your open proposal drafts" in html
    assert f'hx-get="{reverse("projects:job-detail", args=[job.pk])}"' in html  # polls while queued
    proposal_drafts_redraft_run(job_id=job.pk)
    fragment = client.get(reverse("projects:job-detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "1 draft re-drafted" in fragment.content.decode()
