"""API: an employer's client signals, as the project page shows them (``projects/{id}/...``)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import CURRENCIES
from accounts.selectors import preferred_currency
from projects.selectors.projects import project_get_for_user

from ..selectors.client import client_signals


def _money(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text=help_text
    )


class ClientSignalsSerializer(serializers.Serializer):
    """The employer's record, derived from projects, contracts, the ledger and reviews."""

    currency = serializers.CharField(help_text="The currency of every amount here.")
    joined_at = serializers.DateTimeField(help_text="When the employer created their account.")
    has_history = serializers.BooleanField(
        help_text="False for a new employer: nothing settled, paid or reviewed yet."
    )
    projects_published = serializers.IntegerField()
    projects_decided = serializers.IntegerField(
        help_text="Published projects that are settled: someone was hired, or the project was "
        "closed or cancelled. Projects still open are not counted."
    )
    projects_hired = serializers.IntegerField(
        help_text="Settled projects on which they hired someone."
    )
    hire_rate_percent = serializers.IntegerField(
        allow_null=True,
        help_text="projects_hired out of projects_decided; null until a project is settled.",
    )
    total_spend = _money(
        "Milestone payments released to freelancers, platform fees included, from the escrow "
        "ledger, converted to `currency`; null before the first release."
    )
    hourly_contracts = serializers.IntegerField()
    average_hourly_rate = _money(
        "The mean agreed rate of their hourly contracts, converted to `currency`; null without one."
    )
    milestones_on_time = serializers.IntegerField(
        help_text="Released milestones whose payment was released on or before the due date."
    )
    milestones_late = serializers.IntegerField(help_text="Released after the due date.")
    on_time_percent = serializers.IntegerField(
        allow_null=True, help_text="Of the released milestones; null before the first release."
    )
    reviews_given = serializers.IntegerField(help_text="Reviews they wrote about freelancers.")
    reviews_received = serializers.IntegerField(
        help_text="Published reviews freelancers wrote about them."
    )
    average_rating_received = serializers.FloatField(
        allow_null=True,
        help_text="1.0 to 5.0 (quality, communication, timeliness); null without reviews.",
    )
    payment_verified = serializers.BooleanField(
        help_text="They have funded at least one milestone into escrow (per the ledger)."
    )
    payment_test_mode = serializers.BooleanField(
        help_text="That funding went through the test payment provider: no real money moved."
    )


class ClientSignalsQuerySerializer(serializers.Serializer):
    currency = serializers.ChoiceField(
        choices=CURRENCIES,
        required=False,
        help_text="Show amounts in this currency; by default, your preferred one.",
        error_messages={"invalid_choice": "“{input}” is not a currency we support."},
    )


class ProjectClientSignals(GenericAPIView):
    serializer_class = ClientSignalsSerializer
    permission_classes = [AllowAny]

    @extend_schema(parameters=[ClientSignalsQuerySerializer])
    def get(self, request: Request, pk: int) -> Response:
        """The record of the employer who posted a project: hires, spend, punctuality, reviews.

        Anyone who may see the project may see it (drafts only their owner and staff; 404
        otherwise). Every figure comes from contracts, the escrow ledger and published reviews.
        """
        query = ClientSignalsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        project = project_get_for_user(user=request.user, pk=pk)
        currency = query.validated_data.get("currency") or preferred_currency(request.user)
        signals = client_signals(employer=project.employer, currency=currency)
        return Response(ClientSignalsSerializer(signals).data)


urlpatterns = [
    path(
        "projects/<int:pk>/client-signals/",
        ProjectClientSignals.as_view(),
        name="project-client-signals",
    ),
]
