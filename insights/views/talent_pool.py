"""The talent-pool fragment on the project form: counts for the form's current answers.

The form sends whatever is filled in so far (htmx, GET, on every change); an answer that is
missing or not valid yet is named in the fragment, never an error page.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import CURRENCIES, User
from accounts.views import role_required
from projects.forms_projects import SKILL_SEPARATORS
from projects.models import BudgetType, ExperienceLevel

from ..selectors.talent_pool import TalentPoolAsk, talent_pool
from .estimate import optional_amount

# What to ask for, by field, when it is missing or not valid yet.
STILL_NEEDED = {
    "required_skills": "at least one required skill",
    "budget_type": "the budget type (fixed price or hourly)",
    "budget_max": "the top of your budget (“Budget up to”), as a number above 0",
    "duration_weeks": "the expected duration in weeks (1 to 104), to spread a fixed price "
    "over its hours",
    "hours_per_week": "hours per week as a number from 1 to 80, or leave it empty",
    "currency": "a currency from the list",
    "experience_level": "an experience level from the list",
}


class TalentPoolForm(forms.Form):
    """The project form's fields that the count depends on, all optional while typing."""

    required_skills = forms.CharField(required=False, max_length=2000)
    budget_type = forms.ChoiceField(choices=BudgetType.choices, required=False)
    budget_min = optional_amount()
    budget_max = optional_amount()
    currency = forms.ChoiceField(choices=CURRENCIES, required=False)
    experience_level = forms.ChoiceField(choices=ExperienceLevel.choices, required=False)
    duration_weeks = forms.IntegerField(required=False, min_value=1, max_value=104)
    hours_per_week = forms.IntegerField(required=False, min_value=1, max_value=80)

    def ask(self) -> tuple[TalentPoolAsk | None, list[str]]:
        """The ask, or None and what is still needed (in the form's order)."""
        self.is_valid()
        data = self.cleaned_data
        skills = [s.strip() for s in SKILL_SEPARATORS.split(data.get("required_skills", ""))]
        missing = set(self.errors) - {"budget_min"}  # only the top of the budget is counted
        missing |= {name for name in ("budget_type", "budget_max") if not data.get(name)}
        if not any(skills):
            missing.add("required_skills")
        if data.get("budget_type") == BudgetType.FIXED and not data.get("duration_weeks"):
            missing.add("duration_weeks")
        if missing:
            return None, [text for name, text in STILL_NEEDED.items() if name in missing]
        ask = TalentPoolAsk(
            skills=[s for s in skills if s],
            experience_level=data["experience_level"] or ExperienceLevel.INTERMEDIATE,
            budget_type=data["budget_type"],
            budget_max=data["budget_max"],
            currency=data["currency"] or "USD",
            duration_weeks=data["duration_weeks"],
            hours_per_week=data["hours_per_week"],
        )
        return ask, []

    def budget_reversed(self) -> bool:
        """ "Budget from" above "Budget up to": counted against the top, but worth saying."""
        low, high = (self.cleaned_data.get(name) for name in ("budget_min", "budget_max"))
        return bool(low and high and low > high)


@role_required(User.Role.EMPLOYER)
@require_GET
def talent_pool_fragment(request: HttpRequest) -> HttpResponse:
    """How many available freelancers fit the form's skills, level and budget, and what if."""
    form = TalentPoolForm(request.GET)
    ask, missing = form.ask()
    context = {
        "pool": talent_pool(ask=ask) if ask else None,
        "missing": missing,
        "budget_reversed": form.budget_reversed(),
    }
    return render(request, "insights/_talent_pool.html", context)
