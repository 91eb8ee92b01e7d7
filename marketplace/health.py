"""Which health checks /health/ runs: the database and cache always, the broker when set."""

from django.conf import settings


def health_checks() -> list:
    checks: list = ["health_check.checks.Cache", "health_check.checks.Database"]
    if settings.REDIS_URL:
        from health_check.contrib.redis import Redis
        from redis.asyncio import Redis as RedisClient

        url = settings.REDIS_URL
        checks.append((Redis, {"client_factory": lambda: RedisClient.from_url(url)}))
    if settings.CELERY_BROKER_URL:
        checks.append("health_check.contrib.celery.Ping")
    return checks
