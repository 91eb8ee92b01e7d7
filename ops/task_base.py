"""The base class of every Gigwise Celery task (marketplace/celery.py sets it as the default).

Transient faults (the database or the broker unreachable for a moment) are retried a bounded
number of times with exponential backoff and full jitter, so a hundred tasks failing together do
not retry together. A task that gives up (retries spent, or an error retrying cannot fix) leaves
an `ops.DeadLetter` row for staff to retry or resolve in the admin. acks_late and
reject_on_worker_lost are global settings: a task whose worker dies is delivered again.
"""

import logging

from celery import Task

logger = logging.getLogger(__name__)


def transient_errors() -> tuple[type[BaseException], ...]:
    """Errors that usually pass by themselves: worth a retry after a pause."""
    from django.db import InterfaceError
    from django.db import OperationalError as DatabaseOperationalError
    from kombu.exceptions import OperationalError as BrokerOperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (
        DatabaseOperationalError,
        InterfaceError,
        BrokerOperationalError,
        RedisConnectionError,
        RedisTimeoutError,
        ConnectionError,
        TimeoutError,
    )


class ReliableTask(Task):
    """Bounded retries with jittered exponential backoff; a dead letter when it gives up."""

    max_retries = 5
    retry_backoff = 2  # seconds before the first retry, doubling each time
    retry_backoff_max = 600
    retry_jitter = True
    acks_late = True
    reject_on_worker_lost = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Celery wraps `run` in its retry loop from this attribute when the task is created;
        # a task that names its own errors (autoretry_for=(OSError,)) keeps the transient ones.
        own = tuple(cls.__dict__.get("autoretry_for", ()))
        cls.autoretry_for = (*transient_errors(), *own)

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        if self.request.is_eager:
            return  # the caller saw the error raised in its own process
        try:
            from ops.services.dead_letters import dead_letter_record

            dead_letter_record(
                task_name=self.name,
                task_id=task_id or "",
                args=list(args or ()),
                kwargs=dict(kwargs or {}),
                exception=exc,
                traceback=str(einfo) if einfo else "",
                attempts=(self.request.retries or 0) + 1,
            )
        except Exception:
            # The database may be what failed; the worker's log keeps the error then.
            logger.exception("Could not record the dead letter of %s[%s]", self.name, task_id)
        super().on_failure(exc, task_id, args, kwargs, einfo)
