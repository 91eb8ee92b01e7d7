"""API: a freelancer's own skills and categories (``me/...``).

The portfolio has its own module (``portfolio.py``), included below; finding freelancers and
their public profiles are in ``freelancers.py``.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.services import profile_ensure
from marketplace.api.permissions import IsFreelancer
from projects.models import FreelancerSkill, SkillCategory
from projects.selectors.profile import (
    freelancer_profile_get,
    freelancer_skill_find,
    freelancer_skill_get_for_user,
    freelancer_skills,
)
from projects.selectors.skills import skill_resolve
from projects.services.talent import (
    freelancer_categories_set,
    freelancer_skill_add,
    freelancer_skill_remove,
)

from . import portfolio
from .skills import SkillCategorySerializer

LEVEL_HELP = "1 (beginner) to 5 (expert)."
LEVEL_ERROR = "Choose a level from 1 (beginner) to 5 (expert)."
YEARS_ERROR = "Years of experience must be a number from 0 to 60."
SKILL_NAME_REQUIRED = "Type a skill, for example Django or Copywriting."
SOURCE_HELP = (
    "How the skill was added: claimed (by you), learned (a course completed) or proven "
    "(a contract delivered)."
)
MAX_ID = 2**31 - 1


@contextmanager
def _service_fields(renames: dict[str, str]) -> Iterator[None]:
    """Key a service's field errors by this API's field names (its `text` is our `name`)."""
    try:
        yield
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        renamed = {renames.get(key, key): value for key, value in error.error_dict.items()}
        raise DjangoValidationError(renamed) from error


# --- me/skills/ -----------------------------------------------------------------------------


class FreelancerSkillSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="The taxonomy's name, or your text.")
    skill = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The taxonomy skill (see /skills/{id}/); null when the name is not in it yet "
        "and is kept as you typed it.",
    )
    source = serializers.CharField(read_only=True, help_text=SOURCE_HELP)

    class Meta:
        model = FreelancerSkill
        fields = ["id", "name", "skill", "level", "years", "source", "created_at"]
        read_only_fields = fields
        extra_kwargs = {"level": {"help_text": LEVEL_HELP}}


def _level_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=5,
        help_text=LEVEL_HELP,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), LEVEL_ERROR
        ),
        **kwargs,
    )


def _years_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0,
        max_value=60,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), YEARS_ERROR
        ),
        **kwargs,
    )


class FreelancerSkillCreateSerializer(serializers.Serializer):
    name = serializers.CharField(
        max_length=100,
        help_text="A skill's name or alias (“postgres” adds PostgreSQL). A name the taxonomy "
        "does not know yet is kept as you wrote it.",
        error_messages={
            "required": SKILL_NAME_REQUIRED,
            "blank": SKILL_NAME_REQUIRED,
            "max_length": "A skill name can be at most 100 characters.",
        },
    )
    level = _level_field(default=3)
    years = _years_field(default=0)

    def validate_name(self, name: str) -> str:
        # The website's picker updates a skill added twice; here that is PATCH's job.
        listed = freelancer_skill_find(profile=self.context["profile"], text=name)
        if listed is not None:
            raise serializers.ValidationError(
                f"You already list {listed.name} (level {listed.level}); change its level or "
                f"years with PATCH /api/v1/me/skills/{listed.pk}/."
            )
        return name


class FreelancerSkillUpdateSerializer(serializers.Serializer):
    level = _level_field(required=False)
    years = _years_field(required=False)

    def validate(self, attrs: dict) -> dict:
        item = self.context["item"]
        if item.skill_id is None and (known := skill_resolve(item.free_text)) is not None:
            # Saving would file it under the taxonomy's skill, as a new entry: say so instead.
            raise serializers.ValidationError(
                f"“{item.free_text}” is now in our skill list as {known.name}: add "
                f"{known.name} and delete this one."
            )
        return attrs


class FreelancerSkillList(ListAPIView):
    """Your skills, strongest first."""

    serializer_class = FreelancerSkillSerializer
    permission_classes = [IsFreelancer]
    filter_backends = []

    def get_queryset(self) -> QuerySet[FreelancerSkill]:
        return freelancer_skills(profile=profile_ensure(user=self.request.user))

    @extend_schema(
        request=FreelancerSkillCreateSerializer, responses={201: FreelancerSkillSerializer}
    )
    def post(self, request: Request) -> Response:
        """Add a skill by its name or an alias.

        A skill you already list is refused: change its level or years with PATCH.
        """
        profile = profile_ensure(user=request.user)
        data = FreelancerSkillCreateSerializer(data=request.data, context={"profile": profile})
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        with _service_fields({"text": "name"}):
            item = freelancer_skill_add(
                profile=profile, text=fields["name"], level=fields["level"], years=fields["years"]
            )
        return Response(FreelancerSkillSerializer(item).data, status=status.HTTP_201_CREATED)


class FreelancerSkillDetail(GenericAPIView):
    serializer_class = FreelancerSkillSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=FreelancerSkillUpdateSerializer, responses=FreelancerSkillSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Change the level or years of one of your skills."""
        item = freelancer_skill_get_for_user(user=request.user, pk=pk)
        data = FreelancerSkillUpdateSerializer(data=request.data, context={"item": item})
        data.is_valid(raise_exception=True)
        with _service_fields({"text": "name"}):
            item = freelancer_skill_add(
                profile=item.profile,
                text=item.free_text,
                skill=item.skill,
                level=data.validated_data.get("level", item.level),
                years=data.validated_data.get("years", item.years),
            )
        return Response(FreelancerSkillSerializer(item).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        """Remove one of your skills."""
        item = freelancer_skill_get_for_user(user=request.user, pk=pk)
        freelancer_skill_remove(profile=item.profile, skill_id=item.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- me/categories/ -------------------------------------------------------------------------


class PreferredCategoriesSerializer(serializers.Serializer):
    categories = SkillCategorySerializer(many=True, read_only=True)


class PreferredCategoriesUpdateSerializer(serializers.Serializer):
    categories = serializers.ListField(
        child=serializers.PrimaryKeyRelatedField(
            queryset=SkillCategory.objects.all(),
            pk_field=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            error_messages={
                "does_not_exist": "Choose categories from the list (/skill-categories/)."
            },
        ),
        max_length=100,
        help_text="Ids of the categories you want work in (see /skill-categories/); an empty "
        "list means none in particular.",
    )


class PreferredCategoriesView(GenericAPIView):
    serializer_class = PreferredCategoriesSerializer
    permission_classes = [IsFreelancer]

    def _shown(self) -> Response:
        profile = freelancer_profile_get(user=self.request.user)
        categories = sorted(profile.preferred_categories.all(), key=lambda c: c.name)
        return Response(PreferredCategoriesSerializer({"categories": categories}).data)

    @extend_schema(responses=PreferredCategoriesSerializer)
    def get(self, request: Request) -> Response:
        """The categories you want work in, as set during onboarding."""
        profile_ensure(user=request.user)
        return self._shown()

    @extend_schema(
        request=PreferredCategoriesUpdateSerializer, responses=PreferredCategoriesSerializer
    )
    def put(self, request: Request) -> Response:
        """Replace the categories you want work in."""
        data = PreferredCategoriesUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        categories = list(dict.fromkeys(data.validated_data["categories"]))
        freelancer_categories_set(profile=profile_ensure(user=request.user), categories=categories)
        return self._shown()


urlpatterns = [
    path("me/skills/", FreelancerSkillList.as_view(), name="me-skill-list"),
    path("me/skills/<int:pk>/", FreelancerSkillDetail.as_view(), name="me-skill-detail"),
    path("me/categories/", PreferredCategoriesView.as_view(), name="me-categories"),
    *portfolio.urlpatterns,
]
