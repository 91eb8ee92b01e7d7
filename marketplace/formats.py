"""How dates read on Gigwise's pages, the same everywhere: "7 Dec 2025"."""

import datetime as dt

from django.utils import timezone


def day_month_year(moment: dt.date | dt.datetime) -> str:
    """7 Dec 2025; a date and time is read in the current time zone first."""
    if isinstance(moment, dt.datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment.day} {moment:%b %Y}"
