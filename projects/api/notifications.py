"""API: your notifications and which kinds are e-mailed (``/api/v1/notifications/``).

Reports (``/api/v1/reports/``) live in ``reports.py`` and are routed from here.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from projects.models import Notification, NotificationKind
from projects.selectors.messaging import unread_thread_count
from projects.selectors.notifications import (
    notification_get_for_user,
    notification_preferences_for_user,
    notification_unread_count,
    notifications_for_user,
)
from projects.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_update,
)

from . import reports

# The kinds as plain values (no labels) for `emailed_kinds`: OpenAPI gives one choice set one
# name, and a notification's `kind` already names the labelled set.
EMAILED_KIND_CHOICES = [(kind, kind) for kind in NotificationKind.values]


class NotificationSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    url = serializers.CharField(
        help_text="Where the web app shows what it is about (a path on this site); may be empty."
    )
    read_at = serializers.DateTimeField(allow_null=True, help_text="Null while unread.")

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "read_at", "created_at"]


class NotificationListQuerySerializer(serializers.Serializer):
    unread = serializers.BooleanField(
        required=False, help_text="true: only the unread ones; false: only the read ones."
    )


class NotificationUnreadCountSerializer(serializers.Serializer):
    notifications = serializers.IntegerField(help_text="Unread notifications.")
    threads = serializers.IntegerField(help_text="Conversations with an unread message.")


class NotificationsMarkedReadSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField(help_text="How many were unread and are now read.")


class NotificationKindPreferenceSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True, help_text="A notification kind.")
    label = serializers.CharField(read_only=True)
    email = serializers.BooleanField(read_only=True, help_text="E-mailed to you.")
    default = serializers.BooleanField(read_only=True, help_text="E-mailed unless you say no.")


class _EmailedKindsField(serializers.ListField):
    """A list of kinds whose errors are the list's own (not keyed by position)."""

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except serializers.ValidationError as error:
            messages = [str(m) for errors in error.detail.values() for m in errors]
            raise serializers.ValidationError(messages) from error


class NotificationPreferencesSerializer(serializers.Serializer):
    emailed_kinds = _EmailedKindsField(
        child=serializers.ChoiceField(choices=EMAILED_KIND_CHOICES),
        allow_empty=True,
        max_length=len(EMAILED_KIND_CHOICES),
        help_text="Every kind you want by e-mail; the kinds not listed stay on Gigwise only.",
    )
    kinds = NotificationKindPreferenceSerializer(many=True, read_only=True)


def _preferences(user) -> dict:
    kinds = notification_preferences_for_user(user=user)
    return {"emailed_kinds": [k.kind for k in kinds if k.email], "kinds": kinds}


class NotificationList(GenericAPIView):
    filter_backends = []
    extra_error_codes = (400,)  # ?unread

    @extend_schema(
        parameters=[NotificationListQuerySerializer], responses=NotificationSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        """Your notifications, newest first."""
        query = NotificationListQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        notifications = notifications_for_user(
            user=request.user, unread=query.validated_data.get("unread")
        )
        page = self.paginate_queryset(notifications)
        return self.get_paginated_response(NotificationSerializer(page, many=True).data)


class NotificationUnreadCount(GenericAPIView):
    @extend_schema(responses=NotificationUnreadCountSerializer)
    def get(self, request: Request) -> Response:
        """How much is unread: notifications, and conversations (the web's badges)."""
        counts = {
            "notifications": notification_unread_count(user=request.user),
            "threads": unread_thread_count(user=request.user),
        }
        return Response(NotificationUnreadCountSerializer(counts).data)


class NotificationRead(GenericAPIView):
    @extend_schema(request=None, responses=NotificationSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Mark one of your notifications read (again changes nothing)."""
        notification = notification_get_for_user(user=request.user, pk=pk)
        return Response(
            NotificationSerializer(notification_mark_read(notification=notification)).data
        )


class NotificationReadAll(GenericAPIView):
    @extend_schema(request=None, responses=NotificationsMarkedReadSerializer)
    def post(self, request: Request) -> Response:
        """Mark all your notifications read, and say how many were unread."""
        count = notification_mark_all_read(user=request.user)
        return Response(NotificationsMarkedReadSerializer({"marked_read": count}).data)


class NotificationPreferences(GenericAPIView):
    @extend_schema(responses=NotificationPreferencesSerializer)
    def get(self, request: Request) -> Response:
        """Which kinds of notification are also e-mailed to you."""
        return Response(NotificationPreferencesSerializer(_preferences(request.user)).data)

    @extend_schema(
        request=NotificationPreferencesSerializer, responses=NotificationPreferencesSerializer
    )
    def put(self, request: Request) -> Response:
        """Choose which kinds of notification are e-mailed to you (all the others are not)."""
        data = NotificationPreferencesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        notification_preferences_update(
            user=request.user, emailed_kinds=data.validated_data["emailed_kinds"]
        )
        return Response(NotificationPreferencesSerializer(_preferences(request.user)).data)


urlpatterns = [
    path("notifications/", NotificationList.as_view(), name="notification-list"),
    path(
        "notifications/unread-count/",
        NotificationUnreadCount.as_view(),
        name="notification-unread-count",
    ),
    path("notifications/<int:pk>/read/", NotificationRead.as_view(), name="notification-read"),
    path("notifications/read-all/", NotificationReadAll.as_view(), name="notification-read-all"),
    path(
        "notifications/preferences/",
        NotificationPreferences.as_view(),
        name="notification-preferences",
    ),
    *reports.urlpatterns,
]
