"""The market insights page and the rate-advice fragments the profile and proposal forms load."""

from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import CURRENCIES, User
from accounts.selectors import freelancer_profile_of
from accounts.views import role_required
from projects.selectors.projects import project_get_for_user

from ..models import TaskRun
from ..selectors.demand import demand_trends, opportunities
from ..selectors.rates import bid_advice, rate_advice

KNOWN_CURRENCIES = {code for code, _ in CURRENCIES}


def _amount(text: str | None) -> Decimal | None:
    """A positive amount typed in a form, or None for anything else (the form says why)."""
    try:
        value = Decimal((text or "").replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def _currency(code: str | None, default: str) -> str:
    return code if code in KNOWN_CURRENCIES else default


@login_required
@require_GET
def market_page(request: HttpRequest) -> HttpResponse:
    profile = freelancer_profile_of(request.user)
    context = {
        "advice": rate_advice(profile=profile) if profile else None,
        "trends": demand_trends(profile=profile),
        "opportunities": opportunities(profile=profile),
        "last_run": TaskRun.objects.filter(status=TaskRun.Status.SUCCEEDED).first(),
    }
    return render(request, "insights/market.html", context)


@role_required(User.Role.FREELANCER)
@require_GET
def rate_advice_fragment(request: HttpRequest) -> HttpResponse:
    """Advice for the freelancer's own skills, checking the rate being typed if there is one."""
    profile = request.user.freelancer_profile
    rate = _amount(request.GET.get("hourly_rate"))
    currency = _currency(request.GET.get("currency"), profile.currency)
    advice = rate_advice(profile=profile, rate=rate, currency=currency)
    return render(request, "insights/_rate_advice.html", {"advice": advice, "what": "rate"})


@role_required(User.Role.FREELANCER)
@require_GET
def bid_advice_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    """Rates for a project's skills at its level, checking the bid being typed on an hourly one."""
    project = project_get_for_user(user=request.user, pk=pk)
    currency = _currency(request.GET.get("currency"), project.currency)
    bid = _amount(request.GET.get("bid_amount")) if project.budget_type == "hourly" else None
    advice = bid_advice(
        project=project, profile=request.user.freelancer_profile, bid=bid, currency=currency
    )
    context = {"advice": advice, "what": "bid", "project": project}
    return render(request, "insights/_rate_advice.html", context)
