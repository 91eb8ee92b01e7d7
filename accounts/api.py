"""API: the signed-in user and their own profile (``/api/v1/me/...``)."""

from django.urls import path
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.fields import TimeZoneNameField
from marketplace.api.permissions import IsEmployer, IsFreelancer

from . import api_privacy
from .models import LANGUAGE_CHOICES, EmployerProfile, FreelancerProfile, User
from .services import (
    employer_profile_update,
    freelancer_profile_update,
    profile_ensure,
    user_name_update,
)


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "display_name",
            "role",
            "is_staff",
            "onboarded_at",
            "date_joined",
        ]
        read_only_fields = ["id", "email", "role", "is_staff", "onboarded_at", "date_joined"]

    display_name = serializers.CharField(read_only=True)


class MeUpdateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, allow_blank=True)
    last_name = serializers.CharField(max_length=150, allow_blank=True)


class FreelancerProfileSerializer(CountryFieldMixin, serializers.ModelSerializer):
    timezone = TimeZoneNameField(required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CHOICES), required=False, max_length=20
    )

    class Meta:
        model = FreelancerProfile
        fields = [
            "headline",
            "bio",
            "hourly_rate",
            "currency",
            "country",
            "timezone",
            "languages",
            "years_experience",
            "availability_hours_per_week",
            "min_rate",
            "budget_preference",
            "project_size",
            "remote_only",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class EmployerProfileSerializer(CountryFieldMixin, serializers.ModelSerializer):
    timezone = TimeZoneNameField(required=False)

    class Meta:
        model = EmployerProfile
        fields = [
            "company_name",
            "company_size",
            "country",
            "timezone",
            "website",
            "description",
            "currency",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class MeView(GenericAPIView):
    serializer_class = MeSerializer

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        """Who is signed in: the account, its role and its name."""
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=MeUpdateSerializer, responses=MeSerializer)
    def patch(self, request: Request) -> Response:
        """Change the name shown to the other side of a contract."""
        data = MeUpdateSerializer(instance=None, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        names = {"first_name": request.user.first_name, "last_name": request.user.last_name}
        user_name_update(user=request.user, **(names | data.validated_data))
        return Response(MeSerializer(request.user).data)


class _OwnProfileView(GenericAPIView):
    """GET and PATCH of the signed-in user's profile; the role decides which one."""

    update = None  # the service that saves it

    def _profile(self):
        return profile_ensure(user=self.request.user)

    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(self._profile()).data)

    def patch(self, request: Request) -> Response:
        profile = self._profile()
        data = self.get_serializer(profile, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        self.update(profile=profile, **data.validated_data)
        profile.refresh_from_db()
        return Response(self.get_serializer(profile).data)


class FreelancerProfileView(_OwnProfileView):
    serializer_class = FreelancerProfileSerializer
    permission_classes = [IsFreelancer]
    update = staticmethod(freelancer_profile_update)

    def get(self, request: Request) -> Response:
        """Your freelancer profile: what clients see, and your preferences for matching."""
        return super().get(request)

    def patch(self, request: Request) -> Response:
        """Change any of your freelancer profile's fields."""
        return super().patch(request)


class EmployerProfileView(_OwnProfileView):
    serializer_class = EmployerProfileSerializer
    permission_classes = [IsEmployer]
    update = staticmethod(employer_profile_update)

    def get(self, request: Request) -> Response:
        """Your company profile, shown to freelancers on your projects."""
        return super().get(request)

    def patch(self, request: Request) -> Response:
        """Change any of your company profile's fields."""
        return super().patch(request)


urlpatterns = [
    path("me/", MeView.as_view(), name="me"),
    path("me/freelancer-profile/", FreelancerProfileView.as_view(), name="me-freelancer-profile"),
    path("me/employer-profile/", EmployerProfileView.as_view(), name="me-employer-profile"),
    *api_privacy.urlpatterns,
]
