"""What /health/ checks: the database and cache always; Redis, the broker and a worker's answer
when configured; the task outbox's backlog and the unresolved dead letters.

Dependencies that are down answer 500. The outbox and the dead letters are warnings: the site
still serves, so they answer 200 with "Warning: ..." in the body for monitoring to alert on
(docs/RELIABILITY.md).

/health/node/ is the load balancer's probe: only what this web process needs to serve a page,
its database. Redis, the broker and the workers are shared by every node, and the site serves
without them (the cache degrades, tasks wait in the outbox), so a probe that failed with them
would take every node out at once.
"""

import dataclasses
import datetime

from django.conf import settings
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker accepts a connection (workers are checked by Ping)."""

    timeout: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(seconds=2), repr=False
    )

    def run(self) -> None:
        from marketplace.celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(
                    max_retries=1, interval_start=0, timeout=self.timeout.total_seconds()
                )
        except Exception as error:
            raise ServiceUnavailable("Broker unreachable") from error


@dataclasses.dataclass
class OutboxBacklog(HealthCheck):
    """Tasks waiting in the outbox longer than OUTBOX_BACKLOG_WARNING_MINUTES: a warning."""

    def run(self) -> None:
        from ops.services.outbox import outbox_backlog

        minutes = getattr(settings, "OUTBOX_BACKLOG_WARNING_MINUTES", 5)
        waiting = outbox_backlog(older_than=datetime.timedelta(minutes=minutes))
        if waiting:
            raise ServiceWarning(
                f"{waiting} task{'s' if waiting != 1 else ''} waiting in the outbox "
                f"for more than {minutes} minutes"
            )


@dataclasses.dataclass
class DeadLetters(HealthCheck):
    """Tasks that gave up and that staff have not yet retried or resolved: a warning."""

    def run(self) -> None:
        from ops.models import DeadLetter

        count = DeadLetter.objects.unresolved().count()
        if count:
            raise ServiceWarning(
                f"{count} unresolved dead letter{'s' if count != 1 else ''} "
                "(admin: Operations > Dead letters)"
            )


def health_checks() -> list:
    checks: list = ["health_check.checks.Cache", "health_check.checks.Database"]
    if settings.REDIS_URL:
        from health_check.contrib.redis import Redis
        from redis.asyncio import Redis as RedisClient

        url = settings.REDIS_URL
        checks.append((Redis, {"client_factory": lambda: RedisClient.from_url(url)}))
    if settings.CELERY_BROKER_URL and not settings.CELERY_TASK_ALWAYS_EAGER:
        checks.append(Broker)
    if settings.CELERY_BROKER_URL:
        checks.append("health_check.contrib.celery.Ping")
    checks += [OutboxBacklog, DeadLetters]
    return checks


def node_checks() -> list:
    return ["health_check.checks.Database"]


class GigwiseHealthCheckView(HealthCheckView):
    """django-health-check's view, answering 200 when the only findings are warnings."""

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        failed = [r for r in self.results if r.error and not isinstance(r.error, ServiceWarning)]
        if response.status_code == 500 and not failed:
            response.status_code = 200
        return response
