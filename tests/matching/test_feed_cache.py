"""Rankings kept for a minute: what either side changes, or what closes, shows at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import AIFeature
from accounts.services.privacy import consent_set
from matching import selectors
from matching.models import MatchEvent
from matching.selectors import gig_feed, suggested_talent
from matching.services import match_event_record
from projects.models import Project, ProjectSkill
from projects.services.talent import freelancer_skill_add
from tests.factories import ProposalFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy


def _counting(real, calls: list[str], name: str):
    def counting(*args, **kwargs):
        calls.append(name)
        return real(*args, **kwargs)

    return counting


@pytest.fixture
def rankings(settings, monkeypatch) -> list[str]:
    """The cache on (the suite turns it off), empty, and a list of the full rankings run."""
    settings.MATCHING_FEED_CACHE_SECONDS = 60
    cache.clear()
    calls: list[str] = []
    monkeypatch.setattr(selectors, "rank_gigs", _counting(selectors.rank_gigs, calls, "gigs"))
    monkeypatch.setattr(selectors, "rank_talent", _counting(selectors.rank_talent, calls, "talent"))
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
    assert rankings == ["gigs"]


def test_a_project_proposed_on_closed_or_dismissed_leaves_the_feed_at_once(market, rankings):
    user, api, shop = market["user"], market["api"], market["shop"]
    assert _ids(user) == [api.pk, shop.pk]
    ProposalFactory(project=api, freelancer=user)
    assert _ids(user) == [shop.pk]
    match_event_record(
        actor=user, kind=MatchEvent.Kind.NOT_INTERESTED, project=shop, freelancer=user
    )
    assert _ids(user) == []
    assert rankings == ["gigs"]


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
    assert rankings == ["gigs", "gigs"]


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
    assert rankings == ["gigs"]


def test_with_the_cache_off_every_read_ranks(market, rankings, settings):
    settings.MATCHING_FEED_CACHE_SECONDS = 0
    gig_feed(user=market["user"])
    gig_feed(user=market["user"])
    assert rankings == ["gigs", "gigs"]


def _talent_ids(project) -> list[int]:
    return [m.talent_id for m in suggested_talent(project=project).matches]


def test_suggested_talent_is_ranked_once_and_who_since_proposed_or_opted_out_leaves_at_once(
    market, rankings
):
    api, profile = market["api"], market["profile"]
    other = freelancer_with(headline="Django developer", skills=["Django"], rate=40)
    assert set(_talent_ids(api)) == {profile.pk, other.pk}
    ProposalFactory(project=api, freelancer=profile.user)
    assert _talent_ids(api) == [other.pk]
    consent_set(
        user=other.user, feature=AIFeature.SUGGESTED_TO_EMPLOYERS, granted=False, source="test"
    )
    assert _talent_ids(api) == []
    assert rankings == ["talent"]


def test_editing_the_project_ranks_its_talent_again(market, rankings):
    api = market["api"]
    _talent_ids(api)
    _talent_ids(api)
    assert rankings == ["talent"]
    ProjectSkill.objects.filter(project=api).delete()
    api.refresh_from_db()
    _talent_ids(api)
    assert rankings == ["talent", "talent"]
