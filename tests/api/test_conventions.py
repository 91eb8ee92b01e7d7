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


# --- Found by the schemathesis contract run (.ci/api-contract) -----------------------------


def test_options_answers_without_describing_the_body_so_views_need_no_serializer_class(freelancer):
    """OPTIONS used to build the POST serializer and crashed (500) on views that name their
    serializers per method in @extend_schema instead of a serializer_class."""
    from rest_framework.generics import GenericAPIView
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory, force_authenticate

    class NoSerializerClass(GenericAPIView):
        """Post something."""

        def post(self, request):
            return Response({})

    request = APIRequestFactory().options("/api/v1/anything/")
    force_authenticate(request, user=freelancer)
    response = NoSerializerClass.as_view()(request)
    assert response.status_code == 200
    assert response.data["name"] == "No Serializer Class"
    assert response.data["parses"] == ["application/json"]
    assert "actions" not in response.data  # the fields are in /api/schema/


def test_options_on_a_real_endpoint_still_needs_a_token(anon_client, freelancer, client_for):
    assert anon_client.options(reverse("api:me")).status_code == 401
    response = client_for(freelancer).options(reverse("api:me"))
    assert response.status_code == 200
    assert "actions" not in response.json()


@pytest.fixture(scope="module")
def api_schema(django_db_blocker) -> dict:
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_an_operation_with_its_own_query_parameters_declares_400(api_schema):
    """GET /skills/?category=x answers 400, which the schema did not declare (no filterset)."""
    skills = api_schema["paths"]["/api/v1/skills/"]["get"]
    assert {"q", "category"} <= {p["name"] for p in skills["parameters"]}
    assert "400" in skills["responses"]
    # Only the page parameters: a bad page is a 404, a bad page size falls back, never a 400.
    categories = api_schema["paths"]["/api/v1/skill-categories/"]["get"]
    assert {p["name"] for p in categories["parameters"]} == {"page", "page_size"}
    assert "400" not in categories["responses"]
    assert "404" in categories["responses"]


def test_an_operation_that_reads_a_body_declares_415_and_answers_it_with_the_error_body(
    api_schema, freelancer, client_for
):
    """A body that is not JSON is refused with 415, which no operation declared."""
    for path, item in api_schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                takes_body = "requestBody" in operation
                assert takes_body == ("415" in operation["responses"]), f"{method} {path}"
    response = client_for(freelancer).patch(
        reverse("api:me"), "first_name=Ada", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_any_extra_error_code_a_view_declares_gets_a_description():
    """``extra_error_codes = (409,)`` is the documented way to add one; 409 had no description
    and generating the schema raised KeyError."""
    from marketplace.api.schema import error_description

    assert "reload" in error_description("409")
    assert error_description("423") == "Locked"


@pytest.mark.parametrize("category", ["²", "99999999999999999999", "-1", "1.5", "null"])
def test_a_category_filter_out_of_range_or_not_a_plain_number_is_a_field_error(
    anon_client, category
):
    """A category of “²” passed str.isdigit() and then broke int() with a 500."""
    response = anon_client.get(reverse("api:skill-list"), {"category": category})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["category"]


def test_a_search_with_a_nul_byte_or_too_long_is_a_field_error(anon_client):
    """PostgreSQL refuses NUL in a string: it must not reach the query."""
    for q in ("post\x00gres", "x" * 101):
        response = anon_client.get(reverse("api:skill-list"), {"q": q})
        assert response.status_code == 400
        assert list(response.json()["fields"]) == ["q"]
