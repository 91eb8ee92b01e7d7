"""API: projects — the public browse, the project page, and the employer's posting and lifecycle.

A state the project is in that does not allow a change (editing a project in progress,
publishing one that is already open) is refused by the services with 400 and the reason in
``non_field_errors``; another employer changing a public project gets 403, and a project the
caller may not see is 404.
"""

from decimal import Decimal

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import CURRENCIES, LANGUAGE_CHOICES, User
from marketplace.api.permissions import IsEmployer
from projects.api.skills import SkillCategorySerializer
from projects.filters import NumberInFilter, ProjectFilter
from projects.lifecycle import EDITABLE, INTERNAL_ACTIONS, TRANSITIONS, actions_available
from projects.models import BudgetType, ExperienceLevel, Project, ProjectSkill, SkillCategory
from projects.selectors.projects import (
    project_browse_queryset,
    project_get_for_user,
    project_list_for_employer_detailed,
    project_proposal_counts,
)
from projects.selectors.reputation import employer_reputation
from projects.services.projects import (
    AMOUNT_POSITIVE,
    DESCRIPTION_REQUIRED,
    MAX_PROJECT_SKILLS,
    MAX_QUESTION_LENGTH,
    MAX_SCREENING_QUESTIONS,
    MAX_SKILL_LENGTH,
    TITLE_REQUIRED,
    ProjectDetails,
    project_cancel,
    project_close,
    project_create,
    project_publish,
    project_update,
)

MAX_ID = 2**31 - 1
NOT_OWNER = "Only the project's owner can change it."
CATEGORY_UNKNOWN = "Choose a category from the list (GET /api/v1/skill-categories/)."
OWNER_ACTIONS = [a for a in TRANSITIONS if a not in INTERNAL_ACTIONS]


# --- What a project looks like -----------------------------------------------------------


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


# --- What an employer writes -------------------------------------------------------------


def _amount(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=11,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={"min_value": AMOUNT_POSITIVE},
        **kwargs,
    )


def _skill_names(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=MAX_SKILL_LENGTH),
        max_length=MAX_PROJECT_SKILLS,
        required=False,
        help_text=help_text,
    )


class ProjectWriteSerializer(serializers.Serializer):
    """What an employer fills in to post or edit a project (everything but its lifecycle)."""

    title = serializers.CharField(
        max_length=140, error_messages={"required": TITLE_REQUIRED, "blank": TITLE_REQUIRED}
    )
    description = serializers.CharField(
        max_length=10000,
        error_messages={"required": DESCRIPTION_REQUIRED, "blank": DESCRIPTION_REQUIRED},
    )
    category = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        allow_null=True,
        required=False,
        help_text="A skill category's id (GET /api/v1/skill-categories/).",
    )
    budget_type = serializers.ChoiceField(choices=BudgetType.choices)
    budget_min = _amount(help_text="The whole price, or the hourly rate.")
    budget_max = _amount(help_text="At least budget_min.")
    currency = serializers.ChoiceField(choices=CURRENCIES, required=False)
    experience_level = serializers.ChoiceField(choices=ExperienceLevel.choices, required=False)
    duration_weeks = serializers.IntegerField(min_value=1, max_value=104)
    hours_per_week = serializers.IntegerField(
        min_value=1, max_value=80, allow_null=True, required=False
    )
    region = serializers.ChoiceField(choices=Project.Region.choices, required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CHOICES), max_length=20, required=False
    )
    visibility = serializers.ChoiceField(choices=Project.Visibility.choices, required=False)
    screening_questions = serializers.ListField(
        child=serializers.CharField(max_length=MAX_QUESTION_LENGTH),
        max_length=MAX_SCREENING_QUESTIONS,
        required=False,
        help_text="Questions every freelancer answers in their proposal.",
    )
    required_skills = _skill_names(
        "Skill names; each resolves through the taxonomy and its aliases, or is kept as written. "
        "At least one is needed to publish."
    )
    nice_skills = _skill_names("Nice-to-have skill names, resolved the same way.")

    def validate_category(self, value: int | None) -> SkillCategory | None:
        if value is None:
            return None
        category = SkillCategory.objects.filter(pk=value).first()
        if category is None:
            raise serializers.ValidationError(CATEGORY_UNKNOWN)
        return category


def _details_of(project: Project) -> ProjectDetails:
    """The project's current answers, for a PATCH to change only what it names."""
    skills = list(project.skills.all())
    return ProjectDetails(
        title=project.title,
        description=project.description,
        category=project.category,
        budget_type=project.budget_type,
        budget_min=project.budget_min,
        budget_max=project.budget_max,
        currency=project.currency,
        experience_level=project.experience_level,
        duration_weeks=project.duration_weeks,
        hours_per_week=project.hours_per_week,
        region=project.region,
        languages=list(project.languages or []),
        visibility=project.visibility,
        screening_questions=list(project.screening_questions or []),
        required_skills=[s.name for s in skills if s.required],
        nice_skills=[s.name for s in skills if not s.required],
    )


def _project_for_change(request: Request, pk: int) -> Project:
    """A project the caller may see, and owns: 404 when they may not see it, 403 if not theirs."""
    project = project_get_for_user(user=request.user, pk=pk)
    if project.employer_id != request.user.pk:
        raise PermissionDenied(NOT_OWNER)
    return project


# --- The endpoints -----------------------------------------------------------------------


class ProjectBrowseFilter(ProjectFilter):
    """The browse page's filters; skill ids out of range are a 400, not a database error."""

    skill = extend_schema_field(OpenApiTypes.INT)(
        NumberInFilter(
            method="filter_skill_ids",
            min_value=1,
            max_value=MAX_ID,
            help_text="Skill ids, separated by commas: projects asking for any of them.",
        )
    )


class ProjectList(ListAPIView):
    serializer_class = ProjectCardSerializer
    filterset_class = ProjectBrowseFilter

    def get_permissions(self):
        return [IsEmployer()] if self.request.method == "POST" else [AllowAny()]

    def get_queryset(self) -> QuerySet[Project]:
        return project_browse_queryset()

    @extend_schema(responses=ProjectCardSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Open projects: search and filter them by skill, category, budget and level.

        Without `q` or `sort`, the newest first; with `q`, the best match first.
        """
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ProjectWriteSerializer, responses={201: ProjectSerializer})
    def post(self, request: Request) -> Response:
        """Post a project: it is saved as a draft until you publish it."""
        data = ProjectWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        details = ProjectDetails(**data.validated_data)
        project = project_create(employer=request.user, details=details)
        return Response(project_body(request, project), status=201)


class ProjectMineQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Project.Status.choices,
        required=False,
        allow_blank=True,
        help_text="Only projects in this status; every status without it.",
    )


class ProjectMine(ListAPIView):
    serializer_class = ProjectSerializer
    permission_classes = [IsEmployer]
    filter_backends = []
    extra_error_codes = (400,)

    def get_queryset(self) -> QuerySet[Project]:
        query = ProjectMineQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        status = query.validated_data.get("status", "")
        return project_list_for_employer_detailed(employer=self.request.user, status=status)

    @extend_schema(parameters=[ProjectMineQuerySerializer], responses=ProjectSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Your projects in every status, newest first, with their proposal counts."""
        return super().get(request, *args, **kwargs)


class ProjectDetail(GenericAPIView):
    serializer_class = ProjectSerializer

    def get_permissions(self):
        return [IsEmployer()] if self.request.method == "PATCH" else [AllowAny()]

    @extend_schema(responses=ProjectSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """One project: open public ones for anyone; drafts and hidden ones for their owner only.

        The owner also sees the actions they can take and their proposal counts.
        """
        project = project_get_for_user(user=request.user, pk=pk)
        return Response(project_body(request, project))

    @extend_schema(request=ProjectWriteSerializer, responses=ProjectSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Change what a draft or open project asks for; only the fields sent change.

        An open project keeps at least one required skill. A project in progress, completed,
        closed or cancelled can no longer be edited (400, the reason in `non_field_errors`).
        """
        project = _project_for_change(request, pk)
        data = ProjectWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        details = _details_of(project)
        for name, value in data.validated_data.items():
            setattr(details, name, value)
        project_update(project=project, details=details)
        return Response(project_body(request, project))


class _ProjectTransition(GenericAPIView):
    """POST with no body: one step of the project's lifecycle, for its owner."""

    serializer_class = ProjectSerializer
    permission_classes = [IsEmployer]
    service = None

    def _transition(self, request: Request, pk: int) -> Response:
        project = _project_for_change(request, pk)
        self.service(project=project)
        return Response(project_body(request, project))


class ProjectPublish(_ProjectTransition):
    service = staticmethod(project_publish)

    @extend_schema(request=None, responses=ProjectSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Publish a draft: freelancers can find it and send proposals.

        It needs at least one required skill; a project that is not a draft answers 400.
        """
        return self._transition(request, pk)


class ProjectClose(_ProjectTransition):
    service = staticmethod(project_close)

    @extend_schema(request=None, responses=ProjectSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Close an open project without hiring; its live proposals are declined.

        Each freelancer who proposed is told. A project that is not open answers 400.
        """
        return self._transition(request, pk)


class ProjectCancel(_ProjectTransition):
    service = staticmethod(project_cancel)

    @extend_schema(request=None, responses=ProjectSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Cancel a draft or open project; its live proposals are declined.

        A project in progress or already ended answers 400.
        """
        return self._transition(request, pk)


urlpatterns = [
    path("projects/", ProjectList.as_view(), name="project-list"),
    path("projects/mine/", ProjectMine.as_view(), name="project-mine"),
    path("projects/<int:pk>/", ProjectDetail.as_view(), name="project-detail"),
    path("projects/<int:pk>/publish/", ProjectPublish.as_view(), name="project-publish"),
    path("projects/<int:pk>/close/", ProjectClose.as_view(), name="project-close"),
    path("projects/<int:pk>/cancel/", ProjectCancel.as_view(), name="project-cancel"),
]
