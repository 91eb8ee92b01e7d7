"""API: milestones on fixed-price contracts (``contracts/{id}/milestones/``, ``milestones/``).

The employer adds and funds a milestone, the freelancer submits work, the employer asks for
changes or approves it (releasing the escrow, less the platform fee). Each step is the
milestones service's: a step the milestone's state does not allow (submitting on an unfunded
milestone, approving work not yet submitted) is a 400 whose ``non_field_errors`` say why, and
repeating the step a milestone has just made changes nothing. The wrong side of the contract is a
403 (employer-only or freelancer-only); anybody else's milestone is a 404.
"""

from decimal import Decimal

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.permissions import IsEmployer, IsFreelancer
from projects.models import Milestone
from projects.selectors.contracts import (
    contract_get_for_party,
    contract_get_for_user,
    contract_milestones,
    milestone_get_for_party_by_pk,
    milestone_get_for_user,
)
from projects.services.milestones import (
    AMOUNT_POSITIVE,
    AMOUNT_TOO_LARGE,
    FEEDBACK_REQUIRED,
    NOTE_REQUIRED,
    TITLE_REQUIRED,
    milestone_approve,
    milestone_create,
    milestone_fund,
    milestone_request_changes,
    milestone_submit,
)

EMPLOYER, FREELANCER = "employer", "freelancer"
MILESTONE_ACTIONS = [
    ("fund", "Fund it into escrow (employer)"),
    ("submit", "Submit work (freelancer)"),
    ("approve", "Approve the work and release payment (employer)"),
    ("request_changes", "Send the work back with feedback (employer)"),
]
Status = Milestone.Status


def milestone_actions(milestone: Milestone, user) -> list[str]:
    """The steps this user may take on the milestone now, as the contract page offers them."""
    contract = milestone.contract
    role = contract.party_role(user)
    if role is None or not contract.is_active:
        return []
    if role == EMPLOYER:
        if milestone.status == Status.UNFUNDED:
            return ["fund"]
        if milestone.status == Status.SUBMITTED:
            return ["approve", "request_changes"]
        return []
    if milestone.status in (Status.FUNDED, Status.CHANGES_REQUESTED):
        return ["submit"]
    return []


class MilestoneSerializer(serializers.ModelSerializer):
    currency = serializers.CharField(source="contract.currency", read_only=True)
    actions = serializers.SerializerMethodField(help_text="What you may do now.")

    class Meta:
        model = Milestone
        fields = [
            "id",
            "contract",
            "title",
            "amount",
            "currency",
            "due_date",
            "status",
            "position",
            "submission_note",
            "feedback",
            "funded_at",
            "submitted_at",
            "released_at",
            "created_at",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(MILESTONE_ACTIONS)))
    def get_actions(self, milestone: Milestone) -> list[str]:
        return milestone_actions(milestone, self.context["request"].user)


class MilestoneCreateSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=140,
        error_messages={
            "required": TITLE_REQUIRED,
            "blank": TITLE_REQUIRED,
            "max_length": "Keep the title under 140 characters.",
        },
    )
    amount = serializers.DecimalField(
        max_digits=11,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="In the contract's currency; funded into escrow when you are ready.",
        error_messages={
            "min_value": AMOUNT_POSITIVE,
            "max_digits": AMOUNT_TOO_LARGE,
            "max_whole_digits": AMOUNT_TOO_LARGE,
            "max_decimal_places": "Use at most two decimal places, for example 499.50.",
        },
    )
    due_date = serializers.DateField(help_text="Today or later (YYYY-MM-DD).")


class MilestoneSubmitSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=5000,
        help_text="What you are submitting and where to find it (a link, a branch, a file).",
        error_messages={"required": NOTE_REQUIRED, "blank": NOTE_REQUIRED},
    )


class MilestoneRequestChangesSerializer(serializers.Serializer):
    feedback = serializers.CharField(
        max_length=5000,
        help_text="What needs to change; the escrow stays funded.",
        error_messages={"required": FEEDBACK_REQUIRED, "blank": FEEDBACK_REQUIRED},
    )


class ContractMilestoneList(ListAPIView):
    serializer_class = MilestoneSerializer
    filter_backends = []

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsEmployer()]
        return super().get_permissions()

    def get_queryset(self) -> list[Milestone]:
        if getattr(self, "swagger_fake_view", False):
            return Milestone.objects.none()
        contract = contract_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return contract_milestones(contract=contract)

    @extend_schema(responses=MilestoneSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """The contract's milestones, in order.

        The parties see them, staff may look; anybody else gets 404.
        """
        return super().get(request, *args, **kwargs)

    @extend_schema(request=MilestoneCreateSerializer, responses={201: MilestoneSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Add a milestone to a fixed-price contract (its employer).

        The milestones may add up to more than the agreed price (the scope grew). Hourly and
        ended contracts are a 400.
        """
        contract = contract_get_for_party(user=request.user, pk=pk, role=EMPLOYER)
        data = MilestoneCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        milestone = milestone_create(contract=contract, by=request.user, **data.validated_data)
        body = MilestoneSerializer(milestone, context={"request": request}).data
        return Response(body, status=201)


class MilestoneDetail(GenericAPIView):
    serializer_class = MilestoneSerializer

    @extend_schema(responses=MilestoneSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """One milestone, with what you may do on it now.

        The contract's parties see it, staff may look; anybody else gets 404.
        """
        milestone = milestone_get_for_user(user=request.user, pk=pk)
        return Response(self.get_serializer(milestone).data)


class _MilestoneStep(GenericAPIView):
    """POST one step of the milestone's life, as the side of the contract `role` names."""

    serializer_class = MilestoneSerializer
    role = EMPLOYER
    body_serializer: type[serializers.Serializer] | None = None

    def step(self, milestone: Milestone, **fields) -> Milestone:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        milestone = milestone_get_for_party_by_pk(user=request.user, pk=pk, role=self.role)
        fields = {}
        if self.body_serializer is not None:
            data = self.body_serializer(data=request.data)
            data.is_valid(raise_exception=True)
            fields = data.validated_data
        milestone = self.step(milestone, **fields)
        return Response(self.get_serializer(milestone).data)


class MilestoneFund(_MilestoneStep):
    permission_classes = [IsEmployer]

    def step(self, milestone: Milestone, **fields) -> Milestone:
        return milestone_fund(milestone=milestone, by=self.request.user)

    @extend_schema(request=None, responses=MilestoneSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Fund the milestone: its amount goes into escrow (the contract's employer).

        The freelancer is told they can start. Funding a funded milestone changes nothing.
        """
        return super().post(request, pk)


class MilestoneSubmit(_MilestoneStep):
    permission_classes = [IsFreelancer]
    role = FREELANCER
    body_serializer = MilestoneSubmitSerializer

    def step(self, milestone: Milestone, **fields) -> Milestone:
        return milestone_submit(milestone=milestone, by=self.request.user, **fields)

    @extend_schema(request=MilestoneSubmitSerializer, responses=MilestoneSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Submit work on a funded milestone (the contract's freelancer), with a note.

        Also after changes were requested. An unfunded or closed milestone is a 400.
        """
        return super().post(request, pk)


class MilestoneApprove(_MilestoneStep):
    permission_classes = [IsEmployer]

    def step(self, milestone: Milestone, **fields) -> Milestone:
        return milestone_approve(milestone=milestone, by=self.request.user)

    @extend_schema(request=None, responses=MilestoneSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Approve submitted work (the contract's employer): the escrow is released.

        The freelancer receives the amount less the platform fee. Work not yet submitted is a
        400; approving twice releases once.
        """
        return super().post(request, pk)


class MilestoneRequestChanges(_MilestoneStep):
    permission_classes = [IsEmployer]
    body_serializer = MilestoneRequestChangesSerializer

    def step(self, milestone: Milestone, **fields) -> Milestone:
        return milestone_request_changes(milestone=milestone, by=self.request.user, **fields)

    @extend_schema(request=MilestoneRequestChangesSerializer, responses=MilestoneSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Send submitted work back with what should change (the contract's employer).

        The escrow stays funded and the freelancer can submit again. Work not yet submitted is
        a 400.
        """
        return super().post(request, pk)


urlpatterns = [
    path(
        "contracts/<int:pk>/milestones/",
        ContractMilestoneList.as_view(),
        name="contract-milestone-list",
    ),
    path("milestones/<int:pk>/", MilestoneDetail.as_view(), name="milestone-detail"),
    path("milestones/<int:pk>/fund/", MilestoneFund.as_view(), name="milestone-fund"),
    path("milestones/<int:pk>/submit/", MilestoneSubmit.as_view(), name="milestone-submit"),
    path("milestones/<int:pk>/approve/", MilestoneApprove.as_view(), name="milestone-approve"),
    path(
        "milestones/<int:pk>/request-changes/",
        MilestoneRequestChanges.as_view(),
        name="milestone-request-changes",
    ),
]
