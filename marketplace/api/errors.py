"""One error body for the whole API: ``{"detail", "code", "fields"}``.

Services raise Django's ``ValidationError`` keyed by field, and selectors raise ``Http404``;
the handler turns both (and DRF's own errors) into the same shape, so a client reads every
failure the same way: ``fields`` maps each field to its messages, ``non_field_errors`` holds
the rest, and ``detail`` is one sentence a person can show as it is.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.views.defaults import page_not_found
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

INVALID_DETAIL = "Some fields need attention."
FIELD_DETAIL = "{field}: {message}"


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    detail = serializers.CharField(help_text="One sentence that says what went wrong.")
    code = serializers.CharField(
        help_text="A stable, machine-readable code: invalid, not_found, not_authenticated, "
        "authentication_failed, permission_denied, throttled, method_not_allowed, ..."
    )
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field; `non_field_errors` holds those about the whole request.",
    )


def _django_to_drf(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {
                api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key: messages
                for key, messages in exc.message_dict.items()
            }
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    return exc


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Field errors keyed by field; nested ones by dotted path (``items.0.title``)."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            if value:
                flat.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(message) for message in messages]}


def error_body(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        if len(fields) == 1:
            ((field, messages),) = fields.items()
            detail = (
                messages[0]
                if field == api_settings.NON_FIELD_ERRORS_KEY
                else FIELD_DETAIL.format(field=field, message=messages[0])
            )
        else:
            detail = INVALID_DETAIL
        return {"detail": detail, "code": "invalid", "fields": fields}
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    return {"detail": str(exc.detail), "code": code, "fields": {}}


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, fed Django's exceptions too, answering with the one error body."""
    exc = _django_to_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        response.data = error_body(exc)
    return response


def api_aware_page_not_found(request: HttpRequest, exception: Exception):
    """A path that matches no route answers JSON under /api/ and the 404 page elsewhere."""
    if request.path.startswith("/api/"):
        body = error_body(exceptions.NotFound())
        return JsonResponse(body, status=404)
    return page_not_found(request, exception)
