"""Logs: one JSON object per line, a request id from the web request into its tasks, no secrets."""

import io
import json
import logging
import logging.config
import os
import time
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path

from marketplace.celery import app as celery_app
from marketplace.celery import ping
from marketplace.logs import structured_formatter
from tests.factories import FreelancerFactory

PASSWORD = "Correct-Horse-Battery-42"
FIELDS = {"timestamp", "level", "logger", "event", "request_id", "ip"}


# --- A page that logs through a plain stdlib logger and enqueues a task ----------------------
def log_and_enqueue(request):
    logging.getLogger("gigwise.tests.view").warning("view ran for %s", "someone")
    queue = request.GET.get("queue")
    with transaction.atomic():
        # As services do: the task is sent once the transaction commits.
        transaction.on_commit(lambda: ping.apply_async(queue=queue) if queue else ping.delay())
    return HttpResponse("ok")


urlpatterns = [path("log-and-enqueue/", log_and_enqueue), path("", include("marketplace.urls"))]


class JsonLines:
    """What the project's JSON formatter wrote while the test ran, one parsed object per line."""

    def __init__(self, stream: io.StringIO):
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def all(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]

    def events(self, event: str) -> list[dict]:
        return [line for line in self.all() if line["event"] == event]


@pytest.fixture
def json_lines():
    """A handler on the root logger with LOGGING's "json" formatter, as production writes."""
    config = logging.config.DictConfigurator(settings.LOGGING)
    formatter = config.configure_formatter(dict(settings.LOGGING["formatters"]["json"]))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield JsonLines(stream)
    finally:
        root.removeHandler(handler)


@contextmanager
def debug_logging():
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        root.setLevel(level)


# --- The request id ---------------------------------------------------------------------------
def test_request_logs_json_lines_with_its_request_id_returned_in_the_header(client, db, json_lines):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    uuid.UUID(request_id)  # generated: none was sent
    lines = json_lines.all()
    assert lines, "the request wrote no log line"
    for line in json_lines.text.splitlines():  # every line is one JSON object
        assert isinstance(json.loads(line), dict)
    started, finished = json_lines.events("request_started"), json_lines.events("request_finished")
    assert len(started) == len(finished) == 1
    for line in (started[0], finished[0]):
        assert line.keys() >= FIELDS
        assert line["request_id"] == request_id
        assert line["ip"] == "127.0.0.1"
        assert line["request"] == "GET /accounts/login/"
    assert finished[0]["code"] == 200
    assert finished[0]["user_id"] is None  # anonymous


def test_a_well_formed_upstream_request_id_is_kept(client, db, json_lines):
    upstream = "f3c1e2d4a5b64c7d8e9f0a1b2c3d4e5f"  # nginx's $request_id

    response = client.get("/accounts/login/", headers={"X-Request-ID": upstream})

    assert response["X-Request-ID"] == upstream
    assert {line["request_id"] for line in json_lines.events("request_finished")} == {upstream}


@pytest.mark.parametrize(
    "supplied",
    [
        "short",
        'abc" "level": "critical',
        "with spaces in it please",
        "x" * 65,
        "line\\nbreak-0123456789",
        "<script>alert(1)</script>",
    ],
)
def test_a_malformed_upstream_request_id_is_replaced(client, db, json_lines, supplied):
    response = client.get("/accounts/login/", headers={"X-Request-ID": supplied})

    request_id = response["X-Request-ID"]
    assert request_id != supplied
    uuid.UUID(request_id)
    assert supplied not in json_lines.text
    assert {line["request_id"] for line in json_lines.events("request_finished")} == {request_id}


def test_even_a_redirect_from_the_security_middleware_carries_the_request_id(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/accounts/login/")

    assert response.status_code == 301
    uuid.UUID(response["X-Request-ID"])


def test_signed_in_request_logs_the_user_id(client, db, json_lines):
    user = FreelancerFactory()
    client.force_login(user)

    client.get("/accounts/login/")

    finished = json_lines.events("request_finished")
    assert [line["user_id"] for line in finished] == [user.pk]


@pytest.mark.urls(__name__)
def test_stdlib_lines_inside_a_request_are_json_with_the_request_id(client, db, json_lines):
    response = client.get("/log-and-enqueue/")

    request_id = response["X-Request-ID"]
    [line] = [line for line in json_lines.all() if line["logger"] == "gigwise.tests.view"]
    assert line["event"] == "view ran for someone"
    assert line["level"] == "warning"
    assert line["request_id"] == request_id
    assert line.keys() >= FIELDS


def test_djangos_own_lines_are_json_with_the_request_id(client, db, json_lines):
    response = client.get("/no-such-page-anywhere/")

    assert response.status_code == 404
    [line] = [line for line in json_lines.all() if line["logger"] == "django.request"]
    assert line["event"].startswith("Not Found: /no-such-page-anywhere/")
    assert line["request_id"] == response["X-Request-ID"]


# --- Into Celery tasks --------------------------------------------------------------------------
@pytest.mark.urls(__name__)
def test_a_task_enqueued_by_a_request_logs_with_its_request_id(
    client, transactional_db, json_lines
):
    """Eager mode (make run, the suite): the task runs in the request, under its context."""
    with debug_logging():  # eager tasks log their start and end at DEBUG
        response = client.get("/log-and-enqueue/", headers={"X-Request-ID": "req-eager-0123456789"})

    assert response["X-Request-ID"] == "req-eager-0123456789"
    [started] = json_lines.events("task_started")
    [succeeded] = json_lines.events("task_succeeded")
    for line in (started, succeeded):
        assert line["request_id"] == "req-eager-0123456789"
        assert line["task"] == "marketplace.ping"
        assert line["task_id"]
    # The task gave the request its context back: the request's last line has no task_id.
    [finished] = json_lines.events("request_finished")
    assert finished["request_id"] == "req-eager-0123456789"
    assert "task_id" not in finished


def test_a_task_outside_any_request_logs_without_a_request_id(db, json_lines):
    with debug_logging():
        ping.delay()

    [started] = json_lines.events("task_started")
    assert "request_id" not in started


def worker_log_stream() -> io.StringIO:
    """JSON lines from every thread of this process, the embedded worker's included."""
    stream = io.StringIO()
    stream.handler = logging.StreamHandler(stream)
    stream.handler.setFormatter(structured_formatter("json"))
    logging.getLogger().addHandler(stream.handler)
    return stream


def wait_for_line(stream: io.StringIO, task_id: str, event: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for line in stream.getvalue().splitlines():
            parsed = json.loads(line)
            if parsed.get("task_id") == task_id and parsed["event"] == event:
                return
        time.sleep(0.1)
    pytest.fail(f"no {event} line for task {task_id} within {seconds} s")


@pytest.mark.celery_worker
@pytest.mark.urls(__name__)
def test_a_task_run_by_a_real_worker_logs_with_the_request_id(client, celery_worker_thread):
    """The id crosses the broker in the message headers (django-structlog's receiver)."""
    stream = worker_log_stream()
    try:
        response = client.get(
            "/log-and-enqueue/",
            {"queue": celery_worker_thread.queue},
            headers={"X-Request-ID": "req-worker-0123456789"},
        )
        assert not celery_app.conf.task_always_eager
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        [enqueued] = [line for line in lines if line["event"] == "task_enqueued"]
        wait_for_line(stream, enqueued["child_task_id"], "task_succeeded")
    finally:
        logging.getLogger().removeHandler(stream.handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    worker_lines = [line for line in lines if line.get("task_id") == enqueued["child_task_id"]]
    assert {"task_started", "task_succeeded"} <= {line["event"] for line in worker_lines}, lines
    assert {line["request_id"] for line in worker_lines} == {"req-worker-0123456789"}
    assert response["X-Request-ID"] == "req-worker-0123456789"


@pytest.mark.celery_worker
def test_a_task_the_outbox_relay_sends_later_logs_with_the_request_id(celery_worker_thread):
    """The outbox row keeps the request id; the relay (another process, later) sends it on."""
    from ops.models import OutboxMessage
    from ops.services.outbox import outbox_relay

    message = OutboxMessage.objects.create(
        task_name="marketplace.ping", request_id="req-relay-0123456789"
    )
    stream = worker_log_stream()
    try:
        assert outbox_relay()["sent"] == 1
        wait_for_line(stream, str(message.task_id), "task_succeeded")
    finally:
        logging.getLogger().removeHandler(stream.handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    mine = [line for line in lines if line.get("task_id") == str(message.task_id)]
    assert {"task_started", "task_succeeded"} <= {line["event"] for line in mine}, lines
    assert {line["request_id"] for line in mine} == {"req-relay-0123456789"}


# --- No secrets -------------------------------------------------------------------------------
@pytest.mark.parametrize("password", [PASSWORD, "Wrong-Horse-Battery-99"])
def test_a_login_request_never_logs_the_password(client, db, json_lines, password):
    FreelancerFactory(email="logs@example.com", password=PASSWORD)
    with debug_logging():  # whatever LOG_LEVEL a deployment chooses
        response = client.post(
            "/accounts/login/", {"login": "logs@example.com", "password": password}
        )

    assert response.status_code in {200, 302}
    assert json_lines.events("request_finished"), "the login request was not logged"
    assert password not in json_lines.text
    assert "Horse-Battery" not in json_lines.text


@pytest.mark.parametrize(
    ("url", "logged"),
    [
        (
            "/alerts/unsubscribe/s3cr3t-unsubscribe-T0KEN-value/?token=query-T0KEN-value&page=2",
            "GET /alerts/unsubscribe/[redacted]/?token=[redacted]&page=2",
        ),
        (
            "/accounts/password/reset/key/3f-cdk9hq-0T0KEN0a1b2c3d4e5f60718293a4b5c6d7e8/",
            "GET /accounts/password/reset/key/[redacted]-[redacted]/",
        ),
        (
            "/accounts/confirm-email/MQ:1tT0KEN:abcdefghijklmnopqrstuvwxyz/",
            "GET /accounts/confirm-email/[redacted]/",
        ),
    ],
)
def test_secret_tokens_in_paths_and_queries_are_not_logged(client, db, json_lines, url, logged):
    client.get(url)

    assert "T0KEN" not in json_lines.text
    [finished] = json_lines.events("request_finished")
    assert finished["request"] == logged


def test_secret_named_fields_and_api_tokens_are_redacted(json_lines):
    import structlog

    structlog.get_logger("gigwise.tests").info(
        "signed in", password="hunter2-hunter2", api_token="x", detail="Bearer gw_abcdefghijklmnop"
    )
    logging.getLogger("gigwise.tests").info("header was %s", "Bearer gw_abcdefghijklmnopqr")

    assert "hunter2" not in json_lines.text
    assert "abcdefghijklmnop" not in json_lines.text
    first, second = json_lines.all()
    assert first["password"] == first["api_token"] == "[redacted]"
    assert second["event"] == "header was Bearer [redacted]"


# --- The two formats --------------------------------------------------------------------------
def test_console_format_renders_readable_lines():
    record = logging.LogRecord(
        "gigwise.tests", logging.INFO, __file__, 1, "hello %s", ("you",), None
    )

    line = structured_formatter("console").format(record)

    assert "hello you" in line
    assert "[info" in line
    with pytest.raises(json.JSONDecodeError):
        json.loads(line)
    assert json.loads(structured_formatter("json").format(record))["event"] == "hello you"


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        structured_formatter("xml")


@pytest.mark.skipif("LOG_FORMAT" in os.environ, reason="LOG_FORMAT is set in the environment")
def test_json_is_the_default_when_debug_is_off():
    assert ("console" if settings.DEBUG else "json") == settings.LOG_FORMAT
    assert settings.LOGGING["formatters"]["structured"]["log_format"] == settings.LOG_FORMAT


def test_health_probes_are_not_logged_but_carry_a_request_id(client, db, json_lines):
    from tests.marketplace.test_health import get_health

    response = get_health(client)

    uuid.UUID(response["X-Request-ID"])
    assert not json_lines.events("request_started")
    assert not json_lines.events("request_finished")
