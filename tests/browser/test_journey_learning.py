"""Journey 4 (issue 12): a freelancer opens the learning path from the menu, enrols in a course,
gives an impossible progress, completes the course, then sees the learned skill on the public
profile and the gigs that ask for it risen in the feed with the skill among the reasons."""

import re

import pytest
from playwright.sync_api import expect

from learning.models import Enrollment
from projects.models import FreelancerSkill
from tests.browser.journeys import DESKTOP, PHONE, check, menu, screenshot
from tests.browser.test_marketplace_accessibility import log_in

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
# planted_market: gigs 0-3 ask for Django and Docker, 4-5 Django and Kubernetes, 6 Django and React.
DOCKER_GIGS = [f"Django backend {n}" for n in range(4)]


@pytest.fixture
def market(transactional_db, planted_market):
    return planted_market


def feed_matches(page) -> dict[str, tuple[int, str]]:
    """Each gig card of the feed as a person reads it: title -> (match per cent, why), in order."""
    cards = page.get_by_role("article")
    expect(cards.first).to_be_visible()
    rows = {}
    for card in cards.all():
        title = card.get_by_role("heading", level=2).inner_text().strip()
        badge = card.get_by_text(re.compile(r"^\d+% match$"))
        percent = int(badge.inner_text().removesuffix("% match"))
        why = card.locator(".match-reasons p").first.inner_text()
        rows[title] = (percent, why.split("Why:", 1)[-1].strip())
    return rows


def docker_gap(page):
    gaps = page.get_by_role("region", name="Skill gaps", exact=True).get_by_role("listitem")
    return gaps.filter(has=page.locator("strong", has_text=re.compile(r"^Docker$")))


def my_courses(page):
    return page.get_by_role("region", name="My courses", exact=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_learns_docker_and_sees_it_on_the_profile_and_in_the_feed(
    live_server, page, market, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, market["developer"].user)

    menu(page, viewport, None, "Gigs for you")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gigs for you")
    before = feed_matches(page)
    assert set(DOCKER_GIGS) <= set(before)
    for title in DOCKER_GIGS:
        assert before[title][1].startswith("1 of 2 required skills"), before[title]
        assert "(not Docker)" in before[title][1]
    check(page)

    # The learning path, reached from the main navigation.
    menu(page, viewport, None, "Learning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your learning path")
    expect(docker_gap(page)).to_have_count(1)
    expect(docker_gap(page)).not_to_contain_text("you hold it")
    expect(docker_gap(page)).to_contain_text("Asked for by 4 of your 7 best-matched open gigs")
    check(page)
    screenshot(page, screenshot_dir, "learning-path", viewport)

    courses = page.get_by_role("region", name="Recommended courses", exact=True)
    course = courses.get_by_role("article").filter(
        has=page.locator(".badge", has_text=re.compile(r"^Docker$"))
    )
    course = course.first
    # The link's name ends in a hidden "(opens ... in a new tab)".
    title = re.split(r"\s*\(opens ", course.get_by_role("heading").inner_text())[0].strip()
    course.get_by_role("button", name=f"Enrol in {title}").click()
    expect(page.locator(".alert").first).to_contain_text("enrolled")
    expect(my_courses(page)).to_contain_text(title)
    expect(my_courses(page)).to_contain_text("Completing it adds")
    check(page)

    # Bad input: 140 per cent. The message is tied to the field, and 140 is still in it.
    my_courses(page).get_by_label("Progress (%)").fill("140")
    my_courses(page).get_by_role("button", name="Save progress").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Your progress in “{title}” was not saved")
    progress = my_courses(page).get_by_label("Progress (%)")
    expect(progress).to_have_value("140")
    expect(progress).to_have_attribute("aria-invalid", "true")
    expect(progress).to_have_accessible_description(
        re.compile(r"Progress is a percentage: from 0 to 100; 100 completes the course\.")
    )
    assert Enrollment.objects.get(course__title=title).progress == 0
    check(page)

    my_courses(page).get_by_role("button", name="Mark completed").click()
    expect(page.locator(".alert").first).to_contain_text("now show on your profile as learned")
    expect(my_courses(page).get_by_role("listitem").filter(has_text=title)).to_contain_text(
        "learned"
    )
    # Still a gap, since the gigs want more than a beginner, but now one the freelancer holds.
    expect(docker_gap(page)).to_contain_text("you hold it at level 2 of 5")
    check(page)

    # The public profile, as employers see it, marks Docker as learned.
    menu(page, viewport, "Account", "Privacy and AI choices")
    check(page)
    page.get_by_role("link", name="See your public profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(market["developer"].user.display_name)
    skills = page.get_by_role("region", name="Skills", exact=True)
    expect(skills.get_by_role("listitem").filter(has_text="Docker")).to_contain_text("learned")
    expect(skills.get_by_role("listitem").filter(has_text="Django")).not_to_contain_text("learned")
    check(page)
    screenshot(page, screenshot_dir, "learning-profile", viewport)

    # The feed changed: the Docker gigs lead it, better matched, with Docker among the reasons.
    menu(page, viewport, None, "Gigs for you")
    expect(page.get_by_role("article").first).to_contain_text("Docker")
    after = feed_matches(page)
    assert sorted(list(after)[: len(DOCKER_GIGS)]) == DOCKER_GIGS
    for title in DOCKER_GIGS:
        assert after[title][0] > before[title][0], (before[title], after[title])
        assert after[title][1].startswith("2 of 2 required skills"), after[title]
        assert "Docker" in after[title][1]
        assert "(not Docker)" not in after[title][1]
    check(page)
    screenshot(page, screenshot_dir, "learning-feed-after", viewport)

    learned = FreelancerSkill.objects.get(profile=market["developer"], skill__name="Docker")
    assert learned.source == FreelancerSkill.Source.LEARNED
