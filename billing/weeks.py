"""Weeks, days and hours as the time log counts and writes them (the freelancer's timezone)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from accounts.models import User
from projects.models import Contract

# Contracts hired before the weekly limit existed have none stored: the usual full-time week.
DEFAULT_WEEKLY_HOURS = 40


def local_zone(user: User) -> ZoneInfo:
    """The freelancer's timezone, in which their weeks and days are counted."""
    profile = getattr(user, "freelancer_profile", None)
    return ZoneInfo(str(profile.timezone)) if profile is not None else ZoneInfo("UTC")


def week_start_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_limit_minutes(contract: Contract) -> int:
    return (contract.weekly_hour_limit or DEFAULT_WEEKLY_HOURS) * 60


def hours_text(minutes: int) -> str:
    """42 h, 41.5 h, 7.25 h: hours as people write them."""
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
    return f"{hours:f}".rstrip("0").rstrip(".")


def day_text(moment: dt.datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b}"


def time_text(moment: dt.datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%H:%M}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
