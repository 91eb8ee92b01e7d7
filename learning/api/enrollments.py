"""API: the freelancer's own courses — enrolling, reporting progress, completing.

Completing a course adds the skills it teaches to the profile as *learned* (see
``learning.services.enrollments``); the enrolment then lists them in `learned_skills`.
Somebody else's enrolment answers 404.
"""

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import FreelancerProfile
from accounts.services import profile_ensure
from marketplace.api.permissions import IsFreelancer
from projects.api.projects import MAX_ID
from projects.models import FreelancerSkill

from ..models import Course, Enrollment
from ..selectors import enrollment_get_for_user
from ..services.enrollments import (
    MIN_CONFIDENCE,
    enrollment_complete,
    enrollment_progress_set,
    enrollment_start,
)
from .courses import CourseSerializer, course_skills_prefetch

COURSE_INVALID = "Name the course by its id (a whole number, see /api/v1/courses/)."
COURSE_UNKNOWN = "There is no course with this id (see /api/v1/courses/)."
PROGRESS_INVALID = "Give your progress as a whole number from 0 to 100."
PROGRESS_RANGE = "Progress is a percentage: from 0 to 100."


def _profile(request: Request) -> FreelancerProfile:
    return profile_ensure(user=request.user)


def _enrollments(profile: FreelancerProfile) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(profile=profile)
        .select_related("course")
        .prefetch_related(course_skills_prefetch("course"))
    )


def _held_skill_ids(profile: FreelancerProfile) -> set[int]:
    return set(
        FreelancerSkill.objects.filter(profile=profile, skill__isnull=False).values_list(
            "skill_id", flat=True
        )
    )


class EnrollmentSerializer(serializers.ModelSerializer):
    course = CourseSerializer(read_only=True)
    learned_skills = serializers.SerializerMethodField()

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "course",
            "status",
            "progress",
            "started_at",
            "completed_at",
            "learned_skills",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "progress": {"help_text": "Per cent, as you reported it; 100 once completed."},
            "completed_at": {"help_text": "Null until completed."},
        }

    @extend_schema_field(
        serializers.ListField(
            child=serializers.CharField(),
            help_text="Completed courses: the skills it teaches that are now on your profile "
            "(learned, or proven before). Empty while in progress.",
        )
    )
    def get_learned_skills(self, enrollment: Enrollment) -> list[str]:
        if not enrollment.is_completed:
            return []
        held = self.context["held"]
        return [
            row.skill.name
            for row in enrollment.course.course_skills.all()
            if row.confidence >= MIN_CONFIDENCE and row.skill_id in held
        ]


def _body(profile: FreelancerProfile, enrollments) -> dict | list:
    """Enrolments as the API shows them (one query for the profile's skills)."""
    many = not isinstance(enrollments, Enrollment)
    context = {"held": _held_skill_ids(profile)}
    return EnrollmentSerializer(enrollments, many=many, context=context).data


class EnrollmentCreateSerializer(serializers.Serializer):
    course = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="The course's id (see /api/v1/courses/).",
        error_messages=dict.fromkeys(
            ("required", "null", "invalid", "min_value", "max_value"), COURSE_INVALID
        ),
    )

    def validate_course(self, pk: int) -> Course:
        course = Course.objects.filter(pk=pk).first()
        if course is None:
            raise serializers.ValidationError(COURSE_UNKNOWN)
        return course  # a hidden one is refused by enrollment_start, keyed by `course`


class EnrollmentProgressSerializer(serializers.Serializer):
    progress = serializers.IntegerField(
        min_value=0,
        max_value=100,
        help_text="Required: per cent done, 0 to 100; 100 completes the course.",
        error_messages={
            **dict.fromkeys(("required", "null", "invalid", "max_string_length"), PROGRESS_INVALID),
            **dict.fromkeys(("min_value", "max_value"), PROGRESS_RANGE),
        },
    )


class EnrollmentList(ListAPIView):
    serializer_class = EnrollmentSerializer
    permission_classes = [IsFreelancer]
    filter_backends = []

    def get_queryset(self) -> QuerySet[Enrollment]:
        return _enrollments(_profile(self.request))

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(_body(_profile(request), page))

    @extend_schema(responses=EnrollmentSerializer(many=True))
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Your courses: those in progress first, then completed ones, latest first."""
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=EnrollmentCreateSerializer,
        responses={201: EnrollmentSerializer, 200: EnrollmentSerializer},
    )
    def post(self, request: Request) -> Response:
        """Enrol in a course: 201 with the new enrolment, or 200 with the one you already have.

        The course is no longer recommended to you. A course hidden by staff answers 400.
        """
        profile = _profile(request)
        data = EnrollmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        course = data.validated_data["course"]
        existed = Enrollment.objects.filter(profile=profile, course=course).exists()
        enrollment = enrollment_start(profile=profile, course=course)
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(_body(profile, _enrollments(profile).get(pk=enrollment.pk)), status=code)


class EnrollmentDetail(GenericAPIView):
    serializer_class = EnrollmentSerializer
    permission_classes = [IsFreelancer]

    def _shown(self, profile: FreelancerProfile, pk: int) -> Response:
        return Response(_body(profile, _enrollments(profile).get(pk=pk)))

    def get(self, request: Request, pk: int) -> Response:
        """One of your courses, with your progress."""
        profile = _profile(request)
        enrollment = enrollment_get_for_user(profile=profile, pk=pk)
        return self._shown(profile, enrollment.pk)

    @extend_schema(request=EnrollmentProgressSerializer, responses=EnrollmentSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Report your progress in a course, 0 to 100 per cent; 100 completes it.

        A completed course takes no more progress (400).
        """
        profile = _profile(request)
        enrollment = enrollment_get_for_user(profile=profile, pk=pk)
        data = EnrollmentProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrollment_progress_set(enrollment=enrollment, progress=data.validated_data["progress"])
        return self._shown(profile, enrollment.pk)


class EnrollmentComplete(GenericAPIView):
    serializer_class = EnrollmentSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses=EnrollmentSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Mark a course completed: the skills it teaches are added to your profile as learned.

        `learned_skills` names them. Completing it again changes nothing.
        """
        profile = _profile(request)
        enrollment = enrollment_get_for_user(profile=profile, pk=pk)
        enrollment_complete(enrollment=enrollment)
        return Response(_body(profile, _enrollments(profile).get(pk=enrollment.pk)))


urlpatterns = [
    path("learning/enrollments/", EnrollmentList.as_view(), name="learning-enrollment-list"),
    path(
        "learning/enrollments/<int:pk>/",
        EnrollmentDetail.as_view(),
        name="learning-enrollment-detail",
    ),
    path(
        "learning/enrollments/<int:pk>/complete/",
        EnrollmentComplete.as_view(),
        name="learning-enrollment-complete",
    ),
]
