"""API: proposal drafts — draft for a project, list, read, edit, re-draft, delete; bulk re-draft.

A draft is its freelancer's alone (anybody else's answers 404) and is never sent from here:
send its text with ``POST /api/v1/projects/<id>/proposals/``.
"""

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import CURRENCIES
from marketplace.api.permissions import IsFreelancer
from projects.api.jobs import JobSerializer
from projects.api.project_serializers import ProjectBriefSerializer
from projects.selectors.proposals import project_get_for_proposal

from ..models import ProposalDraft
from ..selectors import draft_get_for_user, drafts_for_user
from ..services import (
    TEXT_MAX,
    TEXT_REQUIRED,
    TEXT_TOO_LONG,
    proposal_draft_create,
    proposal_draft_delete,
    proposal_draft_regenerate,
    proposal_draft_update,
    proposal_drafts_redraft_start,
)


class DraftSourceSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Unique within the draft; sections cite it.")
    kind = serializers.ChoiceField(
        choices=["profile", "skill", "portfolio", "contract", "review", "project"]
    )
    label = serializers.CharField(help_text="The record: “Portfolio item “Booking API””.")
    field = serializers.CharField(help_text="The field of the record the fact comes from.")
    value = serializers.CharField(help_text="The value as the letter states it.")
    url = serializers.CharField(help_text="Where the web app shows the record; may be empty.")


class DraftSectionSerializer(serializers.Serializer):
    skill = serializers.CharField(help_text="One of the project's skills.")
    required = serializers.BooleanField(help_text="Required by the project, or nice to have.")
    has = serializers.BooleanField(help_text="False: the letter says you lack it.")
    sentence = serializers.CharField(help_text="What the letter says about it.")
    sources = serializers.ListField(child=serializers.CharField(), help_text="Source keys.")


class ProposalDraftSerializer(serializers.ModelSerializer):
    project = ProjectBriefSerializer(read_only=True)
    sources = DraftSourceSerializer(many=True, read_only=True)
    sections = DraftSectionSerializer(many=True, read_only=True)
    is_edited = serializers.BooleanField(read_only=True, help_text="Text differs from generated.")
    currency = serializers.ChoiceField(
        source="suggested_currency",
        choices=CURRENCIES,
        read_only=True,
        help_text="The suggested bid's currency: the project's.",
    )

    class Meta:
        model = ProposalDraft
        fields = [
            "id",
            "project",
            "text",
            "generated_text",
            "is_edited",
            "sections",
            "sources",
            "suggested_bid",
            "currency",
            "bid_reason",
            "generator",
            "generator_version",
            "generated_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "suggested_bid": {"help_text": "Null when there is no basis for a figure."},
            "bid_reason": {"help_text": "Why this bid, or why no figure."},
        }


class DraftTextSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=TEXT_MAX,
        help_text="Required: the cover letter in your own words.",
        error_messages={
            **dict.fromkeys(("required", "null", "blank"), TEXT_REQUIRED),
            "max_length": TEXT_TOO_LONG,
        },
    )


class RedraftSerializer(serializers.Serializer):
    include_edited = serializers.BooleanField(
        default=False, help_text="Also re-draft drafts you edited (your edits are replaced)."
    )


def _drafts(request: Request) -> QuerySet[ProposalDraft]:
    return drafts_for_user(user=request.user).select_related("project__employer__employer_profile")


def _shown(request: Request, draft: ProposalDraft, code: int = status.HTTP_200_OK) -> Response:
    return Response(ProposalDraftSerializer(_drafts(request).get(pk=draft.pk)).data, status=code)


class DraftList(ListAPIView):
    serializer_class = ProposalDraftSerializer
    permission_classes = [IsFreelancer]
    filter_backends = []

    def get_queryset(self) -> QuerySet[ProposalDraft]:
        return _drafts(self.request)

    def get(self, request: Request, *args, **kwargs) -> Response:
        """Your proposal drafts, latest first."""
        return super().get(request, *args, **kwargs)


class DraftCreate(GenericAPIView):
    serializer_class = ProposalDraftSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(
        request=None, responses={201: ProposalDraftSerializer, 200: ProposalDraftSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        """Draft a proposal for a project from your own data: 201 new, or 200 with the one you have.

        Nothing is sent. A project you cannot propose on answers 404.
        """
        project = project_get_for_proposal(user=request.user, pk=pk)
        draft, created = proposal_draft_create(freelancer=request.user, project=project)
        return _shown(request, draft, status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class DraftDetail(GenericAPIView):
    serializer_class = ProposalDraftSerializer
    permission_classes = [IsFreelancer]

    def get(self, request: Request, pk: int) -> Response:
        """One of your drafts, with its sources and the suggested bid."""
        return _shown(request, draft_get_for_user(user=request.user, pk=pk))

    @extend_schema(request=DraftTextSerializer, responses=ProposalDraftSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Save your own wording of the draft's letter (nothing is sent)."""
        draft = draft_get_for_user(user=request.user, pk=pk)
        data = DraftTextSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _shown(request, proposal_draft_update(draft=draft, text=data.validated_data["text"]))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        """Delete one of your drafts."""
        proposal_draft_delete(draft=draft_get_for_user(user=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DraftRegenerate(GenericAPIView):
    serializer_class = ProposalDraftSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses=ProposalDraftSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Write the draft again from your current profile; your edits to it are replaced.

        A project no longer taking proposals answers 400.
        """
        draft = draft_get_for_user(user=request.user, pk=pk)
        return _shown(request, proposal_draft_regenerate(draft=draft))


class DraftRedraft(GenericAPIView):
    serializer_class = JobSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=RedraftSerializer, responses={202: JobSerializer})
    def post(self, request: Request) -> Response:
        """Re-draft all your open drafts in the background; poll the job it returns.

        Open drafts are those on projects still taking proposals with no proposal sent yet.
        """
        data = RedraftSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = proposal_drafts_redraft_start(
            freelancer=request.user, include_edited=data.validated_data["include_edited"]
        )
        job.refresh_from_db()
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


urlpatterns = [
    path("projects/<int:pk>/draft/", DraftCreate.as_view(), name="proposal-draft-create"),
    path("drafts/", DraftList.as_view(), name="proposal-draft-list"),
    path("drafts/redraft/", DraftRedraft.as_view(), name="proposal-draft-redraft"),
    path("drafts/<int:pk>/", DraftDetail.as_view(), name="proposal-draft-detail"),
    path(
        "drafts/<int:pk>/regenerate/",
        DraftRegenerate.as_view(),
        name="proposal-draft-regenerate",
    ),
]
