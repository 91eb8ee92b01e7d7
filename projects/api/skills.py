"""API: the skill taxonomy, searchable by name or alias (``/api/v1/skills/``)."""

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny

from projects.models import Skill, SkillCategory
from projects.selectors.skills import skill_search


class SkillCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = SkillCategory
        fields = ["id", "name", "slug", "description"]


class SkillSerializer(serializers.ModelSerializer):
    category = SkillCategorySerializer(read_only=True, allow_null=True)
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")

    class Meta:
        model = Skill
        fields = [
            "id",
            "name",
            "slug",
            "category",
            "aliases",
            "source",
            "description",
            "is_hot",
            "is_in_demand",
        ]


class SkillListQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Part of a skill's name or one of its aliases (“postgres”, “k8s”). "
        "Without it, every skill, most in demand first.",
    )
    category = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Only skills in this category (its id).",
        error_messages={"invalid": "Give a category id (a number)."},
    )


@extend_schema(parameters=[SkillListQuerySerializer])
class SkillList(ListAPIView):
    """Skills: search the taxonomy by name or alias."""

    serializer_class = SkillSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self) -> QuerySet[Skill]:
        params = SkillListQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data.get("q", "")
        skills = (
            skill_search(query=query, limit=None)
            if query.strip()
            else Skill.objects.select_related("category").popular_first()
        )
        if category := params.validated_data.get("category"):
            skills = skills.filter(category_id=category)
        return skills.prefetch_related("aliases")


class SkillDetail(RetrieveAPIView):
    """One skill, with its category and aliases."""

    serializer_class = SkillSerializer
    permission_classes = [AllowAny]
    queryset = Skill.objects.select_related("category").prefetch_related("aliases")


class SkillCategoryList(ListAPIView):
    """Skill categories, the top level of the taxonomy."""

    serializer_class = SkillCategorySerializer
    permission_classes = [AllowAny]
    filter_backends = []
    queryset = SkillCategory.objects.order_by("name")


urlpatterns = [
    path("skills/", SkillList.as_view(), name="skill-list"),
    path("skills/<int:pk>/", SkillDetail.as_view(), name="skill-detail"),
    path("skill-categories/", SkillCategoryList.as_view(), name="skill-category-list"),
]
