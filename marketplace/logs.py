"""Logs: one JSON object per line (or readable lines for `make run`), secrets kept out.

settings.py names `configure` as LOGGING_CONFIG and `structured_formatter` as LOGGING's
formatter, so structlog's own events (django-structlog's request_started, task_started, ...)
and every stdlib logger (Django's, Celery's, the apps') share processors and renderer:

    {"event": "request_finished", "level": "info", "logger": "django_structlog...",
     "timestamp": "2026-12-06T19:20:00.123456Z", "request_id": "…", "user_id": 42,
     "ip": "203.0.113.9", "request": "GET /projects/", "code": 200}

The request id comes from `marketplace.request_id`; Celery carries it into tasks through
django-structlog's receivers (`install_celery_logging`, which `configure` calls).
docs/OPERATIONS.md describes the fields and how to follow one request across web and worker.
"""

import logging
import logging.config
import re
from collections.abc import MutableMapping
from contextvars import ContextVar
from typing import Any

import structlog

LOG_FORMATS = ("json", "console")
REDACTED = "[redacted]"

# Keys whose value is never written: passwords, tokens, keys, cookies, signatures, e-mail bodies.
SECRET_KEY_NAME = re.compile(
    r"pass(word|wd|phrase)?\d?$|secret|token|api_?key|private_?key|authori[sz]ation|cookie|"
    r"csrf|session_?(id|key)|otp|totp|recovery|signature|credential|(^|_)body$|html_message",
    re.IGNORECASE,
)
# Values that are secrets whatever their key: personal API tokens and bearer headers.
SECRET_VALUE = re.compile(r"\b(gw_)[A-Za-z0-9_\-]{12,}|(\bBearer\s+)\S+", re.IGNORECASE)


# Secrets this request carries in its URL (an unsubscribe token, a password-reset key): any line
# logged while it runs has them replaced, Django's own "Not Found: /path" included.
_request_secrets: ContextVar[tuple[str, ...]] = ContextVar("gigwise_request_secrets", default=())


def forget_in_logs(*values: str) -> None:
    """Replace these strings by [redacted] in every line logged until the request ends."""
    kept = tuple(value for value in values if len(value) >= 4)
    if kept:
        _request_secrets.set(_request_secrets.get() + kept)


def forget_nothing() -> None:
    """A new request (or the end of one): no secrets from a previous one are remembered."""
    _request_secrets.set(())


def _scrub(text: str) -> str:
    for secret in _request_secrets.get():
        text = text.replace(secret, REDACTED)
    return SECRET_VALUE.sub(lambda m: f"{m.group(1) or m.group(2)}{REDACTED}", text)


def redact_secrets(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """A structlog processor: blank secret-named keys, scrub token-shaped strings."""
    for key, value in event_dict.items():
        if key != "event" and SECRET_KEY_NAME.search(key):
            event_dict[key] = REDACTED
        elif isinstance(value, str):
            event_dict[key] = _scrub(value)
    return event_dict


def _shared_processors() -> list:
    """What every line gets, whether it comes from structlog or from a stdlib logger."""
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.PositionalArgumentsFormatter(),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        redact_secrets,
    ]


def _renderer(log_format: str) -> list:
    if log_format == "console":
        return [structlog.dev.ConsoleRenderer(colors=False)]
    return [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]


def structured_formatter(log_format: str = "json") -> logging.Formatter:
    """The one `logging` formatter (LOGGING's "()"), rendering stdlib and structlog records."""
    if log_format not in LOG_FORMATS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'console', not {log_format!r}.")
    return structlog.stdlib.ProcessorFormatter(
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            *_renderer(log_format),
        ],
        foreign_pre_chain=_shared_processors(),
    )


def configure_structlog() -> None:
    """structlog hands its events to stdlib logging, whose handler renders them (above)."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_shared_processors(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def configure(logging_settings: dict) -> None:
    """LOGGING_CONFIG: structlog first, then the LOGGING dict (as Django would apply it)."""
    configure_structlog()
    logging.config.dictConfig(logging_settings)
    install_celery_logging()


# --- Celery ------------------------------------------------------------------------------
_receiver = None


def install_celery_logging() -> None:
    """Carry the request's log context into its tasks and log each task's life, in JSON.

    Publishing is handled by django-structlog itself (DJANGO_STRUCTLOG_CELERY_ENABLED: the
    request's context travels in the message headers). Here, in every process that sets Django
    up (web with eager tasks, workers, beat, commands): the task-side receivers that
    django-structlog's worker step would connect, and worker logging from settings.LOGGING
    rather than Celery's own plain-text format. Safe to call more than once.
    """
    global _receiver
    from celery.signals import (
        setup_logging,
        task_failure,
        task_postrun,
        task_prerun,
        task_rejected,
        task_retry,
        task_revoked,
        task_success,
        task_unknown,
    )

    if _receiver is None:
        _receiver = _task_receiver()
    for signal, handler in (
        (task_prerun, _receiver.receiver_task_prerun),
        (task_postrun, _receiver.receiver_task_postrun),
        (task_retry, _receiver.receiver_task_retry),
        (task_success, _receiver.receiver_task_success),
        (task_failure, _receiver.receiver_task_failure),
        (task_revoked, _receiver.receiver_task_revoked),
        (task_unknown, _receiver.receiver_task_unknown),
        (task_rejected, _receiver.receiver_task_rejected),
    ):
        signal.connect(handler, weak=False, dispatch_uid=f"gigwise-logs-{handler.__name__}")

    def configure_worker_logging(**_kwargs) -> None:
        # A worker started inside tests keeps pytest's handlers (worker_hijack_root_logger off).
        from celery import current_app

        if current_app.conf.worker_hijack_root_logger:
            from django.conf import settings

            configure(settings.LOGGING)

    setup_logging.connect(configure_worker_logging, weak=False, dispatch_uid="gigwise-logs-setup")


def _task_receiver():
    from django_structlog.celery.receivers import CeleryReceiver

    class TaskReceiver(CeleryReceiver):
        """django-structlog's receiver, made safe for tasks run eagerly (CELERY_TASK_ALWAYS_EAGER).

        An eager task runs inside its caller, whose context already holds the request id: it
        adds task_id and task for its own lines and gives the caller its context back after,
        instead of clearing it as a worker does between messages. Its task_started and
        task_succeeded lines are at DEBUG: with eager tasks (`make run`, seed_demo) there is one
        per saved profile or project, and the request's own lines already tell the story.
        """

        def receiver_task_prerun(self, task_id, task, *args, **kwargs) -> None:
            if not _is_eager(task):
                super().receiver_task_prerun(task_id, task, *args, **kwargs)
                return
            context = structlog.contextvars.get_contextvars()
            task.request._gigwise_log_saved = {
                key: context[key] for key in ("task_id", "task", "parent_task_id") if key in context
            }
            if "task_id" in context:
                structlog.contextvars.bind_contextvars(parent_task_id=context["task_id"])
            structlog.contextvars.bind_contextvars(task_id=task_id, task=task.name)
            logger.debug("task_started")

        def receiver_task_success(self, result=None, sender=None, **kwargs) -> None:
            if not _is_eager(sender):
                super().receiver_task_success(result=result, sender=sender, **kwargs)
                return
            timing: dict[str, Any] = {}
            self.add_duration_ms(sender, timing)
            logger.debug("task_succeeded", **timing)

        def receiver_task_postrun(self, task_id=None, task=None, **kwargs) -> None:
            saved = getattr(getattr(task, "request", None), "_gigwise_log_saved", None)
            if saved is None:
                # A worker between messages: its next lines ("Task ... received") belong to no
                # request yet, so they must not carry this one's id.
                structlog.contextvars.clear_contextvars()
                return
            structlog.contextvars.unbind_contextvars("task_id", "task", "parent_task_id")
            structlog.contextvars.bind_contextvars(**saved)

    def _is_eager(task) -> bool:
        return bool(getattr(getattr(task, "request", None), "is_eager", False))

    logger = structlog.get_logger("django_structlog.celery.receivers")
    return TaskReceiver()
