"""The transactional outbox: a task is written in the caller's transaction and sent after commit.

`enqueue(task, *args, **kwargs)` replaces `task.delay_on_commit(...)`. With a broker, the row is
published as soon as the transaction commits; if the broker cannot be reached it stays pending
and `outbox_relay` (beat, every minute; `manage.py relay_outbox`) sends it later, oldest first.
A row rolled back with its transaction was never wanted, so nothing is sent. In eager mode (no
broker, `make run` and the test suite) the task simply runs after commit, as before.

Delivery is at least once: a relay that published a row and then lost its database connection
before marking it sends it again next minute. Tasks take ids and are safe to run twice.
"""

import logging
import time
from contextlib import contextmanager
from datetime import timedelta

import structlog
from celery import Task, current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu import pools

from ops.models import OutboxMessage

logger = logging.getLogger(__name__)

# After a failed publication, this process leaves publishing to the relay for this long, so a
# web request does not wait for an unreachable broker at every write.
BROKER_BACKOFF_SECONDS = 30
_broker_down_until = 0.0


def _setting(name: str, default):
    return getattr(settings, name, default)


def _request_id() -> str:
    """The id django-structlog gave the current web request, when there is one."""
    return str(structlog.contextvars.get_contextvars().get("request_id", ""))[:64]


def enqueue(task: Task | str, *args, **kwargs) -> OutboxMessage | None:
    """Send `task(*args, **kwargs)` to a worker once the current transaction commits."""
    return _enqueue(task, args, kwargs, robust=False)


def enqueue_robust(task: Task | str, *args, **kwargs) -> OutboxMessage | None:
    """`enqueue`, for work that must never fail the save that asked for it (embeddings).

    The difference shows in eager mode only, where the task runs in the caller's process: its
    error is logged instead of raised. With a broker, publishing never raises anyway.
    """
    return _enqueue(task, args, kwargs, robust=True)


def _enqueue(task: Task | str, args: tuple, kwargs: dict, *, robust: bool) -> OutboxMessage | None:
    app = current_app
    name = task if isinstance(task, str) else task.name
    if app.conf.task_always_eager:
        runnable = app.tasks[name] if isinstance(task, str) else task
        transaction.on_commit(lambda: runnable.apply_async(args, kwargs), robust=robust)
        return None
    message = OutboxMessage.objects.create(
        task_name=name, args=list(args), kwargs=kwargs, request_id=_request_id()
    )
    transaction.on_commit(lambda: outbox_publish(message_id=message.pk))
    return message


def _send(connection, message: OutboxMessage) -> None:
    # django-structlog carries the bound request id into the task's log lines; the relay runs
    # outside that request, so it binds the id the row kept.
    request_id = {"request_id": message.request_id} if message.request_id else {}
    with structlog.contextvars.bound_contextvars(**request_id):
        current_app.send_task(
            message.task_name,
            args=message.args,
            kwargs=message.kwargs,
            task_id=str(message.task_id),
            connection=connection,
            retry=False,
        )


@contextmanager
def _connect(app):
    """A broker connection from this process's pool, checked to answer within a short wait.

    kombu keeps one pool per broker URL in each process: a web request that sends a task does
    not pay for a new connection every time (about 9 ms to Redis on the same machine, against
    1 ms for a pooled one; docs/PERFORMANCE.md). A connection that failed is dropped rather
    than handed to the next caller, and a broker that does not answer is given up on after
    OUTBOX_BROKER_CONNECT_TIMEOUT (a web request never hangs).
    """
    timeout = _setting("OUTBOX_BROKER_CONNECT_TIMEOUT", 1.0)
    with pools.connections[app.connection_for_write()].acquire(
        block=True, timeout=timeout
    ) as connection:
        try:
            connection.ensure_connection(
                max_retries=1,
                interval_start=0,
                interval_step=0.1,
                interval_max=0.2,
                timeout=timeout,
            )
            yield connection
        except Exception:
            connection.collect()
            raise


def outbox_publish(*, message_id: int) -> bool:
    """Publish one pending message now; False when it was sent already or the broker is down.

    Runs after the commit of the transaction that wrote it. Never raises: an unreachable broker
    leaves the row pending for the relay.
    """
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        return False
    app = current_app
    try:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .pending()
                .filter(pk=message_id)
                .first()
            )
            if message is None:  # sent already, or the relay is sending it right now
                return False
            try:
                with _connect(app) as connection:
                    _send(connection, message)
            except Exception as error:
                _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
                logger.warning(
                    "Task %s stays in the outbox: the broker is unreachable (%s)",
                    message.task_name,
                    error,
                )
                OutboxMessage.objects.filter(pk=message.pk).update(
                    attempts=message.attempts + 1, last_error=repr(error)[:2000]
                )
                return False
            OutboxMessage.objects.filter(pk=message.pk).update(
                sent_at=timezone.now(), attempts=message.attempts + 1, last_error=""
            )
            return True
    except Exception:
        # The database itself failed after the caller's commit: the relay will find the row.
        logger.exception("Could not publish outbox message %s", message_id)
        return False


def outbox_relay(*, batch: int = 500) -> dict:
    """Publish pending messages oldest first; stops at the first broker failure.

    Rows are locked with SKIP LOCKED, so two relays running at once (or a relay and a commit
    hook) never publish the same row in one pass. Sent rows older than OUTBOX_KEEP_DAYS are
    deleted.
    """
    global _broker_down_until
    app = current_app
    sent = failed = 0
    error_text = ""
    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .pending()
            .order_by("created_at", "id")[:batch]
        )
        if messages:
            try:
                with _connect(app) as connection:
                    for message in messages:
                        _send(connection, message)
                        OutboxMessage.objects.filter(pk=message.pk).update(
                            sent_at=timezone.now(), attempts=message.attempts + 1, last_error=""
                        )
                        sent += 1
            except Exception as error:
                failed = len(messages) - sent
                error_text = repr(error)[:2000]
                logger.warning("Outbox relay: the broker is unreachable (%s)", error)
                unsent = [m.pk for m in messages[sent:]]
                OutboxMessage.objects.filter(pk__in=unsent).update(last_error=error_text)
            else:
                _broker_down_until = 0.0  # the broker answers again: commit hooks may publish
    keep = timedelta(days=_setting("OUTBOX_KEEP_DAYS", 7))
    pruned, _ = OutboxMessage.objects.filter(sent_at__lt=timezone.now() - keep).delete()
    remaining = OutboxMessage.objects.pending().count()
    if sent or failed:
        logger.info("Outbox relay: %d sent, %d still pending", sent, remaining)
    return {"sent": sent, "pending": remaining, "pruned": pruned, "error": error_text}


def outbox_backlog(*, older_than: timedelta) -> int:
    """How many messages have waited longer than `older_than` (the health check's figure)."""
    waited_since = timezone.now() - older_than
    return OutboxMessage.objects.pending().filter(created_at__lt=waited_since).count()
