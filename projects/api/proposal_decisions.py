"""API: the project owner's decisions on a proposal — shortlist, archive, decline, and hire.

Each answers the proposal as it now is (hiring answers the new contract instead); a decision
the proposal's state does not allow is refused with 400 and the reason in ``non_field_errors``.
Another employer's proposal answers 404.
"""

from django.urls import NoReverseMatch, path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.permissions import IsEmployer
from projects.api.proposals import ProposalSerializer, proposal_body
from projects.selectors.proposals import proposal_get_for_owner
from projects.services import proposals as services
from projects.services.hiring import proposal_hire


class _ProposalDecision(GenericAPIView):
    """POST with no body: one of the owner's decisions on a proposal."""

    serializer_class = ProposalSerializer
    permission_classes = [IsEmployer]
    service = None

    def _decide(self, request: Request, pk: int) -> Response:
        proposal = proposal_get_for_owner(user=request.user, pk=pk)
        self.service(employer=request.user, proposal=proposal)
        return Response(proposal_body(request, proposal))


class ProposalShortlist(_ProposalDecision):
    service = staticmethod(services.proposal_shortlist)

    @extend_schema(request=None, responses=ProposalSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Put the freelancer on the project's shortlist; they are told once."""
        return self._decide(request, pk)


class ProposalUnshortlist(_ProposalDecision):
    service = staticmethod(services.proposal_unshortlist)

    @extend_schema(request=None, responses=ProposalSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Take the freelancer off the project's shortlist."""
        return self._decide(request, pk)


class ProposalArchive(_ProposalDecision):
    service = staticmethod(services.proposal_archive)

    @extend_schema(request=None, responses=ProposalSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Archive a submitted proposal: out of your way, not declined.

        The freelancer still sees it as submitted.
        """
        return self._decide(request, pk)


class ProposalUnarchive(_ProposalDecision):
    service = staticmethod(services.proposal_unarchive)

    @extend_schema(request=None, responses=ProposalSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Bring an archived proposal back among the submitted ones."""
        return self._decide(request, pk)


class ProposalDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=500,
        allow_blank=True,
        required=False,
        default="",
        help_text="The freelancer sees it; a sentence is enough.",
    )


class ProposalDecline(GenericAPIView):
    serializer_class = ProposalSerializer
    permission_classes = [IsEmployer]

    @extend_schema(request=ProposalDeclineSerializer, responses=ProposalSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Decline a proposal, with a reason the freelancer sees if you give one."""
        proposal = proposal_get_for_owner(user=request.user, pk=pk)
        data = ProposalDeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.proposal_decline(employer=request.user, proposal=proposal, **data.validated_data)
        return Response(proposal_body(request, proposal))


class ProposalHireSerializer(serializers.Serializer):
    start_date = serializers.DateField(help_text="Today or later.")
    terms = serializers.CharField(
        max_length=5000,
        allow_blank=True,
        required=False,
        default="",
        help_text="What you agreed: deliverables, working hours, how you review work.",
    )


class ProposalHireResultSerializer(serializers.Serializer):
    contract_id = serializers.IntegerField()
    contract_url = serializers.URLField(help_text="The contract in the API.")


def _contract_url(request: Request, contract_id: int) -> str:
    # The contracts endpoints belong to another part of the API; until they are routed, the
    # path they will have.
    try:
        path_ = reverse("api:contract-detail", args=[contract_id])
    except NoReverseMatch:
        path_ = f"/api/v1/contracts/{contract_id}/"
    return request.build_absolute_uri(path_)


class ProposalHire(GenericAPIView):
    serializer_class = ProposalHireResultSerializer
    permission_classes = [IsEmployer]

    @extend_schema(request=ProposalHireSerializer, responses={201: ProposalHireResultSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Hire the proposal's freelancer: a contract starts and the project is in progress.

        The project's other live proposals are declined and each freelancer is told.
        """
        proposal = proposal_get_for_owner(user=request.user, pk=pk)
        data = ProposalHireSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contract = proposal_hire(employer=request.user, proposal=proposal, **data.validated_data)
        body = {"contract_id": contract.pk, "contract_url": _contract_url(request, contract.pk)}
        return Response(ProposalHireResultSerializer(body).data, status=201)


urlpatterns = [
    path("proposals/<int:pk>/shortlist/", ProposalShortlist.as_view(), name="proposal-shortlist"),
    path(
        "proposals/<int:pk>/unshortlist/",
        ProposalUnshortlist.as_view(),
        name="proposal-unshortlist",
    ),
    path("proposals/<int:pk>/archive/", ProposalArchive.as_view(), name="proposal-archive"),
    path("proposals/<int:pk>/unarchive/", ProposalUnarchive.as_view(), name="proposal-unarchive"),
    path("proposals/<int:pk>/decline/", ProposalDecline.as_view(), name="proposal-decline"),
    path("proposals/<int:pk>/hire/", ProposalHire.as_view(), name="proposal-hire"),
]
