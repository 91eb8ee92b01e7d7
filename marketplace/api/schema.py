"""OpenAPI conventions applied to every operation, so no endpoint can forget them.

Each operation gets a summary (the first line of its docstring) and the error responses it can
give, all with the one error body: 400 when it takes input, a filter or any query parameter
besides the page ones, 401 for a missing or bad token, 403 where a role or CSRF check can
refuse, 404 when it names an object or pages a list, 415 when it reads a (JSON) body, and 429
for throttling.
"""

from http import HTTPStatus

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from .errors import ErrorSerializer
from .pagination import PagePagination

ERROR_DESCRIPTIONS = {
    "400": "The input or a query parameter is invalid; `fields` says which and why.",
    "401": "Authentication is required, or the token given is not valid.",
    "403": "Authenticated, but this account may not do this (wrong role or state, or CSRF).",
    "404": "No such object, or it belongs to someone else; or the page is out of range.",
    "409": "The object changed meanwhile and no longer allows this; reload it and retry.",
    "415": "The body is not JSON: send it with `Content-Type: application/json`.",
    "429": "Too many requests; retry after the number of seconds in `Retry-After`.",
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# An invalid page is a 404 and an invalid page size falls back to the default: never a 400.
PAGE_PARAMETERS = {PagePagination.page_query_param, PagePagination.page_size_query_param}


def error_description(code: str) -> str:
    """What an error status means here; a code a view adds (``extra_error_codes``) may be any."""
    return ERROR_DESCRIPTIONS.get(code) or HTTPStatus(int(code)).phrase


class GigwiseAutoSchema(AutoSchema):
    def _docstring_lines(self) -> list[str]:
        return (super().get_description() or "").strip().splitlines()

    def get_summary(self) -> str | None:
        lines = self._docstring_lines()
        return lines[0].rstrip(".") if lines else None

    def get_description(self) -> str:
        """The docstring after its first line (which is the summary)."""
        return "\n".join(self._docstring_lines()[1:]).strip()

    def _get_parameters(self) -> list[dict]:
        parameters = super()._get_parameters()
        self._query_parameters = {p["name"] for p in parameters if p["in"] == "query"}
        return parameters

    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        self._takes_body = body is not None
        return body

    def _allows_anonymous(self) -> bool:
        return all(isinstance(p, AllowAny) for p in self.view.get_permissions())

    def _error_codes(self) -> set[str]:
        codes = {"401", "429"}
        takes_filters = self._is_list_view() and (
            getattr(self.view, "filterset_class", None) or self.view.filter_backends
        )
        takes_query = bool(getattr(self, "_query_parameters", set()) - PAGE_PARAMETERS)
        if self.method in {"POST", "PUT", "PATCH"} or takes_filters or takes_query:
            codes.add("400")
        if self.method in UNSAFE_METHODS or not self._allows_anonymous():
            codes.add("403")
        paginated = self._is_list_view() and getattr(self.view, "pagination_class", None)
        if "{" in self.path or paginated:
            codes.add("404")
        if getattr(self, "_takes_body", False):
            codes.add("415")
        return codes | {str(code) for code in getattr(self.view, "extra_error_codes", ())}

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in sorted(self._error_codes() - set(responses)):
            error = OpenApiResponse(ErrorSerializer, description=error_description(code))
            responses[code] = self._get_response_for_code(error, code, direction=direction)
        return responses


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from Settings → API tokens: "
            "`Authorization: Bearer gw_...`.",
        }
