"""API: the time log of hourly contracts (``time-entries/``) and weekly timesheets.

The freelancer logs entries (a finished stretch, or a timer: no ``ended_at``), stops the timer
and deletes entries of weeks not yet submitted; the employer approves or disputes submitted
weeks, and approval pays the week through the ledger. A refusal (overlap, future, over the
weekly limit, a fixed-price or ended contract) is a 400 whose message says why; somebody else's
entry, week or contract is a 404.
"""

import datetime as dt

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.permissions import HasMarketplaceRole, IsEmployer, IsFreelancer
from projects.api.projects import MAX_ID
from projects.selectors.contracts import contract_get_for_party

from ..models import TimeEntry, Timesheet
from ..selectors.timelog import (
    time_entries_for_user,
    time_entry_get_for_user,
    timesheet_get_for_user,
    timesheets_for_user,
)
from ..services.timelog import time_entry_create, time_entry_delete, timer_start, timer_stop
from ..services.timesheets import timesheet_approve, timesheet_dispute, timesheet_submit
from .fields import contract_id_field


class TimeEntrySerializer(serializers.ModelSerializer):
    minutes = serializers.IntegerField(read_only=True, help_text="0 while the timer runs.")
    week_start = serializers.DateField(source="timesheet.week_start", read_only=True)
    is_running = serializers.BooleanField(read_only=True)

    class Meta:
        model = TimeEntry
        fields = [
            "id", "contract", "started_at", "ended_at", "note", "minutes", "week_start",
            "is_running",
        ]  # fmt: skip
        read_only_fields = fields


class TimeEntryCreateSerializer(serializers.Serializer):
    contract = contract_id_field("The hourly contract's id.")
    started_at = serializers.DateTimeField(
        required=False, help_text="ISO 8601 with an offset. Omit it with ended_at to start a timer."
    )
    ended_at = serializers.DateTimeField(
        required=False, help_text="Omit to start the timer now (then stop it with .../stop/)."
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, data: dict) -> dict:
        if "ended_at" in data and "started_at" not in data:
            raise serializers.ValidationError({"started_at": "Give the start of the entry."})
        return data


class TimesheetSerializer(serializers.ModelSerializer):
    week_end = serializers.DateField(read_only=True)
    hours = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)

    class Meta:
        model = Timesheet
        fields = [
            "id", "contract", "week_start", "week_end", "state", "minutes", "hours",
            "hourly_rate", "currency", "amount", "fee", "dispute_reason", "submitted_at",
            "reviewed_at",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            "minutes": {"help_text": "Frozen at submission; 0 before."},
            "amount": {"help_text": "Hours x rate, frozen at submission."},
            "fee": {"help_text": "The platform's cut, withheld from the payout."},
        }


class DisputeSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text="What is wrong with the week; the freelancer corrects it."
    )


def _int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() and int(value) <= MAX_ID else None


CONTRACT_PARAM = OpenApiParameter("contract", OpenApiTypes.INT, description="Only this contract.")
WEEK_PARAM = OpenApiParameter(
    "week", OpenApiTypes.DATE, description="Only the week that starts on this Monday."
)


class TimeEntryList(ListAPIView):
    # POST names a contract in its body: somebody else's is a 404, as everywhere.
    extra_error_codes = (404,)
    serializer_class = TimeEntrySerializer
    permission_classes = [HasMarketplaceRole]
    filter_backends = []

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsFreelancer()]
        return super().get_permissions()

    def get_queryset(self) -> QuerySet[TimeEntry]:
        if getattr(self, "swagger_fake_view", False):
            return TimeEntry.objects.none()
        try:
            week = dt.date.fromisoformat(self.request.query_params.get("week", ""))
        except ValueError:
            week = None
        return time_entries_for_user(
            user=self.request.user,
            contract_id=_int_param(self.request, "contract"),
            week_start=week,
        )

    @extend_schema(parameters=[CONTRACT_PARAM, WEEK_PARAM])
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Time entries on your contracts, newest first (the freelancer's, or logged for you)."""
        return super().get(request, *args, **kwargs)

    @extend_schema(request=TimeEntryCreateSerializer, responses={201: TimeEntrySerializer})
    def post(self, request: Request) -> Response:
        """Log time on an hourly contract, or start the timer (no started_at / ended_at).

        Overlapping entries, time in the future, a week over the contract's limit, a submitted
        week and fixed-price or ended contracts are a 400 that says why.
        """
        data = TimeEntryCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        contract = contract_get_for_party(
            user=request.user, pk=fields["contract"], role="freelancer"
        )
        if "started_at" in fields and "ended_at" in fields:
            entry = time_entry_create(
                contract=contract,
                by=request.user,
                started_at=fields["started_at"],
                ended_at=fields["ended_at"],
                note=fields["note"],
            )
        else:
            entry = timer_start(contract=contract, by=request.user, note=fields["note"])
        return Response(TimeEntrySerializer(entry).data, status=201)


class TimeEntryDetail(GenericAPIView):
    serializer_class = TimeEntrySerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        """Delete one of your entries; a submitted or approved week's entries are a 400."""
        entry = time_entry_get_for_user(user=request.user, pk=pk)
        time_entry_delete(entry=entry, by=request.user)
        return Response(status=204)


class TimeEntryStop(GenericAPIView):
    serializer_class = TimeEntrySerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses={200: TimeEntrySerializer, 204: None})
    def post(self, request: Request, pk: int) -> Response:
        """Stop your running timer: 200 with the entry, 204 if it ran under a minute.

        The entry ends at the weekly limit if the week would pass it.
        """
        entry = time_entry_get_for_user(user=request.user, pk=pk)
        stopped = timer_stop(by=request.user, entry=entry)
        if stopped is None:
            return Response(status=204)
        return Response(TimeEntrySerializer(stopped).data)


class TimesheetList(ListAPIView):
    serializer_class = TimesheetSerializer
    permission_classes = [HasMarketplaceRole]
    filter_backends = []

    def get_queryset(self) -> QuerySet[Timesheet]:
        if getattr(self, "swagger_fake_view", False):
            return Timesheet.objects.none()
        return timesheets_for_user(
            user=self.request.user, contract_id=_int_param(self.request, "contract")
        ).order_by("-week_start", "-pk")

    @extend_schema(parameters=[CONTRACT_PARAM])
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Weeks with time on your contracts, newest first, with their state and amount."""
        return super().get(request, *args, **kwargs)


class _TimesheetStep(GenericAPIView):
    serializer_class = TimesheetSerializer

    def sheet(self, request: Request, pk: int) -> Timesheet:
        return timesheet_get_for_user(user=request.user, pk=pk)


class TimesheetSubmit(_TimesheetStep):
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses=TimesheetSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Submit a week to the employer (the freelancer): its hours and amount are frozen.

        An empty week, a running timer in it, or an approved week is a 400.
        """
        sheet = timesheet_submit(timesheet=self.sheet(request, pk), by=request.user)
        return Response(TimesheetSerializer(sheet).data)


class TimesheetApprove(_TimesheetStep):
    permission_classes = [IsEmployer]

    @extend_schema(request=None, responses=TimesheetSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Approve a submitted week (the employer): it is paid, less the platform fee.

        Approving twice pays once; a week not submitted is a 400.
        """
        sheet = timesheet_approve(timesheet=self.sheet(request, pk), by=request.user)
        return Response(TimesheetSerializer(sheet).data)


class TimesheetDispute(_TimesheetStep):
    permission_classes = [IsEmployer]

    @extend_schema(request=DisputeSerializer, responses=TimesheetSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Dispute a submitted week with a reason (the employer); the freelancer corrects it."""
        sheet = self.sheet(request, pk)
        data = DisputeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sheet = timesheet_dispute(timesheet=sheet, by=request.user, **data.validated_data)
        return Response(TimesheetSerializer(sheet).data)


urlpatterns = [
    path("time-entries/", TimeEntryList.as_view(), name="billing-time-entry-list"),
    path("time-entries/<int:pk>/", TimeEntryDetail.as_view(), name="billing-time-entry-detail"),
    path("time-entries/<int:pk>/stop/", TimeEntryStop.as_view(), name="billing-time-entry-stop"),
    path("timesheets/", TimesheetList.as_view(), name="billing-timesheet-list"),
    path("timesheets/<int:pk>/submit/", TimesheetSubmit.as_view(), name="billing-timesheet-submit"),
    path(
        "timesheets/<int:pk>/approve/",
        TimesheetApprove.as_view(),
        name="billing-timesheet-approve",
    ),
    path(
        "timesheets/<int:pk>/dispute/",
        TimesheetDispute.as_view(),
        name="billing-timesheet-dispute",
    ),
]
