"""API: finding freelancers (``freelancers/``), and a freelancer's profile as others see it.

The rate, country and photo follow each freelancer's visibility choice for the viewer
(`projects.selectors.visibility`): a field hidden from the caller is null, never left out, so
every response has the same shape.
"""

from django.db.models import QuerySet
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import FreelancerProfile
from marketplace.api.permissions import IsEmployer
from projects.models import FreelancerSkill
from projects.selectors.proposals import (
    freelancer_public_get,
    freelancer_public_portfolio,
    talent_search,
)
from projects.selectors.reputation import (
    JOB_SUCCESS_HELP,
    freelancer_reputation,
    freelancer_reputations,
)
from projects.selectors.visibility import profiles_shown_to

from .portfolio import PortfolioItemSerializer
from .talent import LEVEL_HELP

TOP_SKILLS = 8  # as many as the talent search page shows for each freelancer


class TalentSkillSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    skill = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The taxonomy skill; null for free text."
    )

    class Meta:
        model = FreelancerSkill
        fields = ["name", "skill", "level"]
        read_only_fields = fields
        extra_kwargs = {"level": {"help_text": LEVEL_HELP}}


class TalentReputationSerializer(serializers.Serializer):
    """The freelancer's record, computed from contracts and published reviews."""

    job_success_percent = serializers.IntegerField(
        allow_null=True, help_text=f"{JOB_SUCCESS_HELP} Null until a contract has ended."
    )
    contracts_completed = serializers.IntegerField()
    contracts_ended = serializers.IntegerField()
    average_rating = serializers.FloatField(
        allow_null=True, help_text="1.0 to 5.0; null until a review is published."
    )
    review_count = serializers.IntegerField()


HIDDEN = "null when the freelancer shows it to fewer people than you (their privacy settings)"


class TalentSummarySerializer(serializers.ModelSerializer):
    """A freelancer as others see them: the rate, country and photo each follow the
    freelancer's visibility choice for the viewer (`projects.selectors.visibility`)."""

    id = serializers.IntegerField(
        source="user_id", read_only=True, help_text="The freelancer's user id."
    )
    display_name = serializers.CharField(source="user.display_name", read_only=True)
    hourly_rate = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text=f"Null when not given, or {HIDDEN}.",
    )
    currency = serializers.CharField(
        read_only=True, allow_null=True, help_text=f"The rate's currency; {HIDDEN}."
    )
    country = serializers.CharField(
        read_only=True, allow_null=True, help_text=f"ISO 3166 code, or empty; {HIDDEN}."
    )
    country_name = serializers.CharField(
        source="country.name", read_only=True, allow_null=True, help_text=f"Or empty; {HIDDEN}."
    )
    photo_url = serializers.SerializerMethodField(
        help_text="Where to fetch the photo (a JPEG, with the same sign-in); null when there is "
        f"none or it is hidden from you: {HIDDEN}."
    )
    top_skills = serializers.SerializerMethodField()
    reputation = serializers.SerializerMethodField()

    class Meta:
        model = FreelancerProfile
        fields = [
            "id",
            "display_name",
            "headline",
            "hourly_rate",
            "currency",
            "country",
            "country_name",
            "photo_url",
            "top_skills",
            "reputation",
        ]
        read_only_fields = fields

    def to_representation(self, profile: FreelancerProfile) -> dict:
        data = super().to_representation(profile)
        shown = profile.shown  # set by profiles_shown_to: the view must have called it
        if not shown.rate:
            data["hourly_rate"] = data["currency"] = None
        if not shown.country:
            data["country"] = data["country_name"] = None
        return data

    def get_photo_url(self, profile: FreelancerProfile) -> str | None:
        if not profile.photo or not profile.shown.photo:
            return None
        url = reverse("projects:freelancer-photo", args=[profile.user_id])
        version = int(profile.updated_at.timestamp())
        return self.context["request"].build_absolute_uri(f"{url}?v={version}")

    @extend_schema_field(TalentSkillSerializer(many=True))
    def get_top_skills(self, profile: FreelancerProfile) -> list:
        return TalentSkillSerializer(list(profile.skills.all())[:TOP_SKILLS], many=True).data

    @extend_schema_field(TalentReputationSerializer)
    def get_reputation(self, profile: FreelancerProfile) -> dict:
        return TalentReputationSerializer(self.context["reputations"][profile.user_id]).data


class TalentProfileSerializer(TalentSummarySerializer):
    skills = TalentSkillSerializer(many=True, read_only=True)
    portfolio = serializers.SerializerMethodField()
    languages = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="ISO 639-1 codes."
    )

    class Meta(TalentSummarySerializer.Meta):
        fields = [
            *(f for f in TalentSummarySerializer.Meta.fields if f != "top_skills"),
            "bio",
            "years_experience",
            "availability_hours_per_week",
            "languages",
            "skills",
            "portfolio",
        ]
        read_only_fields = fields

    @extend_schema_field(PortfolioItemSerializer(many=True))
    def get_portfolio(self, profile: FreelancerProfile) -> list:
        items = freelancer_public_portfolio(profile=profile)
        return PortfolioItemSerializer(items, many=True).data


class TalentSearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Words in their name, headline, bio or skills; each must match.",
    )
    skill = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="One skill; aliases count (“k8s” finds Kubernetes).",
    )


@extend_schema(parameters=[TalentSearchQuerySerializer])
class FreelancerList(ListAPIView):
    """Find freelancers by words in their profile and by skill, most recently active first.

    Employers only, as on the website. Each freelancer comes with their top skills and their
    record (job success, rating).
    """

    serializer_class = TalentSummarySerializer
    permission_classes = [IsEmployer]
    filter_backends = []
    extra_error_codes = (400,)

    def get_queryset(self) -> QuerySet[FreelancerProfile]:
        query = TalentSearchQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return talent_search(
            text=query.validated_data.get("q", ""), skill=query.validated_data.get("skill", "")
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = profiles_shown_to(
            viewer=request.user, profiles=self.paginate_queryset(self.get_queryset())
        )
        context = self.get_serializer_context() | {
            "reputations": freelancer_reputations(user_ids=[p.user_id for p in page])
        }
        return self.get_paginated_response(
            TalentSummarySerializer(page, many=True, context=context).data
        )


class FreelancerDetail(GenericAPIView):
    serializer_class = TalentProfileSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=TalentProfileSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """A freelancer's profile: skills, portfolio and record on Gigwise.

        `id` is the freelancer's user id; anyone signed in may look, as on the website. The
        rate, country and photo are null when the freelancer does not show them to you.
        """
        profile = freelancer_public_get(pk=pk)
        profiles_shown_to(viewer=request.user, profiles=[profile])
        reputations = {profile.user_id: freelancer_reputation(user=profile.user)}
        context = self.get_serializer_context() | {"reputations": reputations}
        return Response(TalentProfileSerializer(profile, context=context).data)


urlpatterns = [
    path("freelancers/", FreelancerList.as_view(), name="freelancer-list"),
    path("freelancers/<int:pk>/", FreelancerDetail.as_view(), name="freelancer-detail"),
]
