"""API: your data export (``me/export/``) and your account's deletion (``me/deletion/``).

An export is a background job: POST starts it (202, the job), ``/api/v1/jobs/{id}/`` reports its
progress, and once it succeeded its ZIP downloads here for a week, by you alone. Deletion is
requested with your password, waits out the grace period, and can be cancelled until then.
"""

from django.http import FileResponse, Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from projects.api.jobs import JobSerializer

from ..models import AccountDeletion
from ..selectors import (
    EXPORT_GONE,
    data_export_file_get,
    deletion_blockers,
    deletion_pending_for,
)
from ..services.deletion import (
    NOTHING_PENDING,
    account_deletion_cancel,
    account_deletion_request,
    deletion_confirmation_kind,
)
from ..services.exports import data_export_create


class DataExportStart(GenericAPIView):
    serializer_class = JobSerializer

    @extend_schema(request=None, responses={202: JobSerializer})
    def post(self, request: Request) -> Response:
        """Start gathering all your data into a ZIP; poll the job, then download it.

        While an export is still being built, asking again returns that same job.
        """
        job = data_export_create(user=request.user)
        return Response(JobSerializer(job).data, status=202)


class DataExportDownload(GenericAPIView):
    serializer_class = JobSerializer

    @extend_schema(
        responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, "The ZIP.")}
    )
    def get(self, request: Request, job_id: int) -> FileResponse:
        """Your export's ZIP: JSON per section, manifest.json and a readable index.html.

        A 404 once the link has expired (a week after it was built): start a new export.
        """
        try:
            job, file = data_export_file_get(user=request.user, job_pk=job_id)
        except Http404:
            # The same words for an expired link and for anybody else's export: says nothing.
            raise NotFound(EXPORT_GONE) from None
        name = f"gigwise-data-{job.created_at:%Y-%m-%d}.zip"
        return FileResponse(file, as_attachment=True, filename=name, content_type="application/zip")


class DeletionSerializer(serializers.Serializer):
    pending = serializers.BooleanField(help_text="Whether your account is scheduled for deletion.")
    requested_at = serializers.DateTimeField(allow_null=True)
    purge_after = serializers.DateTimeField(
        allow_null=True, help_text="When it will be deleted, unless you cancel before."
    )
    blocked_reason = serializers.CharField(
        help_text="Why a due deletion waits (an active contract, escrow money); may be empty."
    )
    blockers = serializers.ListField(
        child=serializers.CharField(), help_text="What must be finished before you can ask."
    )
    confirmation = serializers.ChoiceField(
        choices=["password", "email"], help_text="What to send as `confirmation` to ask."
    )


class DeletionRequestSerializer(serializers.Serializer):
    confirmation = serializers.CharField(
        max_length=254,
        trim_whitespace=False,
        help_text="Your password; for an account without one, its e-mail address.",
    )


def _status(request: Request, deletion: AccountDeletion | None) -> dict:
    return DeletionSerializer(
        {
            "pending": deletion is not None,
            "requested_at": deletion.requested_at if deletion else None,
            "purge_after": deletion.purge_after if deletion else None,
            "blocked_reason": deletion.blocked_reason if deletion else "",
            "blockers": [] if deletion else deletion_blockers(user=request.user),
            "confirmation": deletion_confirmation_kind(user=request.user),
        }
    ).data


class Deletion(GenericAPIView):
    serializer_class = DeletionSerializer
    extra_error_codes = (404,)  # DELETE when nothing is scheduled

    def get(self, request: Request) -> Response:
        """Whether your account is scheduled for deletion, when, and what would block it."""
        return Response(_status(request, deletion_pending_for(user=request.user)))

    @extend_schema(
        request=DeletionRequestSerializer,
        responses={200: DeletionSerializer, 201: DeletionSerializer},
    )
    def post(self, request: Request) -> Response:
        """Ask for your account to be deleted after the grace period (14 days).

        A wrong password, an active contract or money in escrow is a 400 that says which.
        Asking again while it is scheduled changes nothing (200).
        """
        data = DeletionRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        already = deletion_pending_for(user=request.user) is not None
        deletion = account_deletion_request(
            user=request.user, confirmation=data.validated_data["confirmation"]
        )
        return Response(_status(request, deletion), status=200 if already else 201)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        """Cancel the scheduled deletion: your account stays as it is. 404 if none is scheduled."""
        if deletion_pending_for(user=request.user) is None:
            raise Http404(NOTHING_PENDING)
        account_deletion_cancel(user=request.user)
        return Response(status=204)


urlpatterns = [
    path("me/export/", DataExportStart.as_view(), name="privacy-export"),
    path(
        "me/export/<int:job_id>/download/",
        DataExportDownload.as_view(),
        name="privacy-export-download",
    ),
    path("me/deletion/", Deletion.as_view(), name="privacy-deletion"),
]
