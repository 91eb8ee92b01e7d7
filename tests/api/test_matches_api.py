"""/api/v1/matches/ and /api/v1/projects/{id}/matches/: both sides' matches, and feedback."""

import pytest
from django.urls import reverse

from matching.index import vector_index_reset
from matching.models import MatchEvent
from matching.skills_in_text import skill_index_reset
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.matching.helpers import booking_market, freelancer_with


def _feedback(world) -> dict:
    return {"project": world.project.pk, "freelancer": world.freelancer.pk, "kind": "save"}


ROWS = [
    Row(
        "api:matches-projects",
        "get",
        expect=codes(403, anonymous=401, freelancer=200, other_freelancer=200),
    ),
    Row(
        "api:project-matches",
        "get",
        {"pk": "project"},
        codes(403, anonymous=401, employer=200, other_employer=404),
    ),
    Row(
        "api:matches-feedback",
        "post",
        expect=codes(201, anonymous=401, staff=403, other_employer=404),
        body=_feedback,
    ),
]


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_matches_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.fixture
def market(db):
    skill_index_reset()
    vector_index_reset()
    yield booking_market()
    skill_index_reset()
    vector_index_reset()


def test_the_freelancer_gets_projects_with_scores_and_reasons(market, client_for):
    body = client_for(market["backend"].user).get(reverse("api:matches-projects")).json()
    assert body["count"] == 1
    assert body["empty_reason"] == ""
    first = body["results"][0]
    assert first["project"]["id"] == market["project"].pk
    assert "2 of 2 required skills, including Django and PostgreSQL" in first["explanation"]
    assert first["components"]["skills"] == 1.0
    assert 0 < first["score"] <= 1
    assert first["percent"] == round(100 * first["score"])


def test_an_empty_profile_gets_an_empty_list_and_the_reason(market, client_for):
    body = client_for(freelancer_with().user).get(reverse("api:matches-projects")).json()
    assert body["results"] == []
    assert "Add your skills" in body["empty_reason"]


def test_the_owner_gets_talent_and_not_interested_removes_it(market, client_for):
    client = client_for(market["owner"])
    url = reverse("api:project-matches", args=[market["project"].pk])
    first = client.get(url).json()["results"][0]
    assert first["freelancer"]["id"] == market["backend"].user_id
    assert "Django" in first["explanation"]
    sent = {
        "project": market["project"].pk,
        "freelancer": market["backend"].user_id,
        "kind": "not_interested",
        "reason": "Not in our time zone",
    }
    assert client.post(reverse("api:matches-feedback"), sent, format="json").status_code == 201
    assert client.get(url).json()["results"] == []
    event = MatchEvent.objects.get()
    assert (event.side, event.reason) == (MatchEvent.Side.EMPLOYER, "Not in our time zone")


def test_feedback_with_bad_input_names_the_field(market, client_for):
    owner = client_for(market["owner"])
    url = reverse("api:matches-feedback")
    missing = owner.post(url, {"project": market["project"].pk, "kind": "save"}, format="json")
    assert missing.status_code == 400
    assert "freelancer" in missing.json()["fields"]
    wrong_kind = owner.post(
        url,
        {"project": market["project"].pk, "freelancer": 1, "kind": "hire"},
        format="json",
    )
    assert wrong_kind.status_code == 400
    assert "kind" in wrong_kind.json()["fields"]
    assert not MatchEvent.objects.exists()
