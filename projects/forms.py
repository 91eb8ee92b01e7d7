"""Forms for what a freelancer can do and wants: skills, portfolio and work preferences."""

import re

from django import forms
from django.urls import reverse_lazy

from accounts.forms import money_errors
from accounts.models import FreelancerProfile
from projects.models import PortfolioItem, Skill, SkillCategory
from projects.selectors.skills import skill_resolve, skill_search
from projects.services.talent import MAX_PORTFOLIO_ITEM_SKILLS, PORTFOLIO_TITLE_REQUIRED
from projects.skill_names import normalise

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
            **money_errors(9),
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


SKILL_LIST_SEPARATORS = re.compile(r"[,;\n]")
SKILL_SUGGESTIONS = 3


def skill_names_split(text: str) -> list[str]:
    """The names in a comma-separated list, trimmed, without blanks or repeats."""
    names: dict[str, str] = {}
    for name in SKILL_LIST_SEPARATORS.split(text or ""):
        name = " ".join(name.split())
        if normalise(name):
            names.setdefault(normalise(name), name)
    return list(names.values())


def unknown_skill_message(name: str) -> str:
    suggestions = [skill.name for skill in skill_search(query=name, limit=SKILL_SUGGESTIONS)]
    if suggestions:
        return (
            f"We don't know “{name}” as a skill; remove it or pick a suggestion: "
            f"{', '.join(suggestions)}."
        )
    return f"We don't know “{name}” as a skill; remove it or check its spelling."


class PortfolioItemForm(forms.Form):
    title = forms.CharField(
        max_length=120,
        error_messages={
            "required": PORTFOLIO_TITLE_REQUIRED,
            "max_length": "A title can be at most 120 characters.",
        },
    )
    description = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you made, for whom, and what came of it.",
        error_messages={"max_length": "A description can be at most 5,000 characters."},
    )
    link = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="Where the work can be seen. We add https:// if you leave it out.",
        error_messages={
            "invalid": "Enter a web address, for example https://example.com/my-work.",
            "max_length": "A link can be at most 200 characters.",
        },
    )
    skills = forms.CharField(
        label="Skills used",
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="Separate skills with commas, for example: Django, PostgreSQL, React.",
        error_messages={"max_length": "The list of skills can be at most 1,000 characters."},
    )

    @classmethod
    def initial_for(cls, item: PortfolioItem) -> dict:
        return {
            "title": item.title,
            "description": item.description,
            "link": item.link,
            "skills": ", ".join(skill.name for skill in item.skills.all()),
        }

    def clean_skills(self) -> list[Skill]:
        names = skill_names_split(self.cleaned_data["skills"])
        if len(names) > MAX_PORTFOLIO_ITEM_SKILLS:
            raise forms.ValidationError(
                f"List at most {MAX_PORTFOLIO_ITEM_SKILLS} skills for one piece of work; "
                f"you listed {len(names)}."
            )
        # Few names, typed by a person: one lookup each, as the skill picker does.
        skills: list[Skill] = []
        unknown: list[str] = []
        for name in names:
            skill = skill_resolve(name)
            if skill is None:
                unknown.append(name)
            elif skill not in skills:
                skills.append(skill)
        if unknown:
            raise forms.ValidationError([unknown_skill_message(name) for name in unknown])
        return skills
