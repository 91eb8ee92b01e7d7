"""/api/v1/saved-searches/: a freelancer's saved searches and their alerts, by role."""

import pytest
from django.urls import reverse

from automation.models import SavedSearch
from automation.services.saved_searches import saved_search_create
from projects.models import Job
from tests.api import matrix
from tests.api.matrix import Row, codes, matrix_check, matrix_params

pytestmark = pytest.mark.django_db

_world_build = matrix.world_build


def automation_world() -> matrix.World:
    """The matrix's world, plus a saved search of the freelancer's."""
    world = _world_build()
    world.search = saved_search_create(
        user=world.freelancer, params={"skills": "Django"}, name="Django gigs"
    )
    return world


FREELANCERS = codes(403, anonymous=401, freelancer=200, other_freelancer=200)
OWN_ONLY = codes(403, anonymous=401, freelancer=200, other_freelancer=404)
ROWS = [
    Row("api:saved-search-list", "get", expect=FREELANCERS),
    Row(
        "api:saved-search-list",
        "post",
        expect=codes(403, anonymous=401, freelancer=201, other_freelancer=201),
        body={"name": "Remote React", "filters": {"skills": "React"}, "frequency": "weekly"},
    ),
    Row("api:saved-search-detail", "get", {"pk": "search"}, expect=OWN_ONLY),
    Row(
        "api:saved-search-detail",
        "patch",
        {"pk": "search"},
        expect=OWN_ONLY,
        body={"frequency": "instant"},
    ),
    Row(
        "api:saved-search-detail",
        "delete",
        {"pk": "search"},
        expect=codes(403, anonymous=401, freelancer=204, other_freelancer=404),
    ),
    Row(
        "api:saved-search-send",
        "post",
        {"pk": "search"},
        expect=codes(403, anonymous=401, freelancer=202, other_freelancer=404),
    ),
]


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_automation_matrix(row, role, client_for, anon_client, monkeypatch):
    monkeypatch.setattr(matrix, "world_build", automation_world)
    matrix_check(row, role, client_for, anon_client)


def test_a_saved_search_round_trip(freelancer, client_for):
    client = client_for(freelancer)
    url = reverse("api:saved-search-list")
    created = client.post(
        url,
        {
            "filters": {"q": "booking", "skill": [3, 5], "budget_from": "500"},
            "frequency": "instant",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["name"] == "booking"  # named after what was searched
    assert body["filters"] == {"q": "booking", "skill": [3, 5], "budget_from": "500.00"}
    assert body["browse_url"].startswith("/projects/?q=booking")
    detail = reverse("api:saved-search-detail", args=[body["id"]])
    changed = client.patch(
        detail, {"name": "Bookings", "filters": {"skills": "Django"}}, format="json"
    ).json()
    assert changed["name"] == "Bookings"
    assert changed["filters"] == {"skills": "Django"}
    assert changed["frequency"] == "instant"
    assert client.get(url).json()["count"] == 1
    assert client.delete(detail).status_code == 204
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"filters": {}}, "filters", "Choose at least one filter"),
        ({"name": "x"}, "filters", "Choose at least one filter"),
        ({"filters": {"q": "react"}, "frequency": "hourly"}, "frequency", "instant, daily"),
        ({"filters": {"skills": "Django"}, "name": "django GIGS"}, "name", "already have"),
        ({"filters": {"skills": "Django"}}, "filters", "already saved these filters"),
        ({"filters": {"budget_type": "barter"}}, "filters.budget_type", "barter"),
        ({"filters": {"skills": "Django"}, "name": "n" * 81}, "name", "80 characters"),
    ],
)
def test_wrong_input_is_refused_with_a_specific_message(
    freelancer, client_for, body, field, message
):
    saved_search_create(user=freelancer, params={"skills": "Django"}, name="Django gigs")
    response = client_for(freelancer).post(reverse("api:saved-search-list"), body, format="json")
    assert response.status_code == 400, response.content
    error = response.json()
    assert field in error["fields"]
    assert message in str(error["fields"][field])


def test_send_now_answers_with_the_job_to_poll(freelancer, client_for):
    search = saved_search_create(user=freelancer, params={"skills": "Django"})
    response = client_for(freelancer).post(reverse("api:saved-search-send", args=[search.pk]))
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    assert job.kind == "automation.digest"
    assert job.params == {"search_ids": [search.pk]}
