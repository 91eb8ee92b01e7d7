"""API: the talent-pool signal the project form shows, for the answers given as query parameters."""

from decimal import Decimal

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import CURRENCIES
from marketplace.api.permissions import IsEmployer
from projects.forms_projects import SKILL_SEPARATORS
from projects.models import BudgetType, ExperienceLevel

from ..selectors.talent_pool import TalentPoolAsk, talent_pool

SKILLS_REQUIRED = "Name at least one required skill, for example skills=Django,PostgreSQL."
SKILLS_UNKNOWN = (
    "None of these skills is in our skill list yet: {names}. "
    "Try another name (GET /api/v1/skills/?q=...)."
)
BUDGET_REQUIRED = "Give the top of your budget as a number above 0, for example budget_max=50."
DURATION_REQUIRED = (
    "A fixed price needs duration_weeks (1 to 104), to spread it over its hours and compare it "
    "with hourly rates."
)


def _integer(low: int, high: int, message: str, **kwargs) -> serializers.IntegerField:
    errors = dict.fromkeys(("required", "invalid", "min_value", "max_value"), message)
    return serializers.IntegerField(min_value=low, max_value=high, error_messages=errors, **kwargs)


class TalentPoolQuerySerializer(serializers.Serializer):
    skills = serializers.CharField(
        max_length=2000,
        help_text="The required skills, separated by commas; names or aliases (k8s, postgres).",
        error_messages={"required": SKILLS_REQUIRED, "blank": SKILLS_REQUIRED},
    )
    experience_level = serializers.ChoiceField(
        choices=ExperienceLevel.choices, default=ExperienceLevel.INTERMEDIATE
    )
    budget_type = serializers.ChoiceField(
        choices=BudgetType.choices,
        error_messages={
            "required": "Choose budget_type: fixed or hourly.",
            "invalid_choice": "Choose budget_type: fixed or hourly.",
        },
    )
    budget_max = serializers.DecimalField(
        max_digits=11,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="The top of the budget: the hourly rate, or the whole fixed price.",
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), BUDGET_REQUIRED),
    )
    currency = serializers.ChoiceField(
        choices=CURRENCIES,
        default="USD",
        error_messages={"invalid_choice": "“{input}” is not a currency we support."},
    )
    duration_weeks = _integer(
        1,
        104,
        "duration_weeks must be a whole number of weeks from 1 to 104.",
        required=False,
        help_text="Needed for a fixed price.",
    )
    hours_per_week = _integer(
        1,
        80,
        "hours_per_week must be a whole number from 1 to 80.",
        required=False,
        help_text="For a fixed price; 15 is assumed without it.",
    )

    def validate_skills(self, value: str) -> list[str]:
        skills = [name.strip() for name in SKILL_SEPARATORS.split(value) if name.strip()]
        if not skills:
            raise serializers.ValidationError(SKILLS_REQUIRED)
        return skills

    def validate(self, attrs: dict) -> dict:
        if attrs["budget_type"] == BudgetType.FIXED and not attrs.get("duration_weeks"):
            raise serializers.ValidationError({"duration_weeks": [DURATION_REQUIRED]})
        return attrs


class TalentPoolSerializer(serializers.Serializer):
    skills = serializers.ListField(
        child=serializers.CharField(), help_text="The required skills as our skill list names them."
    )
    unknown_skills = serializers.ListField(
        child=serializers.CharField(), help_text="Skills not in our list: not counted."
    )
    experience_level = serializers.CharField(source="ask.experience_level")
    min_years = serializers.IntegerField(help_text="Years of experience the level expects.")
    currency = serializers.CharField(source="ask.currency")
    hourly_budget_max = serializers.DecimalField(
        source="hourly_max",
        max_digits=14,
        decimal_places=2,
        help_text="The budget's top as an hourly rate (a fixed price over its likely hours).",
    )
    with_all_skills = serializers.IntegerField(
        source="with_skills",
        help_text="Available freelancers with every required skill, at any level or rate.",
    )
    matching = serializers.IntegerField(
        help_text="Of those, how many have the years the level expects and a rate within budget."
    )
    most_skills = serializers.IntegerField(
        help_text="At least half the required skills: this many."
    )
    matching_most_skills = serializers.IntegerField(
        source="matching_most", help_text="With at least most_skills of them, the level and budget."
    )
    raised_hourly_budget_max = serializers.DecimalField(
        source="raised_hourly_max", max_digits=14, decimal_places=2
    )
    if_budget_raised = serializers.IntegerField(help_text="`matching` with the budget 25% higher.")
    lower_level = serializers.CharField(
        allow_null=True, help_text="One level lower; null when the level is entry."
    )
    if_level_lowered = serializers.IntegerField(
        allow_null=True, help_text="`matching` at the lower level; null when there is none."
    )
    top_rate = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text="The highest hourly rate asked by those with every required skill, in "
        "`currency`; null when none has a rate. A budget above it adds no one.",
    )


class TalentPoolView(GenericAPIView):
    serializer_class = TalentPoolSerializer
    permission_classes = [IsEmployer]

    @extend_schema(parameters=[TalentPoolQuerySerializer])
    def get(self, request: Request) -> Response:
        """How many available freelancers fit these skills, level and budget, and what if.

        A freelancer counts when active, offering some hours a week, listing every required
        skill, with the years the level expects and an hourly rate (converted to `currency`)
        within the budget. Also: the count with the budget 25% higher and one level lower.
        """
        query = TalentPoolQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        pool = talent_pool(ask=TalentPoolAsk(**query.validated_data))
        if not pool.skills:
            names = ", ".join(pool.unknown_skills)
            raise serializers.ValidationError({"skills": [SKILLS_UNKNOWN.format(names=names)]})
        return Response(TalentPoolSerializer(pool).data)


urlpatterns = [
    path("insights/talent-pool/", TalentPoolView.as_view(), name="talent-pool"),
]
