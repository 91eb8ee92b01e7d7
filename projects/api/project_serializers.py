"""API: what a project looks like — the read-only serializers and the project page's body.

Shared by the projects endpoints (``projects.py``, which also holds what an employer writes),
proposals, invitations and matching, so they can show a project without the projects endpoints.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from accounts.models import LANGUAGE_CHOICES, User
from projects.api.skills import SkillCategorySerializer
from projects.lifecycle import EDITABLE, INTERNAL_ACTIONS, TRANSITIONS, actions_available
from projects.models import Project, ProjectSkill
from projects.selectors.projects import project_get_for_user, project_proposal_counts
from projects.selectors.reputation import employer_reputation

OWNER_ACTIONS = [a for a in TRANSITIONS if a not in INTERNAL_ACTIONS]


def _employer_profile(user: User):
    return getattr(user, "employer_profile", None)


class ProjectEmployerSerializer(serializers.Serializer):
    """Who posted the project, as freelancers see them."""

    id = serializers.IntegerField()
    display_name = serializers.CharField()
    company_name = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField(help_text="ISO 3166 code; empty when not given.")

    def get_company_name(self, user: User) -> str:
        profile = _employer_profile(user)
        return profile.company_name if profile else ""

    def get_country(self, user: User) -> str:
        profile = _employer_profile(user)
        return (profile.country.code or "") if profile else ""


class ProjectEmployerReputationSerializer(serializers.Serializer):
    """The employer's record on Gigwise, as the project page shows it."""

    projects_published = serializers.IntegerField()
    hires = serializers.IntegerField()
    hire_rate_percent = serializers.IntegerField(
        allow_null=True, help_text="Contracts started per project published; null until one is."
    )
    total_spend = serializers.DictField(
        child=serializers.DecimalField(max_digits=None, decimal_places=2),
        help_text="Paid for work (released plus platform fees), by currency code.",
    )
    average_rating = serializers.FloatField(
        allow_null=True, help_text="1.0 to 5.0 from freelancers' published reviews."
    )
    review_count = serializers.IntegerField()
    help_text = serializers.CharField()


class ProjectSkillSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    skill_id = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="The skill in the taxonomy the name resolved to (aliases count: “postgres” is "
        "PostgreSQL); null when it matched none and is kept as it was written.",
    )

    class Meta:
        model = ProjectSkill
        fields = ["name", "skill_id", "required"]
        read_only_fields = fields


class ProjectBriefSerializer(serializers.ModelSerializer):
    """A project in a line: what proposals and invitations show about the project they are on."""

    employer = ProjectEmployerSerializer(read_only=True)
    is_open = serializers.BooleanField(read_only=True, help_text="Still taking proposals.")

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "budget_type",
            "budget_min",
            "budget_max",
            "currency",
            "is_open",
            "employer",
        ]
        read_only_fields = fields


class ProjectCardSerializer(serializers.ModelSerializer):
    """An open project as the browse list shows it."""

    category = SkillCategorySerializer(read_only=True, allow_null=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CHOICES), read_only=True
    )
    skills = ProjectSkillSerializer(many=True, read_only=True)
    employer = ProjectEmployerSerializer(read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "description",
            "category",
            "budget_type",
            "budget_min",
            "budget_max",
            "currency",
            "experience_level",
            "duration_weeks",
            "hours_per_week",
            "region",
            "languages",
            "skills",
            "employer",
            "published_at",
        ]
        read_only_fields = fields


class ProjectSerializer(ProjectCardSerializer):
    """The whole project; its owner also sees what they can do with it and how many proposals."""

    screening_questions = serializers.ListField(child=serializers.CharField(), read_only=True)
    employer_reputation = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="The lifecycle actions the owner can take now (POST projects/{id}/<action>/); "
        "empty for anyone else."
    )
    editable = serializers.SerializerMethodField(
        help_text="The owner can still change what the project asks for (PATCH)."
    )
    proposal_count = serializers.SerializerMethodField(
        help_text="Live proposals on it; for the owner only, null for anyone else."
    )
    unread_proposal_count = serializers.SerializerMethodField(
        help_text="Live proposals the owner has not opened yet; null for anyone else."
    )

    class Meta(ProjectCardSerializer.Meta):
        fields = [
            *ProjectCardSerializer.Meta.fields,
            "visibility",
            "screening_questions",
            "status",
            "is_hidden",
            "hidden_reason",
            "closed_at",
            "created_at",
            "updated_at",
            "employer_reputation",
            "actions",
            "editable",
            "proposal_count",
            "unread_proposal_count",
        ]
        read_only_fields = fields

    def _is_owner(self, project: Project) -> bool:
        viewer = self.context["request"].user
        return viewer.is_authenticated and project.employer_id == viewer.pk

    @extend_schema_field(ProjectEmployerReputationSerializer(allow_null=True))
    def get_employer_reputation(self, project: Project) -> dict | None:
        """On the project page (one project); null in lists."""
        record = self.context.get("reputation")
        return ProjectEmployerReputationSerializer(record).data if record else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(OWNER_ACTIONS)))
    def get_actions(self, project: Project) -> list[str]:
        return actions_available(status=project.status) if self._is_owner(project) else []

    def get_editable(self, project: Project) -> bool:
        return self._is_owner(project) and project.status in EDITABLE

    def _count(self, project: Project, name: str) -> int | None:
        if not self._is_owner(project):
            return None
        if hasattr(project, name):  # annotated in the owner's list
            return getattr(project, name)
        return self.context.get("counts", {}).get(name)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_proposal_count(self, project: Project) -> int | None:
        return self._count(project, "proposal_count")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_unread_proposal_count(self, project: Project) -> int | None:
        return self._count(project, "unread_proposal_count")


def project_body(request: Request, project: Project) -> dict:
    """One project as the project page shows it to this viewer (fresh from the database)."""
    project = project_get_for_user(user=request.user, pk=project.pk)
    context = {"request": request, "reputation": employer_reputation(user=project.employer)}
    if project.employer_id == request.user.pk:
        context["counts"] = project_proposal_counts(project=project)
    return ProjectSerializer(project, context=context).data
