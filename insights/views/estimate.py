"""The budget and duration estimate on the project form, for the answers typed so far.

Sent by htmx as the employer fills in the form (POST: the description can be long). Anything
missing or not valid yet is left out of the estimate, never an error page.
"""

from decimal import Decimal

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from accounts.models import CURRENCIES, User
from accounts.views import role_required
from projects.forms_projects import SKILL_SEPARATORS
from projects.models import BudgetType, ExperienceLevel, SkillCategory

from ..selectors.estimates import budget_against_estimate, budget_estimate


def optional_amount() -> forms.DecimalField:
    """A budget box of the project form, read while it is typed: empty, or above zero."""
    return forms.DecimalField(
        required=False, min_value=Decimal("0.01"), max_digits=11, decimal_places=2
    )


class EstimateForm(forms.Form):
    """The project form's fields an estimate reads, all optional while typing."""

    title = forms.CharField(required=False, max_length=140)
    description = forms.CharField(required=False, max_length=10_000)
    required_skills = forms.CharField(required=False, max_length=2000)
    category = forms.ModelChoiceField(queryset=SkillCategory.objects.all(), required=False)
    budget_type = forms.ChoiceField(choices=BudgetType.choices, required=False)
    budget_min = optional_amount()
    budget_max = optional_amount()
    currency = forms.ChoiceField(choices=CURRENCIES, required=False)
    experience_level = forms.ChoiceField(choices=ExperienceLevel.choices, required=False)
    duration_weeks = forms.IntegerField(required=False, min_value=1, max_value=104)
    hours_per_week = forms.IntegerField(required=False, min_value=1, max_value=80)

    def _valid(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def answers(self) -> dict:
        """The valid answers the estimate reads; an invalid one counts as not given."""
        data = self._valid()
        skills = SKILL_SEPARATORS.split(data.get("required_skills") or "")
        return {
            "title": data.get("title") or "",
            "description": data.get("description") or "",
            "skills": [s.strip() for s in skills if s.strip()],
            "category": data["category"].name if data.get("category") else None,
            "budget_type": data.get("budget_type") or BudgetType.FIXED,
            "currency": data.get("currency") or "USD",
            "experience_level": data.get("experience_level") or None,
            "duration_weeks": data.get("duration_weeks"),
            "hours_per_week": data.get("hours_per_week"),
        }

    def budget(self) -> tuple[Decimal | None, Decimal | None]:
        """The budget typed so far, to compare with the estimate (not read by it)."""
        data = self._valid()
        return data.get("budget_min"), data.get("budget_max")


@role_required(User.Role.EMPLOYER)
@require_POST
def budget_estimate_fragment(request: HttpRequest) -> HttpResponse:
    """A fair budget range and duration for the work described so far, with comparables."""
    form = EstimateForm(request.POST)
    answers = form.answers()
    described = answers["title"] or answers["skills"]
    estimate = budget_estimate(**answers) if described else None
    context = {
        "estimate": estimate,
        "asked_weeks": answers["duration_weeks"],
        "budget_advice": budget_against_estimate(estimate, *form.budget()),
    }
    return render(request, "insights/_budget_estimate.html", context)
