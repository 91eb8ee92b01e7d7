"""The learning path in a real browser: gaps and courses, enrolling, bad progress, completing."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import blocking_violations
from tests.browser.test_marketplace_accessibility import log_in

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]


@pytest.fixture
def market(transactional_db, planted_market):
    return planted_market


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_learns_a_skill_from_the_path(live_server, page, market, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, market["developer"].user)
    page.goto(live_server.url + reverse("learning:path"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your learning path")
    gaps = page.get_by_role("region", name="Skill gaps", exact=True)
    expect(gaps).to_contain_text("Docker")
    expect(gaps).to_contain_text("Asked for by 4 of your 7 best-matched open gigs")
    assert blocking_violations(page) == []

    courses = page.get_by_role("region", name="Recommended courses", exact=True)
    first = courses.get_by_role("article").first
    title = first.get_by_role("heading").inner_text().split("\n")[0].split(" (opens")[0].strip()
    first.get_by_role("button", name="Enrol").click()
    mine = page.get_by_role("region", name="My courses", exact=True)
    expect(mine).to_contain_text(title)
    expect(page.get_by_role("status").or_(page.locator(".alert"))).to_contain_text("enrolled")

    # Wrong input: a message beside the field, and what was typed is still there.
    progress = mine.get_by_label("Progress (%)")
    progress.fill("140")
    mine.get_by_role("button", name="Save progress").click()
    mine = page.get_by_role("region", name="My courses", exact=True)
    expect(mine.get_by_text("100 completes the course")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(f"Your progress in “{title}” was not saved")
    expect(
        page.get_by_role("region", name="My courses", exact=True).get_by_label("Progress (%)")
    ).to_have_value("140")
    assert blocking_violations(page) == []

    page.get_by_role("region", name="My courses", exact=True).get_by_role(
        "button", name="Mark completed"
    ).click()
    expect(page.locator(".alert").first).to_contain_text("now show on your profile as learned")
    page.goto(live_server.url + reverse("projects:dashboard"))
    expect(page.get_by_role("region", name="Skills", exact=True)).to_contain_text("learned")
