"""OpenAPI conventions applied to every operation, so no endpoint can forget them.

Each operation gets a summary (the first line of its docstring) and the error responses it can
give, all with the one error body: 400 when it takes input or filters, 401 for a missing or bad
token, 403 where a role or CSRF check can refuse, 404 when it names an object or pages a list,
and 429 for throttling.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from .errors import ErrorSerializer

ERROR_DESCRIPTIONS = {
    "400": "The input or a query parameter is invalid; `fields` says which and why.",
    "401": "Authentication is required, or the token given is not valid.",
    "403": "Authenticated, but this account may not do this (wrong role or state, or CSRF).",
    "404": "No such object, or it belongs to someone else; or the page is out of range.",
    "429": "Too many requests; retry after the number of seconds in `Retry-After`.",
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class GigwiseAutoSchema(AutoSchema):
    def _docstring_lines(self) -> list[str]:
        return (super().get_description() or "").strip().splitlines()

    def get_summary(self) -> str | None:
        lines = self._docstring_lines()
        return lines[0].rstrip(".") if lines else None

    def get_description(self) -> str:
        """The docstring after its first line (which is the summary)."""
        return "\n".join(self._docstring_lines()[1:]).strip()

    def _allows_anonymous(self) -> bool:
        return all(isinstance(p, AllowAny) for p in self.view.get_permissions())

    def _error_codes(self) -> set[str]:
        codes = {"401", "429"}
        takes_filters = self._is_list_view() and (
            getattr(self.view, "filterset_class", None) or self.view.filter_backends
        )
        if self.method in {"POST", "PUT", "PATCH"} or takes_filters:
            codes.add("400")
        if self.method in UNSAFE_METHODS or not self._allows_anonymous():
            codes.add("403")
        paginated = self._is_list_view() and getattr(self.view, "pagination_class", None)
        if "{" in self.path or paginated:
            codes.add("404")
        return codes | {str(code) for code in getattr(self.view, "extra_error_codes", ())}

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in sorted(self._error_codes() - set(responses)):
            error = OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
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
