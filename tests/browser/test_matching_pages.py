"""Matching in a real browser: the feed, the match on a project page, suggested talent, axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import blocking_violations
from tests.browser.test_marketplace_accessibility import log_in
from tests.matching.helpers import booking_market

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
REASON = "2 of 2 required skills, including Django and PostgreSQL"


@pytest.fixture
def market(transactional_db):
    return booking_market()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_sees_why_and_can_say_not_interested(live_server, page, market, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, market["backend"].user)
    page.goto(live_server.url + reverse("matching:gig-feed"))
    card = page.get_by_role("article").filter(has_text="Booking API")
    expect(card).to_contain_text(REASON)
    expect(card).to_contain_text("% match")
    assert blocking_violations(page) == []

    page.goto(live_server.url + reverse("projects:project-detail", args=[market["project"].pk]))
    expect(page.get_by_text(REASON)).to_be_visible()  # loaded after the page by htmx
    assert blocking_violations(page) == []

    page.goto(live_server.url + reverse("matching:gig-feed"))
    card.get_by_label("Not for you? Say why (optional)").fill("Budget too low")
    card.get_by_role("button", name="Not interested").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()
    expect(page.get_by_text("will not be suggested to you again")).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="Booking API")).to_have_count(0)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_employer_sees_suggested_talent_and_invites_in_one_click(
    live_server, page, market, viewport
):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, market["owner"])
    page.goto(live_server.url + reverse("projects:project-detail", args=[market["project"].pk]))
    page.get_by_role("link", name="Suggested talent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggested talent")
    person = market["backend"].user.display_name
    card = page.get_by_role("article").filter(has_text=person)
    expect(card).to_contain_text(REASON)
    assert blocking_violations(page) == []
    card.get_by_role("link", name=f"Invite {person}").click()
    expect(page.get_by_label("Project")).to_have_value(str(market["project"].pk))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_how_matching_works_is_accessible(live_server, page, transactional_db, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + reverse("matching:how-it-works"))
    expect(page.get_by_role("heading", level=1)).to_have_text("How matching works")
    assert blocking_violations(page) == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_employer_sorts_proposals_by_match_and_shortlists_from_there(
    live_server, page, market, viewport
):
    from tests.factories import ProposalFactory
    from tests.matching.helpers import freelancer_with

    writer = freelancer_with(headline="Copywriter", skills=["Copywriting"], rate=45)
    ProposalFactory(project=market["project"], freelancer=market["backend"].user)
    ProposalFactory(project=market["project"], freelancer=writer.user)
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, market["owner"])
    page.goto(live_server.url + reverse("projects:project-proposals", args=[market["project"].pk]))
    page.get_by_label("Sort by").select_option("match")
    page.get_by_role("button", name="Apply").click()
    cards = page.get_by_role("article")
    person = market["backend"].user.display_name
    expect(cards.first).to_contain_text(person)
    expect(cards.first).to_contain_text(REASON)
    expect(page.get_by_label("Sort by")).to_have_value("match")
    assert blocking_violations(page) == []
    cards.first.get_by_role("button", name=f"Shortlist {person}").click()
    expect(page.get_by_label("Sort by")).to_have_value("match")  # still in match order
    expect(page.get_by_role("article").first).to_contain_text("Shortlisted")
