import datetime as dt

import pytest

from automation.models import SavedSearch
from automation.services.saved_searches import saved_search_create
from tests.matching.conftest import fresh_matching_caches  # noqa: F401
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy


@pytest.fixture
def market(db):
    """The small taxonomy, a Django developer, and an employer with nothing published yet."""
    small_taxonomy()
    developer = freelancer_with(
        headline="Django developer", bio="I build booking systems in Django.",
        skills=["Django", "postgres"], rate=45, email="dev@example.com",
    )  # fmt: skip
    return {"developer": developer.user}


def publish(title, *, skills=("Django",), at=None, **fields):
    """An open project published at `at` (now by default)."""
    project = open_project(
        title=title, description=f"{title}: a web application.", skills=list(skills), **fields
    )
    if at is not None:
        type(project).objects.filter(pk=project.pk).update(published_at=at)
        project.published_at = at
    return project


def saved(user, *, query="skills=Django", frequency="instant", last_sent_at=None, name=""):
    from django.http import QueryDict

    search = saved_search_create(user=user, params=QueryDict(query), name=name, frequency=frequency)
    if last_sent_at is not None:
        SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=last_sent_at)
        search.refresh_from_db()
    return search


def ago(**delta) -> dt.datetime:
    from django.utils import timezone

    return timezone.now() - dt.timedelta(**delta)
