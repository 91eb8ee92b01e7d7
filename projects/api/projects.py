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

from accounts.models import CURRENCIES, LANGUAGE_CHOICES
from marketplace.api.permissions import IsEmployer
from projects.api.project_serializers import ProjectCardSerializer, ProjectSerializer, project_body
from projects.filters import NumberInFilter, ProjectFilter
from projects.models import BudgetType, ExperienceLevel, Project, SkillCategory
from projects.selectors.projects import (
    project_browse_queryset,
    project_get_for_user,
    project_list_for_employer_detailed,
)
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
