"""Journey 3 (issue 12): after a finished contract both sides review each other, and each review
stays hidden until the other side has written theirs; then both show on the contract and on the
public record of each (the freelancer's profile, the employer's box on their projects)."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import Review
from projects.services.contracts import contract_complete
from projects.services.milestones import milestone_approve, milestone_fund, milestone_submit
from tests.browser.journeys import DESKTOP, PHONE, check, menu, screenshot
from tests.browser.test_marketplace_accessibility import log_in
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    MilestoneFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
CONTRACT = "Clinic booking API"
OTHER_PROJECT = "Patient reminders by SMS"
OF_FREELANCER = "Ada delivered the booking endpoints early and explained every choice."
OF_EMPLOYER = "Clear requirements, quick answers, and every milestone paid the same day."
RATING_RANGE = "Choose from 1 (poor) to 5 (excellent) stars."


@pytest.fixture
def finished(transactional_db):
    """A fixed-price contract whose one milestone was funded, delivered and released, and which
    the employer completed; the same employer has another project open."""
    employer = EmployerFactory(
        first_name="Grace", last_name="Hopper", profile__company_name="Hopper Clinics"
    )
    freelancer = FreelancerFactory(
        first_name="Ada",
        last_name="Lovelace",
        profile__headline="Backend developer",
        profile__bio="I build booking and scheduling systems in Django.",
    )
    contract = ContractFactory(
        project__employer=employer, project__title=CONTRACT, freelancer=freelancer
    )
    milestone = MilestoneFactory(contract=contract, title="Booking endpoints")
    milestone_fund(milestone=milestone, by=employer)
    milestone_submit(milestone=milestone, by=freelancer, note="All endpoints are live.")
    milestone_approve(milestone=milestone, by=employer)
    contract_complete(contract=contract, by=employer)
    ProjectFactory(employer=employer, title=OTHER_PROJECT)
    return contract


def rate(page, criterion: str, stars: str) -> None:
    page.get_by_role("group", name=criterion, exact=True).get_by_label(stars).check()


def reviews(page):
    return page.get_by_role("region", name="Reviews", exact=True)


def open_notification(page, viewport, title: str) -> None:
    menu(page, viewport, None, re.compile("^Notifications"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    check(page)
    notification = page.get_by_role("listitem").filter(has_text=title)
    notification.get_by_role("button", name=re.compile("^Open")).click()


def open_public_profile(page, viewport, name: str):
    """The freelancer's own profile as others see it, from the privacy page."""
    menu(page, viewport, "Account", "Privacy and AI choices")
    check(page)
    page.get_by_role("link", name="See your public profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    check(page)
    return page.get_by_role("main")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_both_sides_review_and_the_reviews_appear_once_both_have_written(
    live_server, page, new_context, finished, screenshot_dir, viewport
):
    contract = finished
    employer, freelancer = contract.employer, contract.freelancer

    # The employer reviews first, from their contracts.
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, employer)
    menu(page, viewport, None, "Contracts")
    check(page)
    page.get_by_role("link", name=CONTRACT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONTRACT)
    check(page)
    reviews(page).get_by_role("link", name="Write your review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review Ada Lovelace")
    expect(page.get_by_role("main")).to_contain_text("Your review stays hidden from Ada Lovelace")
    check(page)
    screenshot(page, screenshot_dir, "review-form", viewport)

    # Bad input: no timeliness rating. The message is tied to that question; nothing is lost.
    rate(page, "Quality", "5 Excellent")
    rate(page, "Communication", "4 Good")
    page.get_by_label("Your review").fill(OF_FREELANCER)
    page.get_by_role("button", name="Publish review").click()
    timeliness = page.get_by_role("group", name="Timeliness", exact=True)
    expect(timeliness).to_have_accessible_description(re.compile(re.escape(RATING_RANGE)))
    quality = page.get_by_role("group", name="Quality", exact=True)
    expect(quality).not_to_have_accessible_description(re.compile(re.escape(RATING_RANGE)))
    expect(page.get_by_label("Your review")).to_have_value(OF_FREELANCER)
    expect(quality.get_by_label("5 Excellent")).to_be_checked()
    assert not Review.objects.exists()
    check(page)

    rate(page, "Timeliness", "5 Excellent")
    page.get_by_role("button", name="Publish review").click()
    expect(page.locator(".alert").first).to_contain_text("Thank you: your review is saved.")
    mine = reviews(page).get_by_role("article", name="Your review of Ada Lovelace")
    expect(mine).to_contain_text(OF_FREELANCER)
    expect(mine).to_contain_text("Hidden from Ada Lovelace until they review you")
    check(page)

    # The freelancer is told a review waits, but cannot read it, here or on the profile.
    ada = new_context().new_page()
    ada.set_viewport_size(viewport)
    log_in(ada, live_server.url, freelancer)
    open_notification(ada, viewport, f"“{CONTRACT}” is complete")
    expect(ada.get_by_role("heading", level=1)).to_have_text(CONTRACT)
    expect(reviews(ada)).to_contain_text("The other side has reviewed you.")
    expect(reviews(ada)).to_contain_text("Their review shows once you write yours")
    expect(ada.get_by_role("main")).not_to_contain_text(OF_FREELANCER)
    check(ada)
    profile = open_public_profile(ada, viewport, "Ada Lovelace")
    expect(profile).to_contain_text("No published reviews yet")
    expect(profile.get_by_role("heading", name="What clients said")).to_have_count(0)
    expect(profile).not_to_contain_text(OF_FREELANCER)

    # The freelancer writes theirs: the criteria are about the employer.
    menu(ada, viewport, "My work", "Contracts and time log")
    check(ada)
    ada.get_by_role("link", name=CONTRACT).click()
    reviews(ada).get_by_role("link", name="Write your review").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Review Grace Hopper")
    check(ada)
    rate(ada, "Clarity of requirements", "4 Good")
    rate(ada, "Communication", "5 Excellent")
    rate(ada, "Prompt payment and answers", "3 Fair")
    ada.get_by_label("Your review").fill(OF_EMPLOYER)
    ada.get_by_role("button", name="Publish review").click()
    expect(ada.locator(".alert").first).to_contain_text("Thank you: your review is saved.")

    # Now both are shown on the contract.
    theirs = reviews(ada).get_by_role("article", name="Grace Hopper's review of you")
    expect(theirs).to_contain_text(OF_FREELANCER)
    expect(theirs).to_contain_text("4.7 of 5")
    mine = reviews(ada).get_by_role("article", name="Your review of Grace Hopper")
    expect(mine).to_contain_text(OF_EMPLOYER)
    expect(mine).not_to_contain_text("Hidden from")
    check(ada)
    screenshot(ada, screenshot_dir, "reviews-revealed", viewport)

    # ... on the freelancer's public profile ...
    profile = open_public_profile(ada, viewport, "Ada Lovelace")
    expect(profile).to_contain_text("Rated 4.7 of 5 by clients (1 review)")
    said = profile.get_by_role("region", name="What clients said")
    expect(said).to_contain_text(OF_FREELANCER)
    expect(said).to_contain_text(f"4.7 of 5 · {CONTRACT}")
    screenshot(ada, screenshot_dir, "review-on-profile", viewport)

    # ... and on the employer's record beside their open projects.
    menu(ada, viewport, None, "Browse projects")
    check(ada)
    ada.get_by_role("link", name=OTHER_PROJECT).click()
    about = ada.get_by_role("region", name="About the employer")
    expect(about).to_contain_text("Hopper Clinics")
    signals = ada.get_by_role("region", name="Client signals")  # loaded after the page
    expect(signals).to_contain_text("Rated 4.0 of 5 in 1 review from freelancers")
    check(ada)

    # The employer learns theirs is published and reads the freelancer's review.
    open_notification(page, viewport, f"Your review on “{CONTRACT}” is published")
    expect(page.get_by_role("heading", level=1)).to_have_text(CONTRACT)
    theirs = reviews(page).get_by_role("article", name="Ada Lovelace's review of you")
    expect(theirs).to_contain_text(OF_EMPLOYER)
    expect(theirs).to_contain_text("Clarity: 4/5")
    expect(theirs).to_contain_text("Payment and answers: 3/5")
    mine = reviews(page).get_by_role("article", name="Your review of Ada Lovelace")
    expect(mine).not_to_contain_text("Hidden from")
    check(page)

    written = dict(Review.objects.filter(contract=contract).values_list("author", "text"))
    assert written == {employer.pk: OF_FREELANCER, freelancer.pk: OF_EMPLOYER}
