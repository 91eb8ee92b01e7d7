"""A suggested bid with its reason, from insights' rate advice or the client's own budget.

Hourly projects: the market's rates for the project's skills at its level (insights), keeping
the freelancer's own rate when it sits within the middle half of them. Fixed-price projects:
Gigwise has no market figure for a whole piece of work, so the suggestion is the middle of the
client's range and says so. With nothing to go on, no figure: a reason only.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from accounts.models import FreelancerProfile
from insights.selectors.rates import bid_advice
from projects.models import Project
from projects.models.project import BudgetType
from projects.money import convert, money_format, money_range


@dataclass(frozen=True)
class BidSuggestion:
    amount: Decimal | None
    currency: str
    reason: str


def _whole(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _budget_note(project: Project, amount: Decimal) -> str:
    if amount > project.budget_max:
        top = money_format(project.budget_max, project.currency)
        return f" It is above the client's hourly budget, which tops out at {top}."
    if amount < project.budget_min:
        low = money_format(project.budget_min, project.currency)
        return f" It is below the client's hourly budget, which starts at {low}."
    return ""


def _hourly(project: Project, profile: FreelancerProfile) -> BidSuggestion:
    currency = project.currency
    advice = bid_advice(project=project, profile=profile, bid=None, currency=currency)
    market = next((item for item in advice.skills if item.enough), None)
    own = (
        _whole(convert(profile.hourly_rate, profile.currency, currency))
        if profile.hourly_rate
        else None
    )
    if market is not None:
        spread = money_range(market.p25, market.p75, currency)
        if own is not None and market.p25 <= own <= market.p75:
            reason = (
                f"Your own rate, {money_format(own, currency)}/h, is within the middle half of "
                f"rates for {market.skill} ({spread}). {market.reason}"
            )
            amount = own
        else:
            reason = (
                f"The median rate for {market.skill} is {money_format(market.p50, currency)}/h "
                f"(middle half {spread}). {market.reason}"
            )
            amount = market.p50
        return BidSuggestion(amount, currency, reason + _budget_note(project, amount))
    if own is not None:
        why = advice.skills[0].reason if advice.skills else "This project names no skills."
        reason = f"Your own profile rate; there are not enough market rates to compare. {why}"
        return BidSuggestion(own, currency, reason + _budget_note(project, own))
    return BidSuggestion(
        None,
        currency,
        "No suggestion: not enough market rates for this project's skills yet, and your "
        "profile has no hourly rate.",
    )


def bid_suggest(*, project: Project, profile: FreelancerProfile) -> BidSuggestion:
    """A bid for the project with the reason for it (amount None when there is no basis)."""
    if project.budget_type == BudgetType.HOURLY:
        return _hourly(project, profile)
    middle = _whole((project.budget_min + project.budget_max) / 2)
    budget = money_range(project.budget_min, project.budget_max, project.currency)
    return BidSuggestion(
        middle,
        project.currency,
        f"The middle of the client's fixed budget of {budget}. Gigwise has no market "
        "rate for a whole fixed-price project, so this is the client's own range, not an "
        "estimate of the work: adjust it to your plan.",
    )
