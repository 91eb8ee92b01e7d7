"""Reads of automation: saved searches (only their owner's), what they match, and local time."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from accounts.models import User
from projects.filters import ProjectFilter
from projects.models import Project
from projects.selectors.projects import project_browse_queryset

from .models import AlertDelivery, SavedSearch

UTC = ZoneInfo("UTC")
# Digests and reminders leave between these local hours, never at night: a digest at the first
# run from 08:00, a reminder at the first hourly run of the person's day.
DAYTIME_START_HOUR = 8
DAYTIME_END_HOUR = 20


def saved_searches_for_user(*, user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user).order_by("name", "id")


def saved_search_get_for_user(*, user: User, pk: int) -> SavedSearch:
    """One of the user's saved searches; 404 for anybody else's."""
    return get_object_or_404(SavedSearch, user=user, pk=pk)


def saved_search_filterset(*, search: SavedSearch) -> ProjectFilter:
    """The browse page's filters as the search saved them, over the projects anyone may see."""
    return ProjectFilter(QueryDict(search.query), queryset=project_browse_queryset())


def saved_search_projects(*, search: SavedSearch) -> QuerySet[Project]:
    return saved_search_filterset(search=search).qs


@dataclass(frozen=True)
class FilterPart:
    label: str
    value: str


def saved_search_describe(*, search: SavedSearch) -> list[FilterPart]:
    """The search's filters as a person reads them ("Skills (any of): Django")."""
    form = saved_search_filterset(search=search).form
    form.is_valid()
    parts = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", []):
            continue
        field = form.fields[name]
        if name == "skill":
            shown = f"{len(value)} chosen skill{'s' if len(value) != 1 else ''}"
        elif hasattr(field, "choices") and not hasattr(value, "pk"):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        parts.append(FilterPart(label=str(field.label or name), value=shown))
    return parts


def alert_deliveries_for_search(*, search: SavedSearch, limit: int = 20) -> list[AlertDelivery]:
    """The projects this search sent lately, newest digest first, each with its reasons."""
    return list(
        AlertDelivery.objects.filter(saved_search=search)
        .select_related("project")
        .order_by("-sent_at", "position", "id")[:limit]
    )


def user_timezone(user: User) -> dt.tzinfo:
    """The zone the person said they live in (either profile); UTC when they have none."""
    for name in ("freelancer_profile", "employer_profile"):
        try:
            profile = getattr(user, name)
        except ObjectDoesNotExist:
            continue
        if profile.timezone:
            return profile.timezone
    return UTC


def is_daytime(*, user: User, now: dt.datetime) -> bool:
    """Whether it is daytime where the person lives, so a message may reach them now."""
    local = now.astimezone(user_timezone(user))
    return DAYTIME_START_HOUR <= local.hour < DAYTIME_END_HOUR


PERIOD_DAYS = {SavedSearch.Frequency.DAILY: 1, SavedSearch.Frequency.WEEKLY: 7}


def saved_search_is_due(*, search: SavedSearch, user: User, now: dt.datetime) -> bool:
    """Instant: always. Daily and weekly: from the person's local morning, once a period."""
    if search.frequency == SavedSearch.Frequency.INSTANT:
        return True
    days = PERIOD_DAYS.get(search.frequency)
    if days is None:
        return False
    zone = user_timezone(user)
    local = now.astimezone(zone)
    if not DAYTIME_START_HOUR <= local.hour < DAYTIME_END_HOUR:
        return False
    return (local.date() - search.last_sent_at.astimezone(zone).date()).days >= days


def saved_searches_due(*, now: dt.datetime) -> list[int]:
    """The saved searches whose digest is due at `now`, by id (each is checked again, locked)."""
    searches = (
        SavedSearch.objects.exclude(frequency=SavedSearch.Frequency.OFF)
        .filter(user__is_active=True, user__role=User.Role.FREELANCER)
        .select_related("user__freelancer_profile", "user__employer_profile")
        .order_by("pk")
    )
    return [
        search.pk
        for search in searches.iterator(chunk_size=500)
        if saved_search_is_due(search=search, user=search.user, now=now)
    ]
