"""API: rate advice, demand trends and opportunities, from the same selectors as the page."""

from decimal import Decimal

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.selectors import freelancer_profile_of
from marketplace.api.permissions import IsFreelancer

from ..selectors.demand import demand_trends, opportunities
from ..selectors.rates import rate_advice


class SkillRateSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()
    level = serializers.CharField(help_text='The level of the figures ("" when every level).')
    region = serializers.CharField(help_text='The region of the figures ("any" when everywhere).')
    sample = serializers.IntegerField(help_text="Rates the figures come from.")
    contracts = serializers.IntegerField()
    hires = serializers.IntegerField(help_text="Hired bids without a contract yet.")
    asking = serializers.IntegerField(help_text="Profile rates and bids not taken.")
    enough = serializers.BooleanField(help_text="False below the minimum sample: no figures.")
    p25 = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    p50 = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    p75 = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    reason = serializers.CharField(help_text="The evidence in words, or why there is no figure.")


class RateAdviceSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="The currency of every amount here (yours).")
    level = serializers.CharField()
    region = serializers.CharField()
    rate = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    warning = serializers.CharField(help_text="Set when the rate is far below the 25th percentile.")
    skills = SkillRateSerializer(many=True)


class RateQuerySerializer(serializers.Serializer):
    rate = serializers.DecimalField(
        max_digits=11,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        help_text="A rate to check instead of your profile's, in your currency.",
    )


class RateAdviceView(GenericAPIView):
    serializer_class = RateAdviceSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(parameters=[RateQuerySerializer])
    def get(self, request: Request) -> Response:
        """Hourly rates seen for your main skills at your level and region, last 12 months.

        Below the minimum sample a skill has no figures and `reason` says so; `warning` is set
        when your rate (or `rate`) is far below the 25th percentile.
        """
        query = RateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        advice = rate_advice(
            profile=request.user.freelancer_profile, rate=query.validated_data.get("rate")
        )
        data = {
            "currency": advice.currency,
            "level": advice.level,
            "region": advice.region,
            "rate": advice.rate,
            "warning": advice.warning,
            "skills": [
                {**vars(item), "enough": item.enough, "reason": item.reason}
                for item in advice.skills
            ],
        }
        return Response(RateAdviceSerializer(data).data)


class TrendSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()
    yours = serializers.BooleanField(help_text="One of your skills.")
    projects_year = serializers.IntegerField(help_text="Projects asking for it in 12 months.")
    growth = serializers.FloatField(help_text="Last 13 weeks against the 13 before (0.5 = +50%).")
    budget_share = serializers.FloatField(help_text="Its share of the year's budgets, 0 to 1.")
    counts = serializers.ListField(
        child=serializers.IntegerField(), help_text="Projects per week, oldest first."
    )


class TrendsSerializer(serializers.Serializer):
    weeks = serializers.ListField(
        child=serializers.DateField(), help_text="The Monday of each week, oldest first."
    )
    skills = TrendSerializer(many=True)


class DemandTrendsView(GenericAPIView):
    serializer_class = TrendsSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        """Weekly demand over 12 months for the busiest skills and, for freelancers, their own."""
        profile = freelancer_profile_of(request.user)
        trends = demand_trends(profile=profile)
        data = {"weeks": trends.weeks, "skills": [vars(item) for item in trends.skills]}
        return Response(TrendsSerializer(data).data)


class OpportunitySerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()
    open_projects = serializers.IntegerField()
    available_freelancers = serializers.IntegerField()
    growth = serializers.FloatField()
    opportunity = serializers.FloatField(
        help_text="Open projects per available freelancer (+1), times rising demand (up to 2x)."
    )
    via = serializers.CharField(help_text="Adjacent only: your skill it is often named with.")
    strength = serializers.FloatField(help_text="Adjacent only: how often (0 to 1).")


class OpportunitiesSerializer(serializers.Serializer):
    top = OpportunitySerializer(many=True)
    adjacent = OpportunitySerializer(many=True, help_text="Freelancers: next to your skills.")


class OpportunitiesView(GenericAPIView):
    serializer_class = OpportunitiesSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        """Skills in high, rising demand and short supply, ranked, with their figures."""
        profile = freelancer_profile_of(request.user)
        found = opportunities(profile=profile)
        data = {"top": [vars(o) for o in found.top], "adjacent": [vars(o) for o in found.adjacent]}
        return Response(OpportunitiesSerializer(data).data)


urlpatterns = [
    path("insights/rate-advice/", RateAdviceView.as_view(), name="insights-rate-advice"),
    path("insights/demand/", DemandTrendsView.as_view(), name="insights-demand"),
    path("insights/opportunities/", OpportunitiesView.as_view(), name="insights-opportunities"),
]
