"""API: reporting a project, a profile or a message to the Gigwise team (``/api/v1/reports/``)."""

from django.db.models import Model
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from marketplace.api.throttling import ActionThrottled
from projects.models import Message, Project, Report
from projects.selectors.moderation import REPORT_TARGET_KINDS, report_target_get
from projects.services.moderation import REPORT_DETAILS_MAX, report_create

MAX_ID = 2**31 - 1
TARGET_KIND_OF = {Project: "project", User: "user", Message: "message"}


class ReportSerializer(serializers.Serializer):
    """A report as sent (the same shape is answered, with its id and status)."""

    id = serializers.IntegerField(read_only=True)
    target_kind = serializers.ChoiceField(
        choices=REPORT_TARGET_KINDS,
        help_text="What is reported: a project, a user's profile, or a message in one of your "
        "conversations.",
    )
    target_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    reason = serializers.ChoiceField(
        choices=Report.Reason.choices,
        error_messages={"invalid_choice": "Choose the reason closest to what is wrong."},
    )
    details = serializers.CharField(
        allow_blank=True,
        max_length=REPORT_DETAILS_MAX,
        default="",
        help_text="What our team should look at (only staff read it); required with “other”.",
    )
    status = serializers.ChoiceField(choices=Report.Status.choices, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


def _report_data(report: Report, target: Model) -> dict:
    return {
        "id": report.pk,
        "target_kind": TARGET_KIND_OF[type(target)],
        "target_id": target.pk,
        "reason": report.reason,
        "details": report.details,
        "status": report.status,
        "created_at": report.created_at,
    }


class ReportCreate(ActionThrottled, GenericAPIView):
    throttle_scope = "report"
    extra_error_codes = (404,)  # the target named in the body is not one the caller can see

    @extend_schema(request=ReportSerializer, responses={201: ReportSerializer})
    def post(self, request: Request) -> Response:
        """Report something to the Gigwise team.

        Only what you can see can be reported (anything else is 404); you cannot report
        yourself, your own project or your own message. While your report on something is open,
        reporting it again is refused (400). The person reported is not told who reported them.
        """
        data = ReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sent = data.validated_data
        target = report_target_get(
            user=request.user, kind=sent["target_kind"], pk=sent["target_id"]
        )
        report = report_create(
            reporter=request.user, target=target, reason=sent["reason"], details=sent["details"]
        )
        return Response(ReportSerializer(_report_data(report, target)).data, status=201)


urlpatterns = [
    path("reports/", ReportCreate.as_view(), name="report-create"),
]
