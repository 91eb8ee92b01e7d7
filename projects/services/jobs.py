"""Job rows: the state and progress of long-running work that a person watches on a page.

A Celery task that does such work calls these between its steps. Each call commits on its own
(no surrounding transaction), so the page polling the row sees the progress as it happens.
"""

from typing import Any

from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import User
from projects.models import Job

ERROR_MAX = 2000


def job_create(
    *, user: User, kind: str, title: str, params: dict[str, Any] | None = None, total: int = 0
) -> Job:
    """Record a job before its task is enqueued, so the page can show it at once."""
    return Job.objects.create(
        user=user, kind=kind, title=title[:200], params=params or {}, total=max(total, 0)
    )


def job_start(*, job_id: int, total: int) -> Job | None:
    """Mark a job running with its total; None if it is gone or already finished (a retry)."""
    finished = (Job.State.SUCCEEDED, Job.State.FAILED)
    updated = (
        Job.objects.filter(pk=job_id)
        .exclude(state__in=finished)
        .update(state=Job.State.RUNNING, total=max(total, 0), done=0, started_at=timezone.now())
    )
    return Job.objects.get(pk=job_id) if updated else None


def job_advance(*, job_id: int, done: int) -> None:
    """Record how many of the job's items are done (never beyond its total)."""
    Job.objects.filter(pk=job_id, state=Job.State.RUNNING).update(
        done=max(done, 0), total=Greatest(F("total"), max(done, 0))
    )


def job_succeed(*, job_id: int, result: dict[str, Any] | None = None, result_url: str = "") -> None:
    """Mark a job finished, with what it produced and where to open it."""
    Job.objects.filter(pk=job_id).exclude(state=Job.State.SUCCEEDED).update(
        state=Job.State.SUCCEEDED,
        done=F("total"),
        result=result or {},
        result_url=result_url,
        error="",
        finished_at=timezone.now(),
    )


def job_fail(*, job_id: int, error: str) -> None:
    """Mark a job failed with a message the person can read (never a stack trace)."""
    Job.objects.filter(pk=job_id).exclude(state=Job.State.SUCCEEDED).update(
        state=Job.State.FAILED, error=error[:ERROR_MAX], finished_at=timezone.now()
    )
