"""A digest a person asks for now, run as a job whose progress their page polls."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from ops.services.outbox import enqueue
from projects.models import Job
from projects.services.jobs import job_advance, job_create, job_fail, job_start, job_succeed

from ..models import SavedSearch
from .alerts import saved_search_digest_send

logger = logging.getLogger(__name__)
JOB_KIND = "automation.digest"
FAILED = "The digest could not be sent just now; nothing was sent twice. Try again later."


def digest_job_create(*, user: User, searches: list[SavedSearch]) -> Job:
    """Record a "send my digest now" job over `searches` and enqueue it after commit."""
    from ..tasks import saved_searches_digest_now

    title = (
        f"Digest for “{searches[0].name}”" if len(searches) == 1 else "Digest of my saved searches"
    )
    with transaction.atomic():
        job = job_create(
            user=user,
            kind=JOB_KIND,
            title=title,
            params={"search_ids": [s.pk for s in searches]},
            total=len(searches),
        )
        enqueue(saved_searches_digest_now, job.pk)
    return job


def digest_job_run(*, job_id: int) -> bool:
    """Send each of the job's searches now (each once: the sent-log holds), advancing it."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return False
    ids = [int(pk) for pk in job.params.get("search_ids", [])]
    if job_start(job_id=job_id, total=len(ids)) is None:
        return False  # already finished: a redelivered message
    sent = emailed = 0
    try:
        for done, pk in enumerate(ids, start=1):
            # Only the job owner's searches, whatever the params say.
            if SavedSearch.objects.filter(pk=pk, user_id=job.user_id).exists():
                result = saved_search_digest_send(search_id=pk, now=timezone.now(), force=True)
                sent += result.sent
                emailed += result.emailed
            job_advance(job_id=job_id, done=done)
    except Exception:
        logger.exception("digest job %s failed", job_id)
        job_fail(job_id=job_id, error=FAILED)
        return False
    summary = (
        f"Sent {sent} new project{'s' if sent != 1 else ''}"
        + (" (see your notifications and e-mail)." if emailed else " (see your notifications).")
        if sent
        else "Nothing new since your last digest: no project was sent twice."
    )
    job_succeed(
        job_id=job_id,
        result={"summary": summary, "sent": sent},
        result_url=reverse("automation:search-list"),
    )
    return True
