"""API: a fair budget and duration for a project being described, as the project form shows it."""

from decimal import Decimal

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import CURRENCIES
from marketplace.api.permissions import IsEmployer
from projects.models import BudgetType, ExperienceLevel

from ..selectors.estimates import budget_against_estimate, budget_estimate

DESCRIBE = "Describe the work: a title or at least one skill."


class EstimateRequestSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=140, required=False, allow_blank=True)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=100), max_length=20, required=False, default=list
    )
    category = serializers.CharField(max_length=100, required=False, allow_null=True)
    budget_type = serializers.ChoiceField(choices=BudgetType.choices)
    currency = serializers.ChoiceField(choices=CURRENCIES, default="USD")
    budget_min = serializers.DecimalField(
        max_digits=11,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        help_text="The budget you have in mind, if any, to compare with the estimate.",
    )
    budget_max = serializers.DecimalField(
        max_digits=11, decimal_places=2, min_value=Decimal("0.01"), required=False
    )
    experience_level = serializers.ChoiceField(
        choices=ExperienceLevel.choices, required=False, allow_null=True
    )
    duration_weeks = serializers.IntegerField(min_value=1, max_value=104, required=False)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=80, required=False)

    def validate(self, attrs: dict) -> dict:
        if not (attrs.get("title", "").strip() or attrs.get("skills")):
            raise serializers.ValidationError({"title": [DESCRIBE]})
        return attrs


class ComparableSerializer(serializers.Serializer):
    title = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    duration_weeks = serializers.FloatField(allow_null=True)
    similarity = serializers.FloatField(help_text="0 to 1: how close its text and skills are.")


class EstimateSerializer(serializers.Serializer):
    available = serializers.BooleanField(help_text="False: not enough data; `message` says so.")
    message = serializers.CharField()
    budget_type = serializers.CharField()
    currency = serializers.CharField()
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Fixed price or hourly rate."
    )
    low = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="80% interval, low end."
    )
    high = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="80% interval, high end."
    )
    duration_weeks = serializers.IntegerField(allow_null=True)
    sample_size = serializers.IntegerField(help_text="Training rows of this budget type.")
    comparables = ComparableSerializer(many=True)
    model_version = serializers.CharField()
    reads_details = serializers.BooleanField(
        help_text="False: the point is the market's median; what you describe does not move it."
    )
    market_range = serializers.BooleanField(
        help_text="True: low and high are the usual range of such budgets on Gigwise, which "
        "what you describe does not narrow."
    )
    category = serializers.CharField(
        help_text="The kind of work it is compared with; empty when unknown."
    )
    category_from_skills = serializers.BooleanField(
        help_text="True: no category was given, so it is the category of most of the skills."
    )
    budget_advice = serializers.SerializerMethodField(
        help_text="When budget_min or budget_max was sent: what it says against the estimate "
        "(below the range, or far above it as if typed in the other unit); empty otherwise."
    )

    def get_budget_advice(self, _estimate) -> str:
        return self.context.get("budget_advice", "")


class BudgetEstimateView(GenericAPIView):
    serializer_class = EstimateSerializer
    permission_classes = [IsEmployer]

    @extend_schema(request=EstimateRequestSerializer, responses=EstimateSerializer)
    def post(self, request: Request) -> Response:
        """A fair budget (point and 80% range) and duration for the work you describe.

        Learned from completed contracts and posted budgets on Gigwise; the most similar of
        them come back as `comparables`. With too little data `available` is false.
        """
        ask = EstimateRequestSerializer(data=request.data)
        ask.is_valid(raise_exception=True)
        answers = dict(ask.validated_data)
        budget = answers.pop("budget_min", None), answers.pop("budget_max", None)
        estimate = budget_estimate(**answers)
        advice = budget_against_estimate(estimate, *budget)
        return Response(EstimateSerializer(estimate, context={"budget_advice": advice}).data)


urlpatterns = [
    path("insights/budget-estimate/", BudgetEstimateView.as_view(), name="insights-estimate"),
]
