"""Forms for what a freelancer can do and wants: skills and work preferences."""

from django import forms
from django.urls import reverse_lazy

from accounts.forms import MONEY_ERRORS
from accounts.models import FreelancerProfile
from projects.models import SkillCategory

SKILL_LEVELS = [
    (1, "1: Beginner"),
    (2, "2: Some experience"),
    (3, "3: Capable"),
    (4, "4: Advanced"),
    (5, "5: Expert"),
]


class SkillAddForm(forms.Form):
    # Named `q` because the same input drives the autocomplete (GET ?q=) of the skill picker.
    q = forms.CharField(
        label="Skill",
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "hx-get": reverse_lazy("projects:skill-autocomplete"),
                "hx-trigger": "input changed delay:200ms",
                "hx-target": "#skill-suggestions",
                # Explicit, or it would inherit the enclosing form's outerHTML swap.
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "aria-controls": "skill-suggestions",
                "data-skill-search": "",
            }
        ),
        help_text="Start typing and pick a suggestion, or write your own.",
        error_messages={
            "required": "Type a skill, for example Django or Copywriting.",
            "max_length": "A skill name can be at most 100 characters.",
        },
    )
    level = forms.TypedChoiceField(
        choices=SKILL_LEVELS,
        coerce=int,
        initial=3,
        error_messages={
            "required": "Choose a level from 1 (beginner) to 5 (expert).",
            "invalid_choice": "Choose a level from 1 (beginner) to 5 (expert).",
        },
    )
    years = forms.IntegerField(
        label="Years",
        min_value=0,
        max_value=60,
        initial=0,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            "Years of experience must be a number from 0 to 60.",
        ),
    )

    # The talent services key their errors by their own argument names.
    service_fields = {"text": "q", "level": "level", "years": "years"}


class FreelancerPreferencesForm(forms.Form):
    min_rate = forms.DecimalField(
        label="Minimum hourly rate",
        required=False,
        max_digits=9,
        decimal_places=2,
        help_text="Offers below this are not shown to you. Leave empty for no minimum.",
        error_messages={
            "invalid": "Enter the minimum rate as a number, for example 30 or 30.50.",
            **MONEY_ERRORS,
        },
    )
    budget_preference = forms.ChoiceField(
        label="Kind of projects",
        choices=FreelancerProfile.BudgetPreference.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose fixed price, hourly, or both.",
            "invalid_choice": "Choose fixed price, hourly, or both.",
        },
    )
    project_size = forms.ChoiceField(
        choices=FreelancerProfile.ProjectSize.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the project size you prefer.",
            "invalid_choice": "Choose the project size you prefer.",
        },
    )
    categories = forms.ModelMultipleChoiceField(
        label="Categories you want work in",
        queryset=SkillCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose categories from the list."},
    )
    remote_only = forms.BooleanField(label="Remote work only", required=False)

    def __init__(self, *args, profile: FreelancerProfile, **kwargs):
        self.profile = profile
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, profile: FreelancerProfile) -> dict:
        return {
            "min_rate": profile.min_rate,
            "budget_preference": profile.budget_preference,
            "project_size": profile.project_size,
            "categories": list(profile.preferred_categories.all()),
            "remote_only": profile.remote_only,
        }

    def clean_min_rate(self):
        minimum = self.cleaned_data["min_rate"]
        if minimum is None:
            return None
        if minimum < 0:
            raise forms.ValidationError("Minimum rate cannot be negative.")
        rate = self.profile.hourly_rate
        if rate is not None and minimum > rate:
            raise forms.ValidationError(
                f"Minimum rate cannot be above your hourly rate ({rate} {self.profile.currency})."
            )
        return minimum
