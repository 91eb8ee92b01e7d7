"""API: the freelancer's learning plan (skill gaps, recommended courses) and course settings.

The plan is computed the first time it is asked for (as the learning path page does), then kept
current by the nightly run and by changes to the freelancer's skills and settings.
"""

from django.db.models import prefetch_related_objects
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import FreelancerProfile
from accounts.services import profile_ensure
from marketplace.api.permissions import IsFreelancer

from ..models import CourseRecommendation, LearnerSettings, LearningPlan, SkillGap
from ..selectors import LearningPath, learner_settings, learning_path
from ..services.enrollments import learner_settings_set
from ..services.plans import learning_plan_ensure
from .courses import CourseSerializer, SkillNameSerializer, course_skills_prefetch

LEVEL_CHOICE = "Choose any, beginner, intermediate or expert."
FREE_ONLY_INVALID = "Say true (free courses only) or false (any price)."


def _path_of(request: Request) -> LearningPath:
    """The freelancer's plan and what hangs off it, computed first if they have none yet."""
    profile: FreelancerProfile = profile_ensure(user=request.user)
    learning_plan_ensure(profile=profile)
    return learning_path(profile=profile)


# --- learning/gaps/ -------------------------------------------------------------------------


class SkillGapSerializer(serializers.ModelSerializer):
    skill = SkillNameSerializer(read_only=True)
    near = SkillNameSerializer(
        read_only=True,
        allow_null=True,
        help_text="Your skill it is most often asked for with; null when none is.",
    )

    class Meta:
        model = SkillGap
        fields = [
            "skill",
            "kind",
            "rank",
            "score",
            "asked_by",
            "held_level",
            "growth",
            "open_projects",
            "near",
            "closeness",
            "reason",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "kind": {
                "help_text": "asked: gigs you nearly match ask for it; path: its demand grows "
                "while yours shrinks, and it sits next to what you know."
            },
            "rank": {"help_text": "1 is the gap most worth closing."},
            "score": {"help_text": "What the ranking is by: higher is more worth learning."},
            "asked_by": {"help_text": "How many of your best-matched open gigs ask for it."},
            "held_level": {"help_text": "Your level in it (1 to 5) when you hold it too low."},
            "growth": {"help_text": "Demand this quarter against the last (0.5 = +50%)."},
            "open_projects": {"help_text": "Open projects asking for it."},
            "closeness": {"help_text": "0 to 1: how often it is asked for with `near`."},
            "reason": {"help_text": "Why it is a gap, in words, with the figures."},
        }


class LearningPlanSerializer(serializers.ModelSerializer):
    gaps = SkillGapSerializer(many=True, read_only=True, help_text="Best first.")

    class Meta:
        model = LearningPlan
        fields = ["computed_at", "matched_gigs", "own_growth", "shrinking", "empty_reason", "gaps"]
        read_only_fields = fields
        extra_kwargs = {
            "own_growth": {
                "help_text": "Demand growth of your own skills (-0.2 = -20%); null when unknown."
            },
            "empty_reason": {"help_text": "Why there are no gaps, and what to do; else empty."},
        }


class SkillGaps(GenericAPIView):
    serializer_class = LearningPlanSerializer
    permission_classes = [IsFreelancer]

    def get(self, request: Request) -> Response:
        """Your skill gaps: what the gigs you nearly match ask for, and where demand is going.

        Computed on the first request, then kept current. With no gaps, `empty_reason` says why.
        """
        return Response(LearningPlanSerializer(_path_of(request).plan).data)


# --- learning/recommendations/ --------------------------------------------------------------


class CourseRecommendationSerializer(serializers.ModelSerializer):
    covers = SkillNameSerializer(
        many=True, read_only=True, help_text="The gaps of yours the course teaches."
    )
    course = CourseSerializer(read_only=True)

    class Meta:
        model = CourseRecommendation
        fields = ["rank", "score", "reason", "covers", "course"]
        read_only_fields = fields
        extra_kwargs = {
            "rank": {"help_text": "1 is the best course for your gaps."},
            "score": {"help_text": "How much of your top gaps it covers, nudged by its rating."},
            "reason": {"help_text": "Why this course, in words: gaps, hours, price, provider."},
        }


class CourseRecommendations(GenericAPIView):
    serializer_class = CourseRecommendationSerializer
    permission_classes = [IsFreelancer]
    filter_backends = []

    @extend_schema(responses=CourseRecommendationSerializer(many=True))
    def get(self, request: Request) -> Response:
        """Courses for your top skill gaps, best first, each with why.

        They follow your settings (free only, level); courses you enrolled in are left out.
        Computed on the first request, then kept current.
        """
        recommendations = _path_of(request).recommendations
        page = self.paginate_queryset(recommendations)
        prefetch_related_objects(page, course_skills_prefetch("course"))
        return self.get_paginated_response(CourseRecommendationSerializer(page, many=True).data)


# --- learning/settings/ ---------------------------------------------------------------------


class LearnerSettingsSerializer(serializers.ModelSerializer):
    free_only = serializers.BooleanField(
        help_text="Recommend free courses only.", error_messages={"invalid": FREE_ONLY_INVALID}
    )
    level = serializers.ChoiceField(
        choices=LearnerSettings.WantedLevel.choices,
        help_text="Recommend courses at this level (and those for all levels).",
        error_messages={"invalid_choice": LEVEL_CHOICE, "required": LEVEL_CHOICE},
    )

    class Meta:
        model = LearnerSettings
        fields = ["free_only", "level"]


class LearnerSettingsView(GenericAPIView):
    serializer_class = LearnerSettingsSerializer
    permission_classes = [IsFreelancer]

    def get(self, request: Request) -> Response:
        """What you want from courses: free ones only or any price, and at which level."""
        settings = learner_settings(profile_ensure(user=request.user))
        return Response(LearnerSettingsSerializer(settings).data)

    def put(self, request: Request) -> Response:
        """Set what you want from courses; your recommended courses are computed again."""
        data = LearnerSettingsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settings = learner_settings_set(
            profile=profile_ensure(user=request.user), **data.validated_data
        )
        return Response(LearnerSettingsSerializer(settings).data)


urlpatterns = [
    path("learning/gaps/", SkillGaps.as_view(), name="learning-gaps"),
    path(
        "learning/recommendations/",
        CourseRecommendations.as_view(),
        name="learning-recommendations",
    ),
    path("learning/settings/", LearnerSettingsView.as_view(), name="learning-settings"),
]
