"""Client signals: an employer's record on Gigwise, as a freelancer sees it on a project page.

Every figure is derived from the employer's projects, contracts, milestones, the escrow ledger
and published reviews; none is ever typed in. The record projects already keeps
(projects.selectors.reputation.employer_reputation: projects posted, spend, reviews received)
is reused as it is; the rest is one aggregate query each, so the cost is the same nine queries
whether the employer has no history or years of it (plus the exchange rates, which
projects.money reads once per process).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone

from accounts.models import User
from projects.models import BudgetType, Contract, LedgerEntry, Milestone, Project, Review
from projects.money import convert
from projects.payments import TestPaymentProvider
from projects.selectors.reputation import employer_reputation

CENT = Decimal("0.01")
ZERO = Decimal("0")


@dataclass(frozen=True)
class ClientSignals:
    """An employer's record; money in `currency` (the viewer's), None where there is no history."""

    currency: str
    joined_at: dt.datetime
    projects_published: int
    projects_decided: int  # published, and hired on or no longer open
    projects_hired: int
    total_spend: Decimal | None  # released milestone payments, fees included
    hourly_contracts: int
    average_hourly_rate: Decimal | None
    milestones_on_time: int
    milestones_late: int
    reviews_given: int
    reviews_received: int
    average_rating_received: float | None  # 1.0 to 5.0
    payment_verified: bool
    payment_test_mode: bool

    @property
    def hire_rate_percent(self) -> int | None:
        if not self.projects_decided:
            return None
        return round(100 * self.projects_hired / self.projects_decided)

    @property
    def joined_today(self) -> bool:
        """Less than a day on Gigwise: "0 minutes" is not an account age anyone says."""
        return timezone.now() - self.joined_at < dt.timedelta(days=1)

    @property
    def milestones_released(self) -> int:
        return self.milestones_on_time + self.milestones_late

    @property
    def on_time_percent(self) -> int | None:
        if not self.milestones_released:
            return None
        return round(100 * self.milestones_on_time / self.milestones_released)

    @property
    def has_history(self) -> bool:
        """A record to judge beyond open postings: a settled project, a payment or a review."""
        return bool(
            self.projects_decided
            or self.total_spend
            or self.hourly_contracts
            or self.milestones_released
            or self.reviews_given
            or self.reviews_received
            or self.payment_verified
        )


def _in(amounts: dict[str, Decimal], currency: str) -> Decimal:
    """Amounts in several currencies as one sum in `currency`."""
    total = sum((convert(amount, source, currency) for source, amount in amounts.items()), ZERO)
    return Decimal(total).quantize(CENT)


def client_signals(*, employer: User, currency: str) -> ClientSignals:
    """The employer's hire rate, spend, rates paid, punctuality, reviews and payment status."""
    record = employer_reputation(user=employer)
    # Inside the filters: Django 5.2 drops an Exists annotation only an aggregate filter uses.
    hired = Q(Exists(Contract.objects.filter(project=OuterRef("pk"))))
    projects = Project.objects.filter(employer=employer, published_at__isnull=False).aggregate(
        decided=Count("pk", filter=~Q(status=Project.Status.OPEN) | hired),
        hired=Count("pk", filter=hired),
    )
    hourly = {
        row["currency"]: (row["total"], row["n"])
        for row in Contract.objects.filter(employer=employer, budget_type=BudgetType.HOURLY)
        .values("currency")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
    }
    hourly_count = sum(n for _total, n in hourly.values())
    rate_sum = _in({source: total for source, (total, _n) in hourly.items()}, currency)
    milestones = Milestone.objects.filter(
        contract__employer=employer,
        status=Milestone.Status.RELEASED,
        released_at__isnull=False,
    ).aggregate(
        on_time=Count("pk", filter=Q(released_at__date__lte=F("due_date"))),
        late=Count("pk", filter=Q(released_at__date__gt=F("due_date"))),
    )
    providers = set(
        LedgerEntry.objects.filter(contract__employer=employer, kind=LedgerEntry.Kind.FUND)
        .order_by()
        .values_list("provider", flat=True)
        .distinct()
    )
    return ClientSignals(
        currency=currency,
        joined_at=employer.date_joined,
        projects_published=record.projects_published,
        projects_decided=projects["decided"],
        projects_hired=projects["hired"],
        total_spend=_in(record.total_spend, currency) if record.total_spend else None,
        hourly_contracts=hourly_count,
        average_hourly_rate=(rate_sum / hourly_count).quantize(CENT) if hourly_count else None,
        milestones_on_time=milestones["on_time"],
        milestones_late=milestones["late"],
        reviews_given=Review.objects.filter(
            author=employer, direction=Review.Direction.OF_FREELANCER
        ).count(),
        reviews_received=record.review_count,
        average_rating_received=record.average_rating,
        payment_verified=bool(providers),
        payment_test_mode=providers == {TestPaymentProvider.name},
    )
