"""A stand-in clock, so a demo story's steps happen on the days the story says."""

import datetime as dt

from django.utils import timezone


class DemoClock:
    """Stands in for django.utils.timezone.now while the stories play (see the module notes).

    Services and model fields call `timezone.now()` through the module, so replacing the
    module's attribute reaches them all; the real function is restored on exit.
    """

    def __init__(self):
        self.current: dt.datetime | None = None

    def at(self, when: dt.datetime) -> None:
        self.current = when

    def _now(self) -> dt.datetime:
        return self.current or self._real()

    def __enter__(self) -> "DemoClock":
        self._real = timezone.now
        timezone.now = self._now
        return self

    def __exit__(self, *exc) -> None:
        timezone.now = self._real
