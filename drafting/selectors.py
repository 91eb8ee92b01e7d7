"""Reads of proposal drafts: a freelancer sees only their own; anyone else's answers 404."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from projects.models import Job, Proposal
from projects.selectors.jobs import jobs_for_user

from .models import REDRAFT_JOB_KIND, ProposalDraft


def drafts_for_user(*, user: User) -> QuerySet[ProposalDraft]:
    """The user's drafts, latest first, with their projects (one query)."""
    return ProposalDraft.objects.filter(freelancer=user).select_related("project")


def draft_get_for_user(*, user: User, pk: int) -> ProposalDraft:
    """One of the user's drafts; 404 for anybody else's."""
    return get_object_or_404(drafts_for_user(user=user), pk=pk)


def active_proposal_for(*, draft: ProposalDraft) -> Proposal | None:
    """The proposal the freelancer already sent on the draft's project, if any."""
    return (
        Proposal.objects.active().filter(project=draft.project, freelancer=draft.freelancer).first()
    )


def open_draft_count(*, user: User) -> int:
    return ProposalDraft.objects.open().filter(freelancer=user).count()


def open_draft_ids(*, user: User) -> set[int]:
    return set(ProposalDraft.objects.open().filter(freelancer=user).values_list("pk", flat=True))


def redraft_job_latest(*, user: User) -> Job | None:
    """The user's latest bulk re-draft, for the progress bar on the drafts page."""
    return jobs_for_user(user=user, kind=REDRAFT_JOB_KIND).first()
