"""A budget and duration estimate for a project being posted, from the active trained estimator.

The estimator is loaded once per process and loaded again only when a newer one becomes active
(one small query per estimate tells). With no trained estimator, or too few comparable rows for
the budget type, the answer says "not enough data yet" instead of inventing a figure.
"""

import logging
import math
import threading
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from insights.estimator import VERSION, BudgetEstimator, Posting
from insights.estimator.postings import budget_type_name, level_name
from insights.estimator.text import EncoderUnavailable
from projects.money import convert
from projects.selectors.skills import main_category, skills_resolve

from ..models import TrainedEstimator

logger = logging.getLogger(__name__)

MIN_SAMPLE = 20  # training rows of the budget type below which no estimate is shown
COMPARABLES = 5
NOT_ENOUGH_DATA = (
    "Not enough data yet: estimates appear once the marketplace has more completed "
    "projects like this one."
)
UNAVAILABLE = "Estimates are unavailable right now."
# A budget starting at this many times the top of the likely range is probably meant in another
# unit: a whole project's price typed as an hourly rate, most often.
FAR_ABOVE = 3

_lock = threading.Lock()
_loaded: tuple[int, BudgetEstimator] | None = None
_stale_reported: set[int] = set()


@dataclass(frozen=True)
class ComparableProject:
    title: str
    skills: tuple[str, ...]
    amount: Decimal  # in the estimate's currency
    duration_weeks: float | None
    similarity: float


@dataclass(frozen=True)
class Estimate:
    available: bool
    message: str
    budget_type: str
    currency: str
    amount: Decimal | None = None  # the fixed price or the hourly rate
    low: Decimal | None = None  # the 80% interval
    high: Decimal | None = None
    duration_weeks: int | None = None
    sample_size: int = 0
    comparables: list[ComparableProject] = field(default_factory=list)
    model_version: str = ""
    reads_details: bool = False  # the point depends on the details given
    market_range: bool = False  # the range is the market's usual one, not narrowed by them
    category: str = ""  # the kind of work it is compared with
    category_from_skills: bool = False  # not chosen: the category of most of its skills

    @property
    def hourly(self) -> bool:
        return self.budget_type == "hourly"

    @property
    def unit(self) -> str:
        """What follows an amount: "/h" for a rate, nothing for a price."""
        return "/h" if self.hourly else ""

    @property
    def kind(self) -> str:
        return "hourly" if self.hourly else "fixed-price"

    @property
    def edge(self) -> str:
        """Which end of the market's usual range the point sits on ("low", "high", else ""):
        the details put it further out, and it is held inside the range they could not narrow."""
        if not self.market_range or self.low is None or self.high is None or self.low >= self.high:
            return ""
        return "low" if self.amount == self.low else "high" if self.amount == self.high else ""


def _active_estimator() -> tuple[TrainedEstimator, BudgetEstimator | None] | None:
    """The active estimator, loaded from its artifact only when it changed; None in its place
    when it was trained by an earlier version of the estimator."""
    global _loaded
    row = (
        TrainedEstimator.objects.filter(is_active=True)
        .order_by("-created_at", "-pk")
        .only("pk", "version", "rows")
        .first()
    )
    if row is None:
        return None
    if not row.version.startswith(f"{VERSION}/"):
        # Trained by an earlier release, with other features: it cannot read today's postings.
        if row.pk not in _stale_reported:  # once per process, not at every keystroke
            _stale_reported.add(row.pk)
            logger.error(
                "The active budget estimator (%s) predates this release (%s): run "
                "`manage.py train_estimator` or wait for the weekly training.",
                row.version,
                VERSION,
            )
        return row, None
    with _lock:
        if _loaded is None or _loaded[0] != row.pk:
            artifact = TrainedEstimator.objects.values_list("artifact", flat=True).get(pk=row.pk)
            _loaded = (row.pk, BudgetEstimator.from_bytes(artifact))
        return row, _loaded[1]


def estimator_forget() -> None:
    """Drop the loaded estimator (tests, or after deleting artifacts by hand)."""
    global _loaded
    with _lock:
        _loaded = None
        _stale_reported.clear()


def _money(amount_usd: float, currency: str) -> Decimal:
    """Whole units from 10 up, cents below: an estimate is no more precise than that, and
    a range reads "26 to 9,789", not "25.50 to 9,789"."""
    value = convert(Decimal(repr(amount_usd)), "USD", currency)
    step = Decimal("1") if value >= 10 else Decimal("0.01")
    return value.quantize(step, rounding=ROUND_HALF_UP)


def budget_estimate(
    *,
    title: str,
    description: str = "",
    skills: list[str] | tuple[str, ...] = (),
    experience_level: str | None = None,
    budget_type: str,
    hours_per_week: float | None = None,
    duration_weeks: float | None = None,
    currency: str = "USD",
    category: str | None = None,
) -> Estimate:
    """A fair budget (point and 80% range) and duration for the described work."""
    kind = budget_type_name(budget_type) or "fixed"
    unavailable = Estimate(False, NOT_ENOUGH_DATA, kind, currency)
    loaded = _active_estimator()
    if loaded is None:
        return unavailable
    row, estimator = loaded
    if estimator is None:
        return Estimate(False, UNAVAILABLE, kind, currency)
    if estimator.sample_size(kind) < MIN_SAMPLE:
        return unavailable
    inferred = None if category else main_category(skills_resolve(skills))
    category = category or (inferred.name if inferred else None)
    posting = Posting(
        title=" ".join(str(title).split()),
        description=" ".join(str(description or "").split()),
        skills=tuple(dict.fromkeys(s.strip() for s in skills if s and s.strip())),
        category=category or None,
        experience_level=level_name(experience_level),
        budget_type=kind,
        hours_per_week=hours_per_week or None,
        duration_weeks=duration_weeks or None,
    )
    try:
        [prediction] = estimator.predict([posting], comparables=COMPARABLES)
    except EncoderUnavailable as error:
        logger.error("Budget estimate unavailable: %s", error)
        return Estimate(False, UNAVAILABLE, kind, currency)
    if prediction is None:
        return unavailable
    weeks = prediction.duration_weeks
    return Estimate(
        available=True,
        message="",
        budget_type=kind,
        currency=currency,
        amount=_money(prediction.amount, currency),
        low=_money(prediction.low, currency),
        high=_money(prediction.high, currency),
        duration_weeks=max(1, math.floor(weeks + 0.5)) if weeks else None,
        sample_size=prediction.sample_size,
        comparables=[
            ComparableProject(
                title=c.title,
                skills=c.skills,
                amount=_money(c.amount, currency),
                duration_weeks=c.duration_weeks,
                similarity=c.similarity,
            )
            for c in prediction.comparables
        ],
        model_version=row.version,
        reads_details=prediction.reads_details,
        market_range=prediction.market_range,
        category=category or "",
        category_from_skills=inferred is not None,
    )


def _figure(amount: Decimal) -> str:
    """1,250, 5 or 7.50: cents only when there are, as the box writes the estimate's amounts."""
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def budget_against_estimate(
    estimate: Estimate | None, budget_min: Decimal | None, budget_max: Decimal | None
) -> str:
    """What the budget typed so far says against the estimate ("" when nothing is worth saying).

    Both are in the form's currency. A budget whose top is below the range will draw few
    proposals; one that starts far above it was probably typed in the other unit.
    """
    if estimate is None or not estimate.available or not (budget_min or budget_max):
        return ""
    amounts = [a for a in (budget_min, budget_max) if a]
    bottom, top = min(amounts), max(amounts)
    unit = f" {estimate.currency}{estimate.unit}"  # as the box writes amounts: "49.20 USD/h"
    usual = f"{_figure(estimate.low)}\u2013{_figure(estimate.high)}{unit}"
    if top < estimate.low:
        return (
            f"Your budget tops out at {_figure(top)}{unit}, below the range of such projects "
            f"({usual}): expect few proposals, or ask for less work."
        )
    if bottom >= FAR_ABOVE * estimate.high:
        said = (
            f"Your budget starts at {_figure(bottom)}{unit}, {round(bottom / estimate.high):,} "
            f"times the top of the range of such projects ({usual})."
        )
        if estimate.hourly:
            return f"{said} If it is the price of the whole project, choose “Fixed price”."
        return f"{said} Check the amount, or describe the work so the estimate can see its size."
    return ""
