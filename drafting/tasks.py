"""Drafting's Celery tasks: thin, taking ids, safe to run twice (a finished job is left alone)."""

from celery import shared_task


@shared_task(name="drafting.redraft", acks_late=True, max_retries=2, default_retry_delay=30)
def proposal_drafts_redraft(job_id: int) -> None:
    from .services import proposal_drafts_redraft_run

    proposal_drafts_redraft_run(job_id=job_id)
