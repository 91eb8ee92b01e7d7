"""Saving, changing and deleting a search from the browse page, and unsubscribing from one."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from accounts.models import User
from projects.filters import ProjectFilter
from projects.models import Project, SkillCategory

from ..models import SavedSearch

# The browse page's filters a search keeps. Not "posted" (an alert is about what is new anyway),
# not the sort order or the page.
FILTER_FIELDS = (
    "q",
    "skills",
    "skill",
    "category",
    "budget_type",
    "budget_from",
    "budget_to",
    "experience_level",
)
MAX_SAVED_SEARCHES = 25
# The first digest of a new search covers the week before it was saved: the person sees at
# once what the search brings, and not the whole back catalogue.
FIRST_DIGEST_LOOKBACK = dt.timedelta(days=7)
NAME_MAX_LENGTH = SavedSearch._meta.get_field("name").max_length
NO_FILTERS = (
    "Choose at least one filter or type a search before saving: a search with no filters "
    "would alert you about every new project."
)
TOO_MANY = (
    f"You can keep up to {MAX_SAVED_SEARCHES} saved searches. Delete one you no longer need "
    "to save this one."
)
FREQUENCY_INVALID = "Choose how often to be alerted: instant, daily, weekly or off."
FREELANCERS_ONLY = "Only freelancer accounts can save searches for project alerts."


def _values(params: Mapping[str, Any], name: str) -> list[str]:
    if isinstance(params, QueryDict):
        raw = params.getlist(name)
    else:
        value = params.get(name)
        raw = value if isinstance(value, list | tuple) else [] if value is None else [value]
        if name == "skill" and len(raw) > 1:
            raw = [",".join(str(v) for v in raw)]  # the filter reads one comma-separated list
    return [str(v).strip() for v in raw if str(v).strip()]


def saved_search_query_clean(*, params: Mapping[str, Any]) -> str:
    """The filters of `params` as a canonical query string; ValidationError if none or wrong."""
    data = QueryDict(mutable=True)
    for name in FILTER_FIELDS:
        values = _values(params, name)
        if values:
            data.setlist(name, values)
    if not data:
        raise ValidationError({"filters": NO_FILTERS})
    form = ProjectFilter(data, queryset=Project.objects.none()).form
    if not form.is_valid():
        raise ValidationError(
            {
                "filters": [
                    f"{form.fields[name].label or name}: {' '.join(errors)}"
                    for name, errors in form.errors.items()
                ]
            }
        )
    return data.urlencode()


def saved_search_name_suggest(*, query: str) -> str:
    """A readable name from the filters ("django booking", "Django, React"), for a blank name."""
    data = QueryDict(query)
    for name in ("q", "skills"):
        if data.get(name):
            return data[name][:NAME_MAX_LENGTH]
    if data.get("category", "").isdigit():
        category = SkillCategory.objects.filter(pk=int(data["category"])).first()
        if category:
            return category.name[:NAME_MAX_LENGTH]
    return "My saved search"


def _name_clean(*, user: User, name: str, exclude_pk: int | None = None) -> str:
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError({"name": f"Keep the name to {NAME_MAX_LENGTH} characters or fewer."})
    taken = SavedSearch.objects.filter(user=user, name__iexact=name).exclude(pk=exclude_pk)
    if name and taken.exists():
        raise ValidationError(
            {"name": f"You already have a saved search called “{name}”: choose another name."}
        )
    return name


def _same_filters_check(*, user: User, query: str, exclude_pk: int | None = None) -> None:
    same = SavedSearch.objects.filter(user=user, query=query).exclude(pk=exclude_pk).first()
    if same is not None:
        raise ValidationError({"filters": f"You already saved these filters as “{same.name}”."})


def _frequency_clean(frequency: str) -> str:
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError({"frequency": FREQUENCY_INVALID})
    return frequency


@transaction.atomic
def saved_search_create(
    *, user: User, params: Mapping[str, Any], name: str = "", frequency: str = "daily"
) -> SavedSearch:
    """Save the browse page's filters under a name, alerting from now on at `frequency`."""
    if not user.is_freelancer:
        raise ValidationError(FREELANCERS_ONLY)
    errors: dict[str, list] = {}
    query = name_clean = ""
    for step in ("filters", "name", "frequency"):
        try:
            if step == "filters":
                query = saved_search_query_clean(params=params)
                _same_filters_check(user=user, query=query)
            elif step == "name":
                name_clean = _name_clean(user=user, name=name)
            else:
                _frequency_clean(frequency)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(TOO_MANY)
    if not name_clean:
        name_clean = _name_clean(user=user, name=saved_search_name_suggest(query=query))
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                user=user,
                name=name_clean,
                query=query,
                frequency=frequency,
                last_sent_at=timezone.now() - FIRST_DIGEST_LOOKBACK,
            )
    except IntegrityError:
        # Two tabs saving the same name at once: the constraint decided.
        raise ValidationError(
            {"name": f"You already have a saved search called “{name_clean}”."}
        ) from None


@transaction.atomic
def saved_search_update(
    *,
    search: SavedSearch,
    name: str | None = None,
    params: Mapping[str, Any] | None = None,
    frequency: str | None = None,
) -> SavedSearch:
    """Rename a saved search, change its filters or how often it alerts (what is given)."""
    fields = ["updated_at"]
    if name is not None:
        search.name = _name_clean(user=search.user, name=name, exclude_pk=search.pk) or search.name
        fields.append("name")
    if params is not None:
        query = saved_search_query_clean(params=params)
        _same_filters_check(user=search.user, query=query, exclude_pk=search.pk)
        search.query = query
        fields.append("query")
    if frequency is not None:
        was_off = not search.alerts_on
        search.frequency = _frequency_clean(frequency)
        fields.append("frequency")
        if was_off and search.alerts_on:
            # Back on after a pause: alert about what is new from now, not the months missed.
            search.last_sent_at = timezone.now()
            fields.append("last_sent_at")
    try:
        with transaction.atomic():
            search.save(update_fields=fields)
    except IntegrityError:
        raise ValidationError(
            {"name": f"You already have a saved search called “{search.name}”."}
        ) from None
    return search


def saved_search_delete(*, search: SavedSearch) -> None:
    """Delete a saved search; what it sent stays logged, so nothing is sent twice later."""
    search.delete()


def saved_search_unsubscribe(*, search: SavedSearch) -> SavedSearch:
    """Stop a saved search's alerts (the one-click link in its e-mails); it stays saved."""
    if search.alerts_on:
        search.frequency = SavedSearch.Frequency.OFF
        search.save(update_fields=["frequency", "updated_at"])
    return search
