"""What every endpoint shares: token auth, the one error body, paging, throttling, 404s."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services import api_token_create, api_token_revoke
from tests.factories import FreelancerFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_asked_for_a_token(anon_client):
    response = anon_client.get(reverse("api:me"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json() == {
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
        "fields": {},
    }


def test_a_token_signs_in_its_owner_and_is_stored_only_as_a_digest(freelancer, anon_client):
    token, raw = api_token_create(user=freelancer, name="laptop")
    assert raw.startswith("gw_")
    assert len(raw) > 40
    assert raw not in {token.digest, token.prefix}
    assert raw.startswith(token.prefix)
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = anon_client.get(reverse("api:me"))
    assert response.status_code == 200
    assert response.json()["email"] == freelancer.email
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("Bearer gw_not-a-real-token", "not valid"),
        ("Bearer", "Authorization: Bearer"),
        ("Bearer two parts", "Authorization: Bearer"),
    ],
)
def test_a_bad_token_is_refused_with_the_reason(anon_client, header, says):
    anon_client.credentials(HTTP_AUTHORIZATION=header)
    response = anon_client.get(reverse("api:me"))
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert says in response.json()["detail"]


def test_a_revoked_token_stops_working(freelancer, anon_client):
    token, raw = api_token_create(user=freelancer, name="old")
    api_token_revoke(user=freelancer, token_id=token.pk)
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert anon_client.get(reverse("api:me")).status_code == 401
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_a_suspended_users_token_stops_working(freelancer, anon_client):
    _token, raw = api_token_create(user=freelancer, name="x")
    freelancer.is_active = False
    freelancer.save()
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = anon_client.get(reverse("api:me"))
    assert response.status_code == 401
    assert "suspended" in response.json()["detail"]


def test_token_names_are_required_and_unique_per_user(freelancer):
    from django.core.exceptions import ValidationError

    api_token_create(user=freelancer, name="ci")
    with pytest.raises(ValidationError, match="already have a token called"):
        api_token_create(user=freelancer, name="  ci ")
    with pytest.raises(ValidationError, match="Name the token"):
        api_token_create(user=freelancer, name="   ")
    other = FreelancerFactory()
    api_token_create(user=other, name="ci")  # another user's names are theirs


def test_field_errors_are_keyed_by_field_and_what_was_sent_is_kept(freelancer, client_for):
    client = client_for(freelancer)
    response = client.patch(
        reverse("api:me-freelancer-profile"),
        {"hourly_rate": "-5", "timezone": "Mars/Olympus", "headline": "Kept"},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"hourly_rate", "timezone"}
    assert "Mars/Olympus" in body["fields"]["timezone"][0]
    freelancer.freelancer_profile.refresh_from_db()
    assert freelancer.freelancer_profile.headline != "Kept"  # nothing half-saved


def test_a_service_rule_comes_back_keyed_by_its_field(freelancer, client_for):
    client = client_for(freelancer)
    response = client.patch(reverse("api:me-freelancer-profile"), {"years_experience": 99})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["years_experience"]


def test_the_wrong_role_is_refused_with_the_reason(freelancer, client_for):
    response = client_for(freelancer).get(reverse("api:me-employer-profile"))
    assert response.status_code == 403
    assert response.json()["detail"] == "Only employer accounts can do this."


def test_an_unknown_api_path_answers_json_404(anon_client):
    response = anon_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_lists_are_paged_and_a_page_past_the_end_is_404(anon_client):
    from tests.projects.factories import SkillFactory

    SkillFactory.create_batch(25)
    first = anon_client.get(reverse("api:skill-list")).json()
    assert (first["count"], len(first["results"])) == (25, 20)
    assert first["next"]
    assert len(anon_client.get(reverse("api:skill-list"), {"page_size": 5}).json()["results"]) == 5
    assert anon_client.get(reverse("api:skill-list"), {"page": 9}).status_code == 404


def test_anonymous_clients_are_throttled(anon_client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [anon_client.get(reverse("api:skill-list")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = anon_client.get(reverse("api:skill-list"))
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_the_session_works_for_the_browser_with_csrf(freelancer):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(freelancer)
    assert browser.get(reverse("api:me")).status_code == 200
    refused = browser.patch(reverse("api:me"), {"first_name": "Ada"})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]


def test_last_used_is_written_at_most_once_a_minute(freelancer, anon_client):
    token, raw = api_token_create(user=freelancer, name="busy")
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    anon_client.get(reverse("api:me"))
    token.refresh_from_db()
    first = token.last_used_at
    anon_client.get(reverse("api:me"))
    token.refresh_from_db()
    assert token.last_used_at == first
    assert first <= timezone.now()
