"""Settings → API tokens: create a token (shown once), use it against the API, revoke it."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import MAX_API_TOKENS, api_token_create
from tests.accounts.html_page import field_error, input_value, parse
from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory

PAGE = reverse("accounts:api-tokens")
ONCE = "Copy it now: you won't be able to see it again."


def revoke_url(token: ApiToken) -> str:
    return reverse("accounts:api-token-revoke", args=[token.pk])


def bearer_client(raw: str) -> APIClient:
    """A client that signs in with the token alone: no session cookie."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def shown_token(page) -> str | None:
    field = page.find("input", id="new-token")
    return None if field is None else field.attrs.get("value")


def token_rows(page) -> list[str]:
    table = page.find("table")
    return [] if table is None else [row.text for row in table.find("tbody").find_all("tr")]


@pytest.fixture
def freelancer(db):
    return FreelancerFactory()


@pytest.fixture
def signed_in(client, freelancer):
    client.force_login(freelancer)
    return client


# --- who may open it -------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in_and_nothing_is_created(client):
    token, _raw = api_token_create(user=FreelancerFactory(), name="CI")
    login = reverse("account_login")

    page = client.get(PAGE)
    create = client.post(PAGE, {"name": "Sneaky"})
    revoke = client.post(revoke_url(token))

    assert page.status_code == 302
    assert page.url == f"{login}?next={PAGE}"
    assert create.status_code == 302
    assert create.url.startswith(f"{login}?next=")
    assert revoke.status_code == 302
    assert revoke.url.startswith(f"{login}?next=")
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["CI"]


@pytest.mark.parametrize("factory", [FreelancerFactory, EmployerFactory, StaffFactory])
def test_every_signed_in_account_has_the_page_and_a_link_to_it(client, db, factory):
    client.force_login(factory())

    response = client.get(PAGE)

    assert response.status_code == 200
    nav = parse(response.content).find("nav", **{"aria-label": "Main"})
    link = nav.find("a", href=PAGE)
    assert link is not None
    assert link.text == "API tokens"
    assert link.attrs.get("aria-current") == "page"


def test_the_page_says_how_to_send_a_token_and_links_to_the_reference(signed_in):
    page = parse(signed_in.get(PAGE).content)

    intro = page.find("main").text
    assert "Authorization: Bearer <token>" in intro
    assert page.find("a", href=reverse("api:docs")) is not None
    assert page.find("a", href=reverse("api:redoc")) is not None
    assert "You have no tokens yet" in intro


# --- the list --------------------------------------------------------------------------------


def test_lists_only_the_users_own_tokens_with_prefix_and_dates(signed_in, freelancer):
    mine, _raw = api_token_create(user=freelancer, name="CI script")
    theirs, _raw = api_token_create(user=FreelancerFactory(), name="Their laptop")

    page = parse(signed_in.get(PAGE).content)

    rows = token_rows(page)
    assert len(rows) == 1
    assert "CI script" in rows[0]
    assert f"{mine.prefix}…" in rows[0]
    assert mine.prefix.startswith("gw_")
    assert len(mine.prefix) == 10
    assert "never" in rows[0]
    body = page.text
    assert "Their laptop" not in body
    assert theirs.prefix not in body
    assert page.find("form", action=revoke_url(mine)) is not None
    assert page.find("form", action=revoke_url(theirs)) is None


def test_last_used_shows_when_the_token_was_used(signed_in, freelancer):
    _token, raw = api_token_create(user=freelancer, name="Cron job")
    assert bearer_client(raw).get(reverse("api:me")).status_code == 200

    page = parse(signed_in.get(PAGE).content)

    (row,) = page.find("tbody").find_all("tr")
    last_used = row.find_all("td")[3]
    assert "never" not in last_used.text
    used_at = ApiToken.objects.get(user=freelancer).last_used_at
    assert last_used.find("time").attrs["datetime"] == timezone.localtime(used_at).isoformat()


def test_the_list_costs_the_same_queries_for_two_tokens_as_for_six(signed_in, freelancer):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(PAGE).status_code == 200
        return len(queries)

    for number in range(2):
        api_token_create(user=freelancer, name=f"Token {number}")
    with_two = count_queries()
    for number in range(2, 6):
        api_token_create(user=freelancer, name=f"Token {number}")

    assert count_queries() == with_two


# --- creating a token ------------------------------------------------------------------------


def test_a_new_token_is_shown_once_and_works_against_the_api(signed_in, freelancer):
    response = signed_in.post(PAGE, {"name": "  CI   script "})

    assert response.status_code == 302
    assert response.url == PAGE
    first = parse(signed_in.get(PAGE).content)
    raw = shown_token(first)
    assert raw is not None
    assert raw.startswith("gw_")
    assert ONCE in first.text
    assert "Your new token “CI script”" in first.text

    again = signed_in.get(PAGE)
    assert shown_token(parse(again.content)) is None
    assert ONCE not in again.content.decode()
    assert raw not in again.content.decode()

    token = ApiToken.objects.get(user=freelancer)
    assert token.name == "CI script"
    assert token.digest != raw
    assert raw not in token.digest
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:10]

    me = bearer_client(raw).get(reverse("api:me"))
    assert me.status_code == 200
    assert me.json()["email"] == freelancer.email


def test_the_page_with_the_secret_is_never_cached(signed_in):
    signed_in.post(PAGE, {"name": "CI"})

    response = signed_in.get(PAGE)

    assert shown_token(parse(response.content)) is not None
    assert "no-store" in response["Cache-Control"]


def test_resubmitting_the_form_does_not_create_a_second_token(signed_in, freelancer):
    signed_in.post(PAGE, {"name": "CI"})
    signed_in.get(PAGE)

    response = signed_in.post(PAGE, {"name": "CI"})

    assert response.status_code == 200
    assert ApiToken.objects.filter(user=freelancer).count() == 1
    assert shown_token(parse(response.content)) is None


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Name the token after what will use it"),
        ("     ", "Name the token after what will use it"),
        ("x" * 61, "Keep the name to 60 characters (it has 61)."),
    ],
    ids=["empty", "blank", "too long"],
)
def test_a_bad_name_is_explained_on_the_field(signed_in, freelancer, typed, error):
    response = signed_in.post(PAGE, {"name": typed})

    assert response.status_code == 200
    page = parse(response.content)
    assert error in field_error(page, "id_name")
    assert page.find("input", name="name").attrs.get("aria-invalid") == "true"
    assert not ApiToken.objects.filter(user=freelancer).exists()


def test_a_duplicate_name_is_refused_and_what_was_typed_is_kept(signed_in, freelancer):
    api_token_create(user=freelancer, name="Laptop")

    response = signed_in.post(PAGE, {"name": "Laptop"})

    page = parse(response.content)
    assert "You already have a token called “Laptop”" in field_error(page, "id_name")
    assert input_value(page, "name") == "Laptop"
    assert ApiToken.objects.filter(user=freelancer).count() == 1


def test_another_users_token_name_is_no_obstacle(signed_in, freelancer):
    api_token_create(user=FreelancerFactory(), name="Laptop")

    response = signed_in.post(PAGE, {"name": "Laptop"})

    assert response.status_code == 302
    assert ApiToken.objects.filter(user=freelancer, name="Laptop").exists()


def test_one_token_too_many_is_refused_on_the_field(signed_in, freelancer):
    for number in range(MAX_API_TOKENS):
        api_token_create(user=freelancer, name=f"Token {number}")

    response = signed_in.post(PAGE, {"name": "One more"})

    page = parse(response.content)
    assert f"You can keep at most {MAX_API_TOKENS} tokens" in field_error(page, "id_name")
    assert input_value(page, "name") == "One more"
    assert ApiToken.objects.filter(user=freelancer).count() == MAX_API_TOKENS


# --- revoking a token ------------------------------------------------------------------------


def test_revoking_a_token_stops_it_working(signed_in, freelancer):
    token, raw = api_token_create(user=freelancer, name="Old laptop")
    _kept, kept_raw = api_token_create(user=freelancer, name="CI")
    assert bearer_client(raw).get(reverse("api:me")).status_code == 200

    response = signed_in.post(revoke_url(token), follow=True)

    assert response.redirect_chain == [(PAGE, 302)]
    page = parse(response.content)
    assert "Revoked “Old laptop”" in page.by_id("messages").text
    rows = token_rows(page)
    assert len(rows) == 1
    assert "CI" in rows[0]
    refused = bearer_client(raw).get(reverse("api:me"))
    assert refused.status_code == 401
    assert refused.json()["code"] == "authentication_failed"
    assert bearer_client(kept_raw).get(reverse("api:me")).status_code == 200


def test_another_users_token_cannot_be_revoked(signed_in):
    other = FreelancerFactory()
    token, raw = api_token_create(user=other, name="Their CI")

    response = signed_in.post(revoke_url(token))

    assert response.status_code == 404
    assert "Their CI" not in response.content.decode()
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert bearer_client(raw).get(reverse("api:me")).status_code == 200


def test_revoking_a_token_that_is_gone_answers_404(signed_in, freelancer):
    token, _raw = api_token_create(user=freelancer, name="CI")
    signed_in.post(revoke_url(token))

    assert signed_in.post(revoke_url(token)).status_code == 404


def test_revoke_takes_post_only(signed_in, freelancer):
    token, _raw = api_token_create(user=freelancer, name="CI")

    response = signed_in.get(revoke_url(token))

    assert response.status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()
