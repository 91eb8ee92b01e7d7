"""The pages of matching and what a person sees on them (who may open each: tests/permissions)."""

import pytest
from django.urls import reverse

from matching.models import MatchEvent
from matching.weights import default_weights
from tests.matching.helpers import booking_market, freelancer_with, open_project


@pytest.fixture
def world(db):
    return booking_market()


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_the_feed_shows_the_match_its_reasons_and_a_way_to_say_no(client, world):
    response = as_user(client, world["backend"].user).get(reverse("matching:gig-feed"))
    html = response.content.decode()
    assert "Booking API" in html
    assert "2 of 2 required skills, including Django and PostgreSQL" in html
    assert "% match" in html
    not_interested = reverse("matching:gig-not-interested", args=[world["project"].pk])
    assert not_interested in html
    after = client.post(not_interested, {"reason": "Budget too low"}, follow=True)
    assert "will not be suggested to you again" in after.content.decode()
    detail = reverse("projects:project-detail", args=[world["project"].pk])
    assert detail not in after.content.decode()
    event = MatchEvent.objects.get()
    assert (event.kind, event.reason) == (MatchEvent.Kind.NOT_INTERESTED, "Budget too low")


def test_a_too_long_reason_is_refused_with_a_message_and_nothing_is_recorded(client, world):
    as_user(client, world["backend"].user)
    url = reverse("matching:gig-not-interested", args=[world["project"].pk])
    response = client.post(url, {"reason": "x" * 301}, follow=True)
    assert "Keep the reason under 300 characters." in response.content.decode()
    assert not MatchEvent.objects.exists()


def test_an_empty_profile_gets_advice_instead_of_gigs(client, world):
    response = as_user(client, freelancer_with().user).get(reverse("matching:gig-feed"))
    html = response.content.decode()
    assert "Add your skills and a headline" in html
    assert "Booking API" not in html


def test_suggested_talent_explains_each_person_and_invites_in_one_click(client, world):
    url = reverse("matching:suggested-talent", args=[world["project"].pk])
    html = as_user(client, world["owner"]).get(url).content.decode()
    assert world["backend"].user.display_name in html
    assert "2 of 2 required skills, including Django and PostgreSQL" in html
    invite = reverse("projects:invite-create", args=[world["backend"].user_id])
    assert f"{invite}?project={world['project'].pk}" in html
    hide = reverse(
        "matching:talent-not-interested", args=[world["project"].pk, world["backend"].user_id]
    )
    after = client.post(hide, follow=True).content.decode()
    assert "is no longer suggested for this project" in after
    profile = reverse("projects:freelancer-profile", args=[world["backend"].user_id])
    assert profile not in client.get(url).content.decode()


def test_the_invite_form_preselects_the_project_it_came_from(client, world):
    invite = reverse("projects:invite-create", args=[world["backend"].user_id])
    html = as_user(client, world["owner"]).get(f"{invite}?project={world['project'].pk}")
    assert f'value="{world["project"].pk}" selected' in html.content.decode()


def test_how_matching_works_is_public_and_shows_the_weights_in_use(client, db):
    response = client.get(reverse("matching:how-it-works"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "What is never used" in html
    assert "Skills" in html
    weights = default_weights()
    assert weights.version in html
    assert f"{round(100 * weights.of('semantic'))}%" in html


def test_the_project_page_loads_the_viewers_match_with_its_reasons(client, world):
    as_user(client, world["backend"].user)
    page = client.get(reverse("projects:project-detail", args=[world["project"].pk]))
    fragment_url = reverse("matching:project-match", args=[world["project"].pk])
    assert f'hx-get="{fragment_url}"' in page.content.decode()
    fragment = client.get(fragment_url).content.decode()
    assert "% match" in fragment
    assert "2 of 2 required skills, including Django and PostgreSQL" in fragment


def test_a_skill_less_freelancer_is_told_how_to_see_a_match(client, world):
    url = reverse("matching:project-match", args=[world["project"].pk])
    html = as_user(client, freelancer_with().user).get(url).content.decode()
    assert "Add skills to your profile" in html


def test_the_feed_filters_before_ranking_and_keeps_the_filter_in_its_pages(client, world):
    fixed = open_project(
        title="Fixed-price Django fix",
        description="Django.",
        skills=["Django"],
        budget_type="fixed",
        budget=(300, 600),
    )
    as_user(client, world["backend"].user)
    url = reverse("matching:gig-feed")
    html = client.get(url, {"budget_type": "fixed"}).content.decode()
    assert fixed.title in html
    assert "Booking API" not in html
    wrong = client.get(url, {"budget_type": "weekly"}).content.decode()
    assert "Select a valid choice" in wrong  # said on the field, and the feed still shows
    assert "Booking API" in wrong


def test_the_project_page_match_offers_not_interested(client, world):
    as_user(client, world["backend"].user)
    url = reverse("matching:project-match", args=[world["project"].pk])
    html = client.get(url).content.decode()
    assert reverse("matching:gig-not-interested", args=[world["project"].pk]) in html


def test_the_proposals_page_sorts_by_match_with_the_reasons(client, world):
    from tests.factories import ProposalFactory

    project, owner = world["project"], world["owner"]
    writer = freelancer_with(headline="Copywriter", skills=["Copywriting"], rate=45)
    # The copywriter proposed last, so "Newest" puts them first; the match puts them last.
    ProposalFactory(project=project, freelancer=world["backend"].user)
    ProposalFactory(project=project, freelancer=writer.user)
    client.force_login(owner)
    listing = reverse("projects:project-proposals", args=[project.pk])
    newest = client.get(listing).content.decode()
    assert newest.index(writer.user.display_name) < newest.index(world["backend"].user.display_name)
    assert "Best match" in newest

    response = client.get(listing, {"sort": "match", "status": "submitted"}, follow=True)
    assert response.redirect_chain[0][0].startswith(
        reverse("matching:proposals-by-match", args=[project.pk])
    )
    html = response.content.decode()
    assert html.index(world["backend"].user.display_name) < html.index(writer.user.display_name)
    assert "2 of 2 required skills, including Django and PostgreSQL" in html
    assert "0 of 2 required skills" in html
    assert '<option value="match" selected>' in html  # the choice is kept
    assert '<option value="submitted" selected>' in html


def test_on_an_hourly_project_the_match_reads_the_bid_not_the_profile_rate(client, world):
    from decimal import Decimal

    from tests.factories import ProposalFactory

    # The profile says $45/h; the proposal asks $80/h of a $30-$50/h budget.
    ProposalFactory(
        project=world["project"], freelancer=world["backend"].user, bid_amount=Decimal("80")
    )
    client.force_login(world["owner"])
    url = reverse("matching:proposals-by-match", args=[world["project"].pk])
    html = client.get(url).content.decode()
    assert "$80/h, above the $30\u2013$50/h budget" in html
    assert "$45/h" not in html


def test_shortlisting_from_the_match_order_comes_back_to_it(client, world):
    from tests.factories import ProposalFactory

    proposal = ProposalFactory(project=world["project"], freelancer=world["backend"].user)
    client.force_login(world["owner"])
    response = client.post(
        reverse("projects:proposal-shortlist", args=[proposal.pk]),
        {"next": "list", "sort": "match"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(
        reverse("matching:proposals-by-match", args=[world["project"].pk])
    )
    assert "Shortlisted" in response.content.decode()


def test_the_feed_says_how_many_weak_matches_it_left_out_and_where_to_find_them(client, world):
    open_project(title="Homepage words", description="Persuasive copy.", skills=["Copywriting"])
    html = as_user(client, world["backend"].user).get(reverse("matching:gig-feed")).content.decode()
    assert "Booking API" in html
    assert "Homepage words" not in html
    assert "1 more fits it too little to suggest" in html
    assert reverse("projects:project-list") in html
