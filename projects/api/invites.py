"""API: invitations — an employer invites a freelancer to propose; the freelancer may decline.

A freelancer accepts an invitation by sending a proposal on the project
(POST /api/v1/projects/{id}/proposals/).
"""

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from marketplace.api.permissions import IsEmployer, IsFreelancer
from projects.api.project_serializers import ProjectBriefSerializer
from projects.api.projects import MAX_ID
from projects.models import Invite
from projects.selectors.proposals import (
    freelancer_to_invite,
    invite_get_for_freelancer,
    invites_for_freelancer_with_parties,
    project_get_for_owner,
)
from projects.services.proposals import invite_create, invite_decline

FREELANCER_UNKNOWN = "There is no active freelancer with this id."


class InviteFreelancerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class InviteSerializer(serializers.ModelSerializer):
    project = ProjectBriefSerializer(read_only=True)
    freelancer = InviteFreelancerSerializer(read_only=True)

    class Meta:
        model = Invite
        fields = ["id", "project", "freelancer", "message", "status", "created_at", "answered_at"]
        read_only_fields = fields


class InviteCreateSerializer(serializers.Serializer):
    freelancer = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The freelancer's user id."
    )
    message = serializers.CharField(
        max_length=2000,
        allow_blank=True,
        required=False,
        default="",
        help_text="Why you think they fit.",
    )

    def validate_freelancer(self, pk: int) -> User:
        freelancer = freelancer_to_invite(pk=pk)
        if freelancer is None:
            raise serializers.ValidationError(FREELANCER_UNKNOWN)
        return freelancer


class ProjectInvites(GenericAPIView):
    serializer_class = InviteSerializer
    permission_classes = [IsEmployer]

    @extend_schema(request=InviteCreateSerializer, responses={201: InviteSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Invite a freelancer to send a proposal on one of your open projects; they are told.

        Refused (400) when the project is not open, or the freelancer was already invited or
        already sent a proposal on it.
        """
        project = project_get_for_owner(user=request.user, pk=pk)
        data = InviteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invite = invite_create(employer=request.user, project=project, **data.validated_data)
        return Response(InviteSerializer(invite).data, status=201)


class InviteMine(ListAPIView):
    serializer_class = InviteSerializer
    permission_classes = [IsFreelancer]
    filter_backends = []

    def get_queryset(self) -> QuerySet[Invite]:
        return invites_for_freelancer_with_parties(user=self.request.user)

    @extend_schema(responses=InviteSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Invitations waiting for your answer, on projects still open, newest first."""
        return super().get(request, *args, **kwargs)


class InviteDecline(GenericAPIView):
    serializer_class = InviteSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses=InviteSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Decline an invitation; the employer sees it declined."""
        invite = invite_get_for_freelancer(user=request.user, pk=pk)
        invite_decline(freelancer=request.user, invite=invite)
        declined = invite_get_for_freelancer(user=request.user, pk=pk)
        return Response(InviteSerializer(declined).data)


urlpatterns = [
    path("projects/<int:pk>/invites/", ProjectInvites.as_view(), name="project-invites"),
    path("invites/", InviteMine.as_view(), name="invite-list"),
    path("invites/<int:pk>/decline/", InviteDecline.as_view(), name="invite-decline"),
]
