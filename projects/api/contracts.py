"""API: contracts, as either party sees them (``/api/v1/contracts/...``).

Parties act; staff may look (read-only), as on the contract page; anybody else gets 404.
Milestones (``milestones.py``) and reviews (``reviews.py``) are routed from here too.
A step the contract's state does not allow (completing with money in escrow, acting on an ended
contract) is a 400 whose ``non_field_errors`` give the service's reason.
"""

from decimal import Decimal

import django_filters
from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from marketplace.api.permissions import IsEmployer
from projects.models import BudgetType, Contract, LedgerEntry, Milestone
from projects.selectors.contracts import (
    ContractBalances,
    contract_balances,
    contract_get_for_party,
    contract_get_for_user,
    contract_ledger,
    contract_milestones,
    contracts_for_user,
)
from projects.selectors.reputation import contract_reviews
from projects.services.contracts import REASON_REQUIRED, contract_cancel, contract_complete
from projects.services.reviews import review_window_end

from . import milestones, reviews

EMPLOYER, FREELANCER = "employer", "freelancer"
CONTRACT_ACTIONS = [
    ("add_milestone", "Add a milestone (employer, fixed price)"),
    ("complete", "Mark the contract complete (employer, nothing in escrow)"),
    ("cancel", "Cancel the contract, refunding any escrow"),
    ("review", "Review the other party (ended contract, within the review period)"),
]
MONEY = {"max_digits": 13, "decimal_places": 2, "read_only": True}


@extend_schema_field(
    serializers.ChoiceField(choices=Contract.Status.choices), component_name="ContractStatusEnum"
)
class ContractStatusField(serializers.ChoiceField):
    """A contract's status: one named schema wherever a contract appears (list and detail)."""

    def __init__(self, **kwargs):
        super().__init__(choices=Contract.Status.choices, **kwargs)


class ContractPartySerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "display_name"]


class ContractProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class ContractSerializer(serializers.ModelSerializer):
    """A contract as a row of the list."""

    project = ContractProjectSerializer(read_only=True)
    employer = ContractPartySerializer(read_only=True)
    freelancer = ContractPartySerializer(read_only=True)
    status = ContractStatusField(read_only=True)
    role = serializers.SerializerMethodField(help_text="Your side of the contract.")
    in_escrow = serializers.DecimalField(**MONEY, help_text="Funded and not yet released.")

    class Meta:
        model = Contract
        fields = [
            "id",
            "title",
            "project",
            "employer",
            "freelancer",
            "role",
            "budget_type",
            "amount",
            "currency",
            "status",
            "start_date",
            "ended_at",
            "created_at",
            "in_escrow",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=User.Role.choices, allow_null=True))
    def get_role(self, contract: Contract) -> str | None:
        return contract.party_role(self.context["request"].user)


class ContractBalancesSerializer(serializers.Serializer):
    """Sums over the contract's escrow ledger: funded = released + fees + refunded + in escrow."""

    currency = serializers.CharField(read_only=True)
    funded = serializers.DecimalField(**MONEY)
    in_escrow = serializers.DecimalField(**MONEY)
    released = serializers.DecimalField(**MONEY, help_text="Paid to the freelancer, net of fees.")
    fees = serializers.DecimalField(**MONEY, help_text="The platform's fees on released work.")
    refunded = serializers.DecimalField(**MONEY)
    paid_by_employer = serializers.DecimalField(**MONEY, help_text="Released plus fees.")


class ContractMilestonesSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField(read_only=True)
    total = serializers.DecimalField(**MONEY, help_text="The milestones' amounts added up.")
    exceeds_contract_amount = serializers.BooleanField(
        read_only=True, help_text="The milestones add up to more than the agreed price."
    )
    by_status = serializers.DictField(
        child=serializers.IntegerField(), read_only=True, help_text="Milestones per status."
    )


class ContractDetailSerializer(ContractSerializer):
    """A contract with its money, its milestones in brief, and what you can do next."""

    other_party = serializers.SerializerMethodField()
    balances = serializers.SerializerMethodField()
    milestones = serializers.SerializerMethodField()
    review_window_ends_at = serializers.SerializerMethodField(
        help_text="When reviews close and both show (null while the contract is active)."
    )
    actions = serializers.SerializerMethodField(
        help_text="What you may do now (none for staff, who only look)."
    )

    class Meta(ContractSerializer.Meta):
        fields = [
            *(f for f in ContractSerializer.Meta.fields if f != "in_escrow"),
            "terms",
            "end_reason",
            "other_party",
            "balances",
            "milestones",
            "review_window_ends_at",
            "actions",
        ]

    @extend_schema_field(ContractPartySerializer(allow_null=True))
    def get_other_party(self, contract: Contract) -> dict | None:
        role = contract.party_role(self.context["request"].user)
        if role is None:
            return None
        other = contract.freelancer if role == EMPLOYER else contract.employer
        return ContractPartySerializer(other).data

    @extend_schema_field(ContractBalancesSerializer)
    def get_balances(self, contract: Contract) -> dict:
        return ContractBalancesSerializer(self.context["balances"]).data

    @extend_schema_field(ContractMilestonesSummarySerializer)
    def get_milestones(self, contract: Contract) -> dict:
        return ContractMilestonesSummarySerializer(self.context["milestones"]).data

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_review_window_ends_at(self, contract: Contract) -> str | None:
        end = review_window_end(contract)
        return serializers.DateTimeField().to_representation(end) if end else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(CONTRACT_ACTIONS)))
    def get_actions(self, contract: Contract) -> list[str]:
        return self.context["actions"]


class ContractCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=500,
        help_text="Why the contract ends; the other party sees it.",
        error_messages={
            "required": REASON_REQUIRED,
            "blank": REASON_REQUIRED,
            "max_length": "Keep the reason under 500 characters.",
        },
    )


class ContractLedgerEntrySerializer(serializers.ModelSerializer):
    milestone_title = serializers.CharField(
        source="milestone.title", read_only=True, allow_null=True
    )

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "kind",
            "amount",
            "currency",
            "milestone",
            "milestone_title",
            "provider",
            "provider_reference",
            "created_at",
        ]


def _milestones_summary(contract: Contract) -> dict:
    items = contract_milestones(contract=contract)
    total = sum((m.amount for m in items), start=Decimal("0.00"))
    by_status = dict.fromkeys(Milestone.Status.values, 0)
    for milestone in items:
        by_status[milestone.status] += 1
    return {
        "count": len(items),
        "total": total,
        "exceeds_contract_amount": total > contract.amount,
        "by_status": by_status,
    }


def _actions(contract: Contract, user: User, balances: ContractBalances) -> list[str]:
    """What the contract page offers this user now; the services still have the last word."""
    role = contract.party_role(user)
    if role is None:
        return []
    if contract.is_active:
        actions = []
        if role == EMPLOYER and contract.budget_type == BudgetType.FIXED:
            actions.append("add_milestone")
        if role == EMPLOYER and balances.in_escrow == 0:
            actions.append("complete")
        return [*actions, "cancel"]
    reviewed = contract_reviews(contract=contract, user=user).mine is not None
    return ["review"] if reviews.review_possible(contract, user=user, reviewed=reviewed) else []


def contract_detail_data(contract: Contract, request: Request) -> dict:
    balances = contract_balances(contract=contract)
    context = {
        "request": request,
        "balances": balances,
        "milestones": _milestones_summary(contract),
        "actions": _actions(contract, request.user, balances),
    }
    return ContractDetailSerializer(contract, context=context).data


class ContractFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Contract.Status.choices, help_text="Only contracts in this status."
    )

    class Meta:
        model = Contract
        fields = ["status"]


class ContractList(ListAPIView):
    serializer_class = ContractSerializer
    filterset_class = ContractFilter

    def get_queryset(self) -> QuerySet[Contract]:
        if getattr(self, "swagger_fake_view", False):
            return Contract.objects.none()
        return contracts_for_user(user=self.request.user)

    @extend_schema(responses=ContractSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Your contracts, as employer or as freelancer, newest first.

        Each row shows the money still in escrow; filter by status.
        """
        return super().get(request, *args, **kwargs)


class ContractDetail(GenericAPIView):
    serializer_class = ContractDetailSerializer

    @extend_schema(responses=ContractDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """One contract: its terms, balances, milestones in brief, and what you can do next.

        The parties see it; staff may look (read-only, no actions); anybody else gets 404.
        """
        contract = contract_get_for_user(user=request.user, pk=pk)
        return Response(contract_detail_data(contract, request))


class ContractComplete(GenericAPIView):
    serializer_class = ContractDetailSerializer
    permission_classes = [IsEmployer]

    @extend_schema(request=None, responses=ContractDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Mark the contract complete (its employer), once nothing is left in escrow.

        Both sides can then review each other. Money still in escrow, or a contract that has
        already ended, is a 400 that says so.
        """
        contract = contract_get_for_party(user=request.user, pk=pk, role=EMPLOYER)
        contract = contract_complete(contract=contract, by=request.user)
        return Response(contract_detail_data(contract, request))


class ContractCancel(GenericAPIView):
    serializer_class = ContractDetailSerializer

    @extend_schema(request=ContractCancelSerializer, responses=ContractDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Cancel the contract (either party), with a reason; any escrow is refunded.

        The other party is notified with the reason. An ended contract is a 400.
        """
        contract = contract_get_for_party(user=request.user, pk=pk)
        data = ContractCancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contract = contract_cancel(contract=contract, by=request.user, **data.validated_data)
        return Response(contract_detail_data(contract, request))


class ContractLedger(ListAPIView):
    serializer_class = ContractLedgerEntrySerializer
    filter_backends = []

    def get_queryset(self) -> list[LedgerEntry]:
        if getattr(self, "swagger_fake_view", False):
            return LedgerEntry.objects.none()
        contract = contract_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return contract_ledger(contract=contract)

    @extend_schema(responses=ContractLedgerEntrySerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """The contract's escrow ledger, oldest entry first.

        Test mode: no real money moves. Each approval writes a release (the amount less the
        platform fee) and a fee entry; cancelling refunds what is in escrow. The parties see
        it, staff may look; anybody else gets 404.
        """
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("contracts/", ContractList.as_view(), name="contract-list"),
    path("contracts/<int:pk>/", ContractDetail.as_view(), name="contract-detail"),
    path("contracts/<int:pk>/complete/", ContractComplete.as_view(), name="contract-complete"),
    path("contracts/<int:pk>/cancel/", ContractCancel.as_view(), name="contract-cancel"),
    path("contracts/<int:pk>/ledger/", ContractLedger.as_view(), name="contract-ledger"),
    *milestones.urlpatterns,
    *reviews.urlpatterns,
]
