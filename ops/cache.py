"""A Redis cache that degrades instead of failing when Redis cannot be reached.

Redis is only ever a cache here (sessions live in the database), so when it is down a read is a
miss and a write is skipped: pages compute from the database and still answer. Connection
attempts give up after SOCKET_TIMEOUT seconds, and after a failure this process leaves Redis
alone for RETRY_AFTER seconds, so a page with ten cache calls does not wait ten times. The
outage is logged once a minute, not once a call.

While it is down, add() answers True (the key "was absent"), so the locks and counters that
django-ratelimit and allauth build on it let people through instead of refusing everyone.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

SOCKET_TIMEOUT = 0.2
RETRY_AFTER = 5.0
LOG_EVERY = 60.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class _Outage:
    """When one Redis location last failed."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.last_logged = float("-inf")
        self.skipped = 0

    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def record(self, location: str, error: BaseException) -> None:
        now = time.monotonic()
        with self.lock:
            self.down_until = now + RETRY_AFTER
            self.skipped += 1
            if now - self.last_logged >= LOG_EVERY:
                logger.warning(
                    "Redis cache %s is unreachable (%s): pages compute without it "
                    "(%d cache calls skipped since the last message)",
                    location,
                    error,
                    self.skipped,
                )
                self.last_logged = now
                self.skipped = 0


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def outage_for(location: str) -> _Outage:
    """The outage record of one Redis location, shared by every cache of the process."""
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class DegradingRedisCache(RedisCache):
    """Django's RedisCache, with reads that miss and writes that are skipped while Redis is down."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        params["OPTIONS"].setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        params["OPTIONS"].setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        self._outage = outage_for(self._location)

    def _call(self, method, fallback, *args, **kwargs):
        if self._outage.is_down():
            self._outage.skipped += 1
            return fallback
        try:
            return method(*args, **kwargs)
        except UNREACHABLE as error:
            self._outage.record(self._location, error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True, as if the key had been absent: locks and counters built on add() fail open.
        # allauth's rate-limit lock would otherwise wait a second and refuse every log-in (429).
        return self._call(super().add, True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        # A counter that cannot be read does not exist: the ValueError callers already expect
        # for a missing key (django-ratelimit then fails open with RATELIMIT_FAIL_OPEN).
        result = self._call(super().incr, None, key, delta, version)
        if result is None:
            raise ValueError(f"Key {key!r} not found (the cache is unreachable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)
