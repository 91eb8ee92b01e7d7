"""Writes of proposal drafts: draft, re-draft, edit, delete, and the bulk re-draft job."""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import FreelancerProfile, User
from accounts.services import profile_ensure
from matching.encoder import encoder_or_none
from ops.services.outbox import enqueue
from projects.models import Job, Project
from projects.services.jobs import job_advance, job_create, job_fail, job_start, job_succeed

from .bids import BidSuggestion, bid_suggest
from .generators.base import GeneratedDraft, generator_configured
from .models import REDRAFT_JOB_KIND, ProposalDraft
from .retrieval import evidence_retrieve

logger = logging.getLogger(__name__)

TEXT_MAX = 10000  # the proposal form's cover-letter limit: a draft must fit it
TEXT_REQUIRED = "Write the cover letter: a draft cannot be empty."
TEXT_TOO_LONG = f"A cover letter is at most {TEXT_MAX:,} characters; shorten it."
FREELANCERS_ONLY = "Only freelancer accounts can draft proposals."
PROJECT_CLOSED = "This project no longer takes proposals, so it cannot be drafted for."


@dataclass
class _Written:
    draft: GeneratedDraft
    bid: BidSuggestion
    generator: str
    version: str


def _write(*, profile: FreelancerProfile, project: Project) -> _Written:
    """Retrieve the evidence and write the letter (reads only; runs outside a transaction)."""
    generator = generator_configured()
    retrieval = evidence_retrieve(profile=profile, project=project, encoder=encoder_or_none())
    return _Written(
        draft=generator.generate(retrieval),
        bid=bid_suggest(project=project, profile=profile),
        generator=type(generator).__module__ + "." + type(generator).__name__,
        version=str(generator.version),
    )


def _fields(written: _Written) -> dict:
    return {
        "text": written.draft.text,
        "generated_text": written.draft.text,
        "sources": [source.as_dict() for source in written.draft.sources],
        "sections": [section.as_dict() for section in written.draft.sections],
        "generator": written.generator[:120],
        "generator_version": written.version[:40],
        "suggested_bid": written.bid.amount,
        "suggested_currency": written.bid.currency,
        "bid_reason": written.bid.reason[:500],
        "generated_at": timezone.now(),
    }


def _check(*, freelancer: User, project: Project) -> FreelancerProfile:
    if not freelancer.is_freelancer:
        raise ValidationError(FREELANCERS_ONLY)
    if not project.is_open or project.is_hidden:
        raise ValidationError({"project": PROJECT_CLOSED})
    return profile_ensure(user=freelancer)


def proposal_draft_create(*, freelancer: User, project: Project) -> tuple[ProposalDraft, bool]:
    """The freelancer's draft for the project, written now if there is none (created=True).

    An existing draft is returned untouched, so a second click never overwrites edits.
    """
    profile = _check(freelancer=freelancer, project=project)
    existing = ProposalDraft.objects.filter(freelancer=freelancer, project=project).first()
    if existing is not None:
        return existing, False
    written = _write(profile=profile, project=project)
    try:
        with transaction.atomic():
            draft = ProposalDraft.objects.create(
                freelancer=freelancer, project=project, **_fields(written)
            )
    except IntegrityError:
        # A second request drafted the same project meanwhile: theirs is the draft.
        return ProposalDraft.objects.get(freelancer=freelancer, project=project), False
    return draft, True


def proposal_draft_regenerate(*, draft: ProposalDraft) -> ProposalDraft:
    """Write the draft again from the current profile; the freelancer's edits are replaced."""
    profile = _check(freelancer=draft.freelancer, project=draft.project)
    written = _write(profile=profile, project=draft.project)
    with transaction.atomic():
        fields = _fields(written)
        ProposalDraft.objects.filter(pk=draft.pk).update(**fields, updated_at=timezone.now())
        draft.refresh_from_db()
    return draft


def proposal_draft_update(*, draft: ProposalDraft, text: str) -> ProposalDraft:
    """Save the freelancer's own wording of the letter."""
    # Browsers post a textarea's line breaks as CRLF; stored as written, an untouched letter
    # would no longer equal the generated one and count as edited.
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": TEXT_REQUIRED})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": TEXT_TOO_LONG})
    with transaction.atomic():
        draft.text = text
        draft.save(update_fields=["text", "updated_at"])
    return draft


def proposal_draft_delete(*, draft: ProposalDraft) -> None:
    """Throw a draft away (the project and any proposal sent are untouched)."""
    with transaction.atomic():
        draft.delete()


def proposal_drafts_redraft_start(*, freelancer: User, include_edited: bool = False) -> Job:
    """Queue a re-draft of the freelancer's open drafts; the Job row shows its progress."""
    from .tasks import proposal_drafts_redraft

    if not freelancer.is_freelancer:
        raise ValidationError(FREELANCERS_ONLY)
    total = ProposalDraft.objects.open().filter(freelancer=freelancer).count()
    with transaction.atomic():
        job = job_create(
            user=freelancer,
            kind=REDRAFT_JOB_KIND,
            title="Re-drafting your open proposal drafts",
            params={"include_edited": include_edited},
            total=total,
        )
        enqueue(proposal_drafts_redraft, job.pk)
    return job


def proposal_drafts_redraft_run(*, job_id: int) -> None:
    """Re-draft each open draft of the job's owner, advancing the job as it goes.

    Safe to run twice: a finished job is left alone, and re-drafting the same profile writes
    the same letters. Drafts the freelancer edited are kept unless the job was asked to
    replace them.
    """
    job = Job.objects.filter(pk=job_id, kind=REDRAFT_JOB_KIND).select_related("user").first()
    if job is None or job.is_finished:
        return
    drafts = list(
        ProposalDraft.objects.open()
        .filter(freelancer=job.user)
        .select_related("project", "freelancer")
        .order_by("pk")
    )
    if job_start(job_id=job.pk, total=len(drafts)) is None:
        return
    include_edited = bool(job.params.get("include_edited"))
    redrafted = kept = 0
    try:
        for done, draft in enumerate(drafts, start=1):
            if draft.is_edited and not include_edited:
                kept += 1
            else:
                proposal_draft_regenerate(draft=draft)
                redrafted += 1
            job_advance(job_id=job.pk, done=done)
    except Exception:
        logger.exception("Re-drafting job %s failed", job.pk)
        job_fail(job_id=job.pk, error="Re-drafting stopped with an error; try again later.")
        raise
    summary = f"{redrafted} draft{'s' if redrafted != 1 else ''} re-drafted"
    if kept:
        summary += f", {kept} you edited kept as they were"
    job_succeed(
        job_id=job.pk,
        result={"summary": summary + ".", "redrafted": redrafted, "kept": kept},
        result_url=reverse("drafting:draft-list"),
    )
