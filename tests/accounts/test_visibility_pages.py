"""A freelancer's rate and country reach only those their visibility allows, wherever another
person sees the freelancer: the public profile, talent search, suggested talent (including the
match reasons, which quote the rate), the proposals an employer reads, and the API."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import FieldVisibility
from accounts.services import api_token_create
from accounts.services.privacy import profile_visibility_set
from tests.factories import EmployerFactory, ProposalFactory, StaffFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

RATE = "47.35"  # on the pages as "47.35 USD an hour", in reasons as "$47.35/h"
COUNTRY = "Kenya"
TOKENS = itertools.count()

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    """A Django freelancer (rate 47.35, Kenya); a project of `client`'s, on which they sent a
    proposal (bid 1,234.56); `stranger`, an employer with an open Django project of their own."""
    small_taxonomy()
    profile = freelancer_with(headline="Django developer", skills=["Django"], rate=RATE)
    profile.country = "KE"
    profile.save()
    client_employer, stranger = EmployerFactory(), EmployerFactory()
    bid_on = open_project(
        title="Booking API",
        description="Django endpoints.",
        skills=["Django"],
        employer=client_employer,
        budget=(3000, 5000),
        budget_type="fixed",
    )
    ProposalFactory(project=bid_on, freelancer=profile.user, bid_amount=Decimal("1234.56"))
    wanted = open_project(
        title="Clinic API", description="Django endpoints.", skills=["Django"], employer=stranger
    )
    return {
        "profile": profile,
        "freelancer": profile.user,
        "client": client_employer,
        "stranger": stranger,
        "bid_on": bid_on,
        "wanted": wanted,
    }


def hide(profile, *, rate=None, country=None):
    choices = {"rate": rate, "country": country}
    profile_visibility_set(profile=profile, choices={k: v for k, v in choices.items() if v})


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def api(user) -> APIClient:
    _token, raw = api_token_create(user=user, name=f"visibility test {next(TOKENS)}")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_by_default_employers_see_rate_and_country(client, market):
    profile_url = reverse("projects:freelancer-profile", args=[market["freelancer"].pk])
    body = page(client, market["stranger"], profile_url)
    assert f"{RATE} USD an hour" in body
    assert COUNTRY in body


@pytest.mark.parametrize(
    ("visibility", "client_sees", "stranger_sees", "freelancer_sees"),
    [
        (FieldVisibility.EVERYONE, True, True, True),
        (FieldVisibility.EMPLOYERS, True, True, False),
        (FieldVisibility.CLIENTS, True, False, False),
        (FieldVisibility.NOBODY, False, False, False),
    ],
)
def test_public_profile_follows_the_rate_visibility(
    client, market, visibility, client_sees, stranger_sees, freelancer_sees
):
    hide(market["profile"], rate=visibility)
    url = reverse("projects:freelancer-profile", args=[market["freelancer"].pk])
    other_freelancer = freelancer_with(headline="Designer").user
    for viewer, sees in (
        (market["client"], client_sees),
        (market["stranger"], stranger_sees),
        (other_freelancer, freelancer_sees),
        (market["freelancer"], True),  # the owner
        (StaffFactory(), True),
    ):
        assert (f"{RATE} USD an hour" in page(client, viewer, url)) is sees, viewer


def test_country_hidden_from_all_but_the_owner(client, market):
    hide(market["profile"], country=FieldVisibility.NOBODY)
    url = reverse("projects:freelancer-profile", args=[market["freelancer"].pk])
    assert COUNTRY not in page(client, market["client"], url)
    assert COUNTRY in page(client, market["freelancer"], url)


def test_talent_search_still_finds_them_without_the_hidden_fields(client, market):
    hide(market["profile"], rate=FieldVisibility.CLIENTS, country=FieldVisibility.NOBODY)
    search = reverse("projects:talent-search") + "?skill=Django"
    body = page(client, market["stranger"], search)
    assert market["freelancer"].display_name in body
    assert RATE not in body
    assert COUNTRY not in body
    body = page(client, market["client"], search)
    assert f"{RATE} USD an hour" in body
    assert COUNTRY not in body


def test_suggested_talent_hides_the_rate_and_the_reason_quoting_it(client, market):
    url = reverse("matching:suggested-talent", args=[market["wanted"].pk])
    shown = page(client, market["stranger"], url)
    assert f"{RATE} USD an hour" in shown
    assert f"${RATE}/h" in shown
    hide(market["profile"], rate=FieldVisibility.CLIENTS)
    hidden = page(client, market["stranger"], url)
    assert market["freelancer"].display_name in hidden  # still suggested
    assert RATE not in hidden


def test_the_employer_reads_the_bid_but_not_a_rate_hidden_from_everyone(client, market):
    hide(market["profile"], rate=FieldVisibility.NOBODY)
    owner = market["client"]
    for name in ("projects:project-proposals", "matching:proposals-by-match"):
        body = page(client, owner, reverse(name, args=[market["bid_on"].pk]))
        assert market["freelancer"].display_name in body
        assert "1,234.56" in body or "1234.56" in body, name
        assert RATE not in body, name


def test_proposals_by_match_quotes_the_rate_to_a_client_when_clients_may_see_it(client, market):
    hide(market["profile"], rate=FieldVisibility.CLIENTS)
    body = page(
        client,
        market["client"],
        reverse("matching:proposals-by-match", args=[market["bid_on"].pk]),
    )
    assert f"${RATE}/h" in body


def test_api_talent_endpoints_null_the_hidden_fields(market):
    hide(market["profile"], rate=FieldVisibility.CLIENTS, country=FieldVisibility.NOBODY)
    detail = reverse("api:freelancer-detail", args=[market["freelancer"].pk])
    listing = reverse("api:freelancer-list")
    stranger, client_employer = api(market["stranger"]), api(market["client"])

    seen = stranger.get(detail).json()
    assert seen["hourly_rate"] is None
    assert seen["currency"] is None
    assert seen["country"] is None
    assert seen["country_name"] is None
    (row,) = stranger.get(listing, {"skill": "Django"}).json()["results"]
    assert (row["hourly_rate"], row["country"]) == (None, None)

    seen = client_employer.get(detail).json()
    assert (seen["hourly_rate"], seen["currency"], seen["country"]) == (RATE, "USD", None)
    own = api(market["freelancer"]).get(detail).json()
    assert (own["hourly_rate"], own["country"]) == (RATE, "KE")


def test_api_project_matches_null_the_rate_and_drop_its_reason(market):
    url = reverse("api:project-matches", args=[market["wanted"].pk])
    (match,) = api(market["stranger"]).get(url).json()["results"]
    assert match["freelancer"]["hourly_rate"] == RATE
    assert any(RATE in reason for reason in match["reasons"])

    hide(market["profile"], rate=FieldVisibility.EMPLOYERS)
    assert api(market["stranger"]).get(url).json()["results"][0]["freelancer"]["hourly_rate"]
    hide(market["profile"], rate=FieldVisibility.CLIENTS)
    (match,) = api(market["stranger"]).get(url).json()["results"]
    assert match["freelancer"]["hourly_rate"] is None
    assert match["freelancer"]["currency"] is None
    assert not any(RATE in reason for reason in match["reasons"])
    assert RATE not in match["explanation"]
    assert "rate" in match["components"]  # matching still used the real rate
