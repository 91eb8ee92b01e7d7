"""API: the course catalogue (``/api/v1/courses/``), public, searchable and filterable."""

from django.db.models import Prefetch, QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny

from projects.api.projects import MAX_ID

from ..models import Course, CourseSkill, Level

SKILL_INVALID = "Give a skill id (a whole number, see /api/v1/skills/)."


class SkillNameSerializer(serializers.Serializer):
    """A skill of the taxonomy, by id and name (see /api/v1/skills/{id}/)."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class CourseSkillSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="skill_id", read_only=True, help_text="The skill's id.")
    name = serializers.CharField(source="skill.name", read_only=True)

    class Meta:
        model = CourseSkill
        fields = ["id", "name", "confidence", "method"]
        read_only_fields = fields
        extra_kwargs = {
            "confidence": {"help_text": "0 to 1: how sure Gigwise is that the course teaches it."},
            "method": {
                "help_text": "How it was found: set by hand, named in the title, or inferred "
                "from the title's meaning."
            },
        }


class CourseSerializer(serializers.ModelSerializer):
    skills = CourseSkillSerializer(
        source="course_skills", many=True, read_only=True, help_text="What it teaches."
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "provider",
            "title",
            "url",
            "level",
            "is_free",
            "price",
            "currency",
            "hours",
            "rating",
            "learners",
            "language",
            "skills",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "url": {"help_text": "The course on the provider's site."},
            "price": {"help_text": "0 when free."},
            "learners": {"help_text": "Learners the provider counts; null when unknown."},
        }


def courses_with_skills(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Courses with what the serializer shows of their skills, in one more query."""
    return courses.prefetch_related(
        Prefetch("course_skills", CourseSkill.objects.select_related("skill"))
    )


def course_skills_prefetch(prefix: str) -> Prefetch:
    """The same skills, for courses reached through `prefix` (``course``)."""
    return Prefetch(f"{prefix}__course_skills", CourseSkill.objects.select_related("skill"))


class CourseQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Words the title contains (as typed, any case).",
    )
    skill = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="Only courses teaching this skill (its id).",
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), SKILL_INVALID),
    )
    free = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: free courses only; false: paid ones only; leave out for both.",
        error_messages={"invalid": "Say true or false."},
    )
    level = serializers.ChoiceField(
        choices=Level.choices,
        required=False,
        allow_blank=True,
        help_text="Only courses at this level.",
        error_messages={"invalid_choice": "Choose all, beginner, intermediate or expert."},
    )
    provider = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        help_text="Only courses from this provider (its whole name, any case).",
    )


@extend_schema(parameters=[CourseQuerySerializer])
class CourseList(ListAPIView):
    """The course catalogue: search it by title, filter it by skill, price, level and provider.

    Open to anyone. Courses hidden by staff are left out; the rest come by title.
    """

    serializer_class = CourseSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self) -> QuerySet[Course]:
        query = CourseQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data
        courses = Course.objects.listed()
        if wanted.get("q", "").strip():
            courses = courses.filter(title__icontains=wanted["q"].strip())
        if wanted.get("skill"):
            courses = courses.filter(course_skills__skill_id=wanted["skill"])
        if wanted.get("free") is not None:
            courses = courses.filter(is_free=wanted["free"])
        if wanted.get("level"):
            courses = courses.filter(level=wanted["level"])
        if wanted.get("provider", "").strip():
            courses = courses.filter(provider__iexact=wanted["provider"].strip())
        return courses_with_skills(courses)


urlpatterns = [
    path("courses/", CourseList.as_view(), name="course-list"),
]
