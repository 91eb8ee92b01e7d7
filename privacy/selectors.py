"""Reads of the privacy app: a person's exports, their deletion request, what blocks it."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from projects.models import Contract, Job, Milestone
from projects.selectors.jobs import job_get_for_user, jobs_for_user

from .models import AccountDeletion
from .storage import export_kept, export_name, export_storage

EXPORT_KIND = "privacy.data_export"
EXPORT_GONE = "This download is not ready, or its link has expired: request a new export."
# Money sits in escrow in these states: funded and not yet released or refunded.
ESCROW_HELD = (
    Milestone.Status.FUNDED,
    Milestone.Status.SUBMITTED,
    Milestone.Status.CHANGES_REQUESTED,
)
NAMED = 3  # how many contracts a blocker names before "and N more"


def data_exports_for(*, user: User) -> QuerySet[Job]:
    """The person's data exports, newest first."""
    return jobs_for_user(user=user, kind=EXPORT_KIND)


def data_export_expires_at(job: Job):
    return job.finished_at + export_kept() if job.finished_at else None


def data_export_is_available(job: Job) -> bool:
    """Built, and its link still in date (the file may already be gone if not)."""
    expires = data_export_expires_at(job)
    return (
        job.kind == EXPORT_KIND
        and job.state == Job.State.SUCCEEDED
        and bool(job.result_url)
        and expires is not None
        and timezone.now() < expires
    )


def data_export_file_get(*, user: User, job_pk: int) -> tuple[Job, object]:
    """The person's own export ZIP, open for reading; 404 for anybody else's or when expired.

    Staff get a 404 like anybody else: an export is read by the person it is about, only.
    """
    job = job_get_for_user(user=user, pk=job_pk)
    storage, name = export_storage(), export_name(job_id=job.pk)
    if not data_export_is_available(job) or not storage.exists(name):
        raise Http404(EXPORT_GONE)
    return job, storage.open(name, "rb")


def deletion_pending_for(*, user: User) -> AccountDeletion | None:
    if not user.is_authenticated:
        return None
    return AccountDeletion.objects.pending().filter(user=user).first()


def _titles(contracts: list[Contract]) -> str:
    named = ", ".join(f"“{c.title}”" for c in contracts[:NAMED])
    more = len(contracts) - NAMED
    return f"{named} and {more} more" if more > 0 else named


def deletion_blockers(*, user: User) -> list[str]:
    """What the person must finish before their account can be deleted, in plain words.

    An active contract or money held in escrow involves somebody else who is owed work or
    money; deleting the account in the middle would leave them without a counterpart.
    """
    theirs = Q(employer=user) | Q(freelancer=user)
    blockers = []
    active = list(Contract.objects.filter(theirs, status=Contract.Status.ACTIVE).order_by("pk"))
    if active:
        blockers.append(f"End or complete your active contracts first: {_titles(active)}.")
    held = list(
        Contract.objects.filter(theirs, milestones__status__in=ESCROW_HELD)
        .distinct()
        .order_by("pk")
    )
    if held:
        blockers.append(
            "Money is still held in escrow on milestones of "
            f"{_titles(held)}: it must be released or refunded first."
        )
    return blockers
