"""The request id: one per request, in every log line it causes and in its response.

`RequestIdMiddleware` (first in MIDDLEWARE, so even redirects answered by the security
middleware carry it) takes the X-Request-ID header a proxy or load balancer sent, if it is
well-formed, or makes one, and answers with it in X-Request-ID. `RequestLogMiddleware` is
django-structlog's request middleware (after authentication, so lines know the user) logging that
id, with secrets (reset keys, unsubscribe tokens, `?token=`) cut out of the logged path.
"""

import re
import uuid
from urllib.parse import parse_qsl, urlencode

import structlog
from django.core.signals import request_finished
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django_structlog.middlewares import RequestMiddleware

from marketplace.logs import REDACTED, forget_in_logs, forget_nothing

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# What an upstream id may look like: a UUID, nginx's $request_id, an AWS trace id. No spaces,
# quotes or control characters, so it can never forge or break a log line.
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:=+/\-]{7,63}")
# URL arguments and query parameters that carry a secret: their values are never logged.
SECRET_PARAMETER = re.compile(
    r"(^|_)(token|key|uid(b36|b64)?|sig|signature|secret|code|password|auth)(_|$)", re.IGNORECASE
)


def request_id_for(request) -> str:
    """The request's id: set once, from a well-formed X-Request-ID or a new UUID."""
    existing = getattr(request, "request_id", None)
    if existing:
        return existing
    supplied = request.META.get(META_KEY, "")
    request_id = supplied if WELL_FORMED.fullmatch(supplied) else str(uuid.uuid4())
    request.request_id = request_id
    # django-structlog reads the header (DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID): it now
    # holds the checked or generated id only.
    request.META[META_KEY] = request_id
    request.__dict__.pop("headers", None)
    return request_id


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Nothing left over from an earlier request served by this thread.
        structlog.contextvars.clear_contextvars()
        forget_nothing()
        request_id = request_id_for(request)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="gigwise-request-log-context")
def forget_the_request(**_kwargs) -> None:
    """After the response is sent (and Django's own "Not Found" line is written)."""
    structlog.contextvars.clear_contextvars()
    forget_nothing()


def redacted_path(request) -> str:
    """The request's path and query with the values of secret arguments replaced.

    Those values are also replaced in any other line logged during the request.
    """
    path = request.path
    secrets = []
    try:
        match = getattr(request, "resolver_match", None) or resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None:
        secrets += [
            str(value)
            for name, value in match.kwargs.items()
            if SECRET_PARAMETER.search(name) and str(value)
        ]
    query = request.META.get("QUERY_STRING", "")
    pairs = parse_qsl(query, keep_blank_values=True) if query else []
    secrets += [value for name, value in pairs if SECRET_PARAMETER.search(name) and value]
    for secret in secrets:
        path = path.replace(secret, REDACTED)
    if pairs:
        pairs = [
            (name, REDACTED if SECRET_PARAMETER.search(name) else value) for name, value in pairs
        ]
        path = f"{path}?{urlencode(pairs, safe='[]/:,')}"
    forget_in_logs(*secrets)
    return path


# Probed every few seconds by load balancers and containers: two lines per probe would drown
# the log. A failing probe is still logged, by Django ("Internal Server Error: /health/").
QUIET_PATHS = frozenset({"/health/", "/health/node/"})


class RequestLogMiddleware(RequestMiddleware):
    """django-structlog's request_started / request_finished lines, for Gigwise."""

    def __call__(self, request):
        if request.path_info in QUIET_PATHS:
            return self.get_response(request)
        return super().__call__(request)

    def prepare(self, request) -> None:
        request_id_for(request)  # also when RequestIdMiddleware is not installed
        super().prepare(request)

    def handle_response(self, request, response) -> None:
        # django-structlog clears the context here, but Django logs a 4xx or 5xx response
        # ("Not Found: /path") after the middleware: it keeps who and which request.
        context = structlog.contextvars.get_contextvars()
        super().handle_response(request, response)
        structlog.contextvars.bind_contextvars(
            **{key: context[key] for key in ("request_id", "user_id", "ip") if key in context}
        )

    @staticmethod
    def format_request(request) -> str:
        return f"{request.method} {redacted_path(request)}"
