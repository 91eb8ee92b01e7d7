"""Reads of job rows: only the person who started a job sees it."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from projects.models import Job


def job_get_for_user(*, user: User, pk: int) -> Job:
    """One of the user's jobs; 404 for anybody else's."""
    return get_object_or_404(Job, pk=pk, user=user)


def jobs_for_user(*, user: User, kind: str | None = None) -> QuerySet[Job]:
    """The user's jobs, newest first, optionally of one kind."""
    jobs = Job.objects.filter(user=user)
    return jobs.filter(kind=kind) if kind else jobs
