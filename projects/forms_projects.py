"""The form employers post and edit a project with."""

import re

from django import forms
from django.core.exceptions import ValidationError

from accounts.forms import form_add_service_errors, integer_errors, money_errors
from accounts.models import CURRENCIES, LANGUAGE_CHOICES
from projects.filters import skill_search_attrs
from projects.models import BudgetType, ExperienceLevel, Project, SkillCategory
from projects.services.projects import (
    AMOUNT_POSITIVE,
    DESCRIPTION_REQUIRED,
    MAX_SCREENING_QUESTIONS,
    SKILL_REQUIRED_TO_PUBLISH,
    TITLE_REQUIRED,
    ProjectDetails,
    project_details_validate,
)

SKILL_SEPARATORS = re.compile(r"[,;\n]")


def _amount_field(label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=11,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
        error_messages={
            "required": AMOUNT_POSITIVE,
            "invalid": "Enter the amount as a number, for example 1500 or 45.50.",
            **money_errors(11),
        },
    )


class ProjectForm(forms.Form):
    title = forms.CharField(
        max_length=140,
        error_messages={
            "required": TITLE_REQUIRED,
            "max_length": "A title can be at most 140 characters.",
        },
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text="The goal, what is done already, what you expect delivered, and how you work.",
        error_messages={
            "required": DESCRIPTION_REQUIRED,
            "max_length": "A description can be at most 10,000 characters.",
        },
    )
    required_skills = forms.CharField(
        label="Required skills",
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs=skill_search_attrs("required-skill-suggestions")),
        help_text="Separate skills with commas. At least one is needed to publish.",
    )
    nice_skills = forms.CharField(
        label="Nice-to-have skills",
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs=skill_search_attrs("nice-skill-suggestions")),
        help_text="Separate skills with commas.",
    )
    category = forms.ModelChoiceField(
        queryset=SkillCategory.objects.order_by("name"),
        required=False,
        empty_label="Choose a category",
        error_messages={"invalid_choice": "Choose a category from the list."},
    )
    budget_type = forms.ChoiceField(
        label="Budget type",
        choices=BudgetType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a fixed price or an hourly rate.",
            "invalid_choice": "Choose a fixed price or an hourly rate.",
        },
    )
    budget_min = _amount_field("Budget from", "The whole price, or the hourly rate.")
    budget_max = _amount_field("Budget up to")
    currency = forms.ChoiceField(
        choices=CURRENCIES,
        initial="USD",
        error_messages={"invalid_choice": "Choose a currency from the list."},
    )
    experience_level = forms.ChoiceField(
        label="Experience level",
        choices=ExperienceLevel.choices,
        initial=ExperienceLevel.INTERMEDIATE,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the experience level you need.",
            "invalid_choice": "Choose the experience level you need.",
        },
    )
    duration_weeks = forms.IntegerField(
        label="Expected duration (weeks)",
        min_value=1,
        max_value=104,
        error_messages=integer_errors("Enter the expected duration in weeks, from 1 to 104."),
    )
    hours_per_week = forms.IntegerField(
        label="Hours per week",
        required=False,
        min_value=1,
        max_value=80,
        error_messages=integer_errors("Hours per week must be from 1 to 80."),
    )
    region = forms.ChoiceField(
        label="Time zone or region",
        choices=Project.Region.choices,
        initial=Project.Region.ANY,
        help_text="Whose working hours the work keeps. Freelancers sharing no working hour "
        "with the region are not suggested; fewer shared hours rank lower.",
        error_messages={"invalid_choice": "Choose a region from the list."},
    )
    languages = forms.MultipleChoiceField(
        required=False,
        choices=sorted(LANGUAGE_CHOICES, key=lambda choice: choice[1]),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Hold Ctrl (or ⌘ on a Mac) to choose more than one.",
        error_messages={"invalid_choice": "Choose languages from the list."},
    )
    visibility = forms.ChoiceField(
        choices=Project.Visibility.choices,
        initial=Project.Visibility.PUBLIC,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who can see the project.",
            "invalid_choice": "Choose who can see the project.",
        },
    )
    screening_questions = forms.CharField(
        label="Screening questions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"One question per line, at most {MAX_SCREENING_QUESTIONS}. "
        "Freelancers answer them in their proposal.",
    )

    def __init__(self, *args, project: Project | None = None, after: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # An open project, or one about to be published, needs a required skill.
        self.needs_skills = after == "publish" or (
            project is not None and project.status == Project.Status.OPEN
        )

    @classmethod
    def initial_for(cls, project: Project) -> dict:
        skills = list(project.skills.all())
        return {
            "title": project.title,
            "description": project.description,
            "required_skills": ", ".join(s.name for s in skills if s.required),
            "nice_skills": ", ".join(s.name for s in skills if not s.required),
            "category": project.category_id,
            "budget_type": project.budget_type,
            "budget_min": project.budget_min,
            "budget_max": project.budget_max,
            "currency": project.currency,
            "experience_level": project.experience_level,
            "duration_weeks": project.duration_weeks,
            "hours_per_week": project.hours_per_week,
            "region": project.region,
            "languages": project.languages,
            "visibility": project.visibility,
            "screening_questions": "\n".join(project.screening_questions),
        }

    def clean(self):
        data = super().clean()
        details = self.details(data)
        try:
            # The service's own rules, so every mistake shows at once next to its field.
            project_details_validate(details)
        except ValidationError as error:
            for name in error.error_dict:
                if name in self.errors:
                    continue
                form_add_service_errors(self, ValidationError({name: error.error_dict[name]}))
        if (
            self.needs_skills
            and not details.required_skills
            and "required_skills" not in self.errors
        ):
            self.add_error("required_skills", SKILL_REQUIRED_TO_PUBLISH)
        return data

    def details(self, data: dict | None = None) -> ProjectDetails:
        data = self.cleaned_data if data is None else data
        return ProjectDetails(
            title=data.get("title", ""),
            description=data.get("description", ""),
            category=data.get("category"),
            budget_type=data.get("budget_type", ""),
            budget_min=data.get("budget_min"),
            budget_max=data.get("budget_max"),
            currency=data.get("currency") or "USD",
            experience_level=data.get("experience_level") or ExperienceLevel.INTERMEDIATE,
            duration_weeks=data.get("duration_weeks"),
            hours_per_week=data.get("hours_per_week"),
            region=data.get("region") or Project.Region.ANY,
            languages=list(data.get("languages") or []),
            visibility=data.get("visibility") or Project.Visibility.PUBLIC,
            screening_questions=(data.get("screening_questions") or "").splitlines(),
            required_skills=SKILL_SEPARATORS.split(data.get("required_skills") or ""),
            nice_skills=SKILL_SEPARATORS.split(data.get("nice_skills") or ""),
        )
