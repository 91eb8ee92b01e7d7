"""Reputation, computed from contracts and published reviews (never stored, never edited).

Reviews are double-blind: a review is published once both parties of its contract have written
one, or Review.BLIND_DAYS after the contract ended, whichever comes first.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from projects.models import Contract, Project, Review
from projects.selectors.contracts import employer_spend

JOB_SUCCESS_HELP = (
    "Job success is the share of this freelancer's ended contracts (completed or cancelled) "
    "that were completed and earned a published employer review of 4 stars or more "
    "(the average of quality, communication and timeliness)."
)
HIRE_RATE_HELP = "Hire rate is the number of contracts started per project published."
# A review's rating is the mean of three 1-5 criteria; "4 stars or more" means they sum to 12+.
GOOD_RATING_SUM = 12
_RATING_SUM = F("rating_quality") + F("rating_communication") + F("rating_timeliness")


def _published(reviews: QuerySet[Review], now: dt.datetime | None = None) -> QuerySet[Review]:
    now = now or timezone.now()
    other_side = Review.objects.filter(contract=OuterRef("contract")).exclude(pk=OuterRef("pk"))
    return reviews.filter(
        Q(Exists(other_side))
        | Q(contract__ended_at__lte=now - dt.timedelta(days=Review.BLIND_DAYS))
    )


def review_is_published(review: Review, *, now: dt.datetime | None = None) -> bool:
    return _published(Review.objects.filter(pk=review.pk), now).exists()


def reviews_visible_for(*, subject: User) -> QuerySet[Review]:
    """Published reviews about `subject`, newest first: what the subject and the public see."""
    return (
        _published(Review.objects.filter(subject=subject))
        .select_related("author", "contract")
        .order_by("-created_at", "-pk")
    )


# The reviews a user receives in each role: as a freelancer from employers, and the reverse.
REVIEWED_AS = {
    User.Role.FREELANCER: Review.Direction.OF_FREELANCER,
    User.Role.EMPLOYER: Review.Direction.OF_EMPLOYER,
}


def review_subject_get(*, pk: int, role: str) -> User:
    """An active user of `role` whose published reviews may be read; anyone else is a 404."""
    return get_object_or_404(User, pk=pk, role=role, is_active=True)


def reviews_visible_as(*, subject: User, role: str) -> QuerySet[Review]:
    """Published reviews of `subject` in one role (freelancer or employer), newest first."""
    return reviews_visible_for(subject=subject).filter(direction=REVIEWED_AS[role])


@dataclass(frozen=True)
class ContractReviews:
    """The reviews on one contract as one viewer may see them."""

    mine: Review | None
    theirs: Review | None  # only once published
    theirs_waiting: bool  # the other side wrote one that is still blind
    published: list[Review] = field(default_factory=list)


def contract_reviews(*, contract: Contract, user: User) -> ContractReviews:
    """Your own review always; the other side's only once published (staff: published ones)."""
    reviews = list(contract.reviews.select_related("author", "subject"))
    published_ids = set(
        _published(Review.objects.filter(contract=contract)).values_list("pk", flat=True)
    )
    mine = next((r for r in reviews if r.author_id == user.pk), None)
    other = next((r for r in reviews if r.author_id != user.pk), None)
    return ContractReviews(
        mine=mine,
        theirs=other if other and other.pk in published_ids else None,
        theirs_waiting=bool(other and other.pk not in published_ids),
        published=[r for r in reviews if r.pk in published_ids],
    )


def _rating(reviews: QuerySet[Review]) -> tuple[float | None, int]:
    row = reviews.aggregate(total=Avg(_RATING_SUM), n=Count("pk"))
    if not row["n"]:
        return None, 0
    return round(float(row["total"]) / 3, 1), row["n"]


@dataclass(frozen=True)
class FreelancerReputation:
    job_success_percent: int | None  # None until a contract has ended
    contracts_completed: int
    contracts_ended: int
    average_rating: float | None  # 1.0 to 5.0, one decimal
    review_count: int
    help_text: str = JOB_SUCCESS_HELP


def freelancer_reputation(*, user: User) -> FreelancerReputation:
    """Job success, average published rating and contracts completed, in three queries."""
    counts = Contract.objects.filter(freelancer=user).aggregate(
        completed=Count("pk", filter=Q(status=Contract.Status.COMPLETED)),
        ended=Count("pk", filter=~Q(status=Contract.Status.ACTIVE)),
    )
    about_me = reviews_visible_for(subject=user).filter(direction=Review.Direction.OF_FREELANCER)
    average, review_count = _rating(about_me)
    successes = (
        about_me.filter(contract__status=Contract.Status.COMPLETED)
        .alias(rating_sum=_RATING_SUM)
        .filter(rating_sum__gte=GOOD_RATING_SUM)
        .values("contract")
        .distinct()
        .count()
    )
    ended = counts["ended"]
    return FreelancerReputation(
        job_success_percent=round(100 * successes / ended) if ended else None,
        contracts_completed=counts["completed"],
        contracts_ended=ended,
        average_rating=average,
        review_count=review_count,
    )


def freelancer_reputations(*, user_ids: list[int]) -> dict[int, FreelancerReputation]:
    """freelancer_reputation for many freelancers, keyed by user id, in three queries in all."""
    ids = list(user_ids)
    if not ids:
        return {}
    counts = {
        row["freelancer_id"]: row
        for row in Contract.objects.filter(freelancer_id__in=ids)
        .order_by()
        .values("freelancer_id")
        .annotate(
            completed=Count("pk", filter=Q(status=Contract.Status.COMPLETED)),
            ended=Count("pk", filter=~Q(status=Contract.Status.ACTIVE)),
        )
    }
    about = _published(
        Review.objects.filter(subject_id__in=ids, direction=Review.Direction.OF_FREELANCER)
    ).order_by()
    ratings = {
        row["subject_id"]: row
        for row in about.values("subject_id").annotate(total=Avg(_RATING_SUM), n=Count("pk"))
    }
    successes = dict(
        about.filter(contract__status=Contract.Status.COMPLETED)
        .alias(rating_sum=_RATING_SUM)
        .filter(rating_sum__gte=GOOD_RATING_SUM)
        .values("subject_id")
        .annotate(n=Count("contract", distinct=True))
        .values_list("subject_id", "n")
    )
    reputations = {}
    for user_id in ids:
        count = counts.get(user_id, {"completed": 0, "ended": 0})
        rating = ratings.get(user_id, {"total": None, "n": 0})
        ended = count["ended"]
        reputations[user_id] = FreelancerReputation(
            job_success_percent=(round(100 * successes.get(user_id, 0) / ended) if ended else None),
            contracts_completed=count["completed"],
            contracts_ended=ended,
            average_rating=round(float(rating["total"]) / 3, 1) if rating["n"] else None,
            review_count=rating["n"],
        )
    return reputations


@dataclass(frozen=True)
class EmployerReputation:
    projects_published: int
    hires: int
    hire_rate_percent: int | None  # None until a project is published
    average_rating: float | None
    review_count: int
    help_text: str = HIRE_RATE_HELP
    user: User | None = field(default=None, compare=False, repr=False)

    @cached_property
    def total_spend(self) -> dict[str, Decimal]:
        """Released payments and platform fees, by currency: one ledger query, run only by a
        reader that shows it (the project page's employer card does not)."""
        return employer_spend(user=self.user) if self.user is not None else {}


def employer_reputation(*, user: User) -> EmployerReputation:
    """Hire rate and average published rating in three queries; total spend on first use."""
    published = Project.objects.filter(employer=user, published_at__isnull=False).count()
    hires = Contract.objects.filter(employer=user).count()
    average, review_count = _rating(
        reviews_visible_for(subject=user).filter(direction=Review.Direction.OF_EMPLOYER)
    )
    return EmployerReputation(
        projects_published=published,
        hires=hires,
        hire_rate_percent=min(100, round(100 * hires / published)) if published else None,
        average_rating=average,
        review_count=review_count,
        user=user,
    )
