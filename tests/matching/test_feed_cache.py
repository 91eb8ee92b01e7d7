"""The feed kept for a minute: what the freelancer changes, or what closes, shows at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from matching import selectors
from matching.models import MatchEvent
from matching.selectors import gig_feed
from matching.services import match_event_record
from projects.models import Project
from projects.services.talent import freelancer_skill_add
from tests.factories import ProposalFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy


@pytest.fixture
def rankings(settings, monkeypatch) -> list[int]:
    """The cache on (the suite turns it off), empty, and a count of full rankings."""
    settings.MATCHING_FEED_CACHE_SECONDS = 60
    cache.clear()
    calls: list[int] = []
    real = selectors.rank_gigs

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(selectors, "rank_gigs", counting)
    yield calls
    cache.clear()


@pytest.fixture
def market(db):
    small_taxonomy()
    profile = freelancer_with(
        headline="Backend engineer", bio="Python APIs.", skills=["Django", "postgres"], rate=45
    )
    api = open_project(
        title="Django REST API for a clinic",
        description="Booking API in Django with PostgreSQL.",
        skills=["Django", "PostgreSQL"],
    )
    shop = open_project(
        title="Django shop back office",
        description="Orders and stock in Django.",
        skills=["Django"],
    )
    return {"user": profile.user, "profile": profile, "api": api, "shop": shop}


def _ids(user) -> list[int]:
    return [m.gig_id for m in gig_feed(user=user).matches]


def test_a_second_read_is_served_without_ranking_the_market_again(market, rankings):
    first = gig_feed(user=market["user"]).matches
    second = gig_feed(user=market["user"]).matches
    assert [m.gig_id for m in first] == [market["api"].pk, market["shop"].pk]
    assert [(m.gig_id, m.score, m.reasons) for m in second] == [
        (m.gig_id, m.score, m.reasons) for m in first
    ]
    assert len(rankings) == 1


def test_a_project_proposed_on_closed_or_dismissed_leaves_the_feed_at_once(market, rankings):
    user, api, shop = market["user"], market["api"], market["shop"]
    assert _ids(user) == [api.pk, shop.pk]
    ProposalFactory(project=api, freelancer=user)
    assert _ids(user) == [shop.pk]
    match_event_record(
        actor=user, kind=MatchEvent.Kind.NOT_INTERESTED, project=shop, freelancer=user
    )
    assert _ids(user) == []
    assert len(rankings) == 1


def test_a_closed_project_leaves_every_cached_feed(market, rankings):
    user, api = market["user"], market["api"]
    assert api.pk in _ids(user)
    Project.objects.filter(pk=api.pk).update(status=Project.Status.CLOSED)
    assert _ids(user) == [market["shop"].pk]


def test_a_profile_change_ranks_again_and_shows_the_new_fit(market, rankings):
    user = market["user"]
    design = open_project(
        title="Figma design system",
        description="Design tokens and components in Figma.",
        skills=["Figma"],
    )
    cache.clear()  # the new project is in the market before the first read
    assert design.pk not in _ids(user)
    freelancer_skill_add(profile=market["profile"], text="Figma")
    assert design.pk in _ids(user)
    assert len(rankings) == 2


def test_a_new_project_waits_for_the_cache_to_expire_then_appears(market, rankings):
    user = market["user"]
    assert _ids(user) == [market["api"].pk, market["shop"].pk]
    later = open_project(
        title="Django admin for a warehouse", description="Django admin.", skills=["Django"]
    )
    assert later.pk not in _ids(user)  # up to MATCHING_FEED_CACHE_SECONDS late
    cache.clear()  # what expiry does
    assert later.pk in _ids(user)


def test_the_project_page_badge_reads_the_feeds_score_without_ranking(market, rankings, client):
    user, api = market["user"], market["api"]
    feed_match = gig_feed(user=user).matches[0]
    client.force_login(user)
    response = client.get(reverse("matching:project-match", args=[api.pk]))
    assert response.status_code == 200
    assert f"{feed_match.percent}%" in response.content.decode()
    assert len(rankings) == 1


def test_with_the_cache_off_every_read_ranks(market, rankings, settings):
    settings.MATCHING_FEED_CACHE_SECONDS = 0
    gig_feed(user=market["user"])
    gig_feed(user=market["user"])
    assert len(rankings) == 2
