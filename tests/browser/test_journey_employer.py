"""Issue 12, journey 2, at desktop and phone sizes with axe on every page: an employer posts a
project (seeing the budget estimate, and a maximum below the minimum refused first), finds a
freelancer among the suggested talent with reasons, invites them; the freelancer proposes in
their own browser; the employer shortlists, writes to them, hires, adds and funds a milestone;
the freelancer submits work; the employer releases it and the contract's ledger shows the money."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insights.selectors.estimates import estimator_forget
from insights.services.estimator import estimator_train
from projects.models import Contract, LedgerEntry, Milestone, Project, Proposal, ShortlistEntry
from projects.services.milestones import platform_fee
from tests.browser.journeys import DESKTOP, PHONE, check, menu, screenshot
from tests.browser.test_freelancer_automation import flash
from tests.browser.test_marketplace_accessibility import log_in
from tests.factories import EmployerFactory
from tests.insights.test_estimator_model import planted_records
from tests.insights.test_estimator_service import completed_contracts
from tests.matching.helpers import freelancer_with
from tests.projects.factories import small_taxonomy

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
TITLE = "Clinic booking API"
MILESTONE = "Booking endpoints live"
AMOUNT = Decimal("1500.00")
NOTE = "The endpoints are deployed to staging; the branch is booking-api."
HELLO = "Could you start with the booking endpoints next Monday?"
BELOW_MIN = "Budget maximum must be at least the minimum."


@pytest.fixture
def hiring_market(transactional_db):
    """A trained budget estimator, the skill taxonomy, a Django developer, an employer."""
    estimator_forget()  # the live server's thread shares the loaded estimator with this one
    small_taxonomy()
    with pytest.MonkeyPatch.context() as patch:
        # The estimator learns from these past contracts; nobody searches their people. In a
        # transactional test each save would embed its text at once: minutes of setup.
        patch.setattr("matching.signals.enqueue_robust", lambda *args, **kwargs: None)
        completed_contracts(planted_records(90, seed=21))
    estimator_train(use_encoder=False)
    developer = freelancer_with(
        headline="Django developer", bio="I build booking systems in Django on Postgres.",
        skills=["Django", "postgres"], rate=45, first_name="Ada", last_name="Okafor",
        onboarded_at=timezone.now(),
    )  # fmt: skip
    employer = EmployerFactory(onboarded_at=timezone.now())
    yield {"freelancer": developer.user, "employer": employer}
    estimator_forget()


def capture(page, screenshot_dir, name: str, viewport) -> None:
    screenshot(page, screenshot_dir, f"employer-{name}", viewport)


def post_the_project(page, screenshot_dir, viewport) -> None:
    """The real project form: the estimate while typing, a maximum below the minimum refused."""
    page.get_by_role("link", name="Post a project", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a project")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Description").fill(
        "A Django REST API on PostgreSQL for a chain of clinics: appointments and reminders."
    )
    skills = page.get_by_label("Required skills")
    skills.fill("Django, postg")  # the picker suggests the taxonomy's name for the last one
    page.get_by_role("list", name="Suggested skills").get_by_role(
        "button", name=re.compile(r"^PostgreSQL")
    ).click()
    expect(skills).to_have_value("Django, PostgreSQL, ")
    page.get_by_label("Fixed price").check()
    page.get_by_label("Budget from").fill("4000")
    page.get_by_label("Budget up to").fill("6000")
    page.get_by_label("Expected duration (weeks)").fill("8")
    page.get_by_label(re.compile(r"^Hours per week")).fill("20")
    page.get_by_label(re.compile(r"^Hours per week")).blur()

    estimate = page.get_by_role("region", name="Estimate for this work")
    expect(estimate).to_contain_text("A fair fixed price:")
    expect(estimate).to_contain_text("Such work usually takes about")
    low, high = re.search(
        r"(?:80% likely|usually run) between ([\d.,]+) and ([\d.,]+) USD", estimate.inner_text()
    ).groups()
    assert 0 < Decimal(low.replace(",", "")) < Decimal(high.replace(",", ""))
    check(page)
    capture(page, screenshot_dir, "project-form-estimate", viewport)

    # The one mistake: a zero dropped from the maximum, which is now below the minimum.
    page.get_by_label("Budget up to").fill("600")
    page.get_by_role("button", name="Publish", exact=True).click()
    budget_max = page.get_by_label("Budget up to")
    expect(page.locator("#id_budget_max_error")).to_contain_text(BELOW_MIN)
    expect(budget_max).to_have_attribute("aria-invalid", "true")
    expect(budget_max).to_have_accessible_description(re.compile(re.escape(BELOW_MIN)))
    expect(budget_max).to_have_value("600")  # what was typed is all still there
    expect(page.get_by_label("Budget from")).to_have_value("4000")
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    expect(page.get_by_label("Required skills")).to_have_value(re.compile("Django, PostgreSQL"))
    expect(page.get_by_label("Fixed price")).to_be_checked()
    expect(page.get_by_role("region", name="Estimate for this work")).to_contain_text(
        "A fair fixed price:"
    )
    assert not Project.objects.filter(title=TITLE).exists()
    check(page)

    budget_max.fill("6000")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(flash(page)).to_contain_text("Your project is published")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check(page)
    project = Project.objects.get(title=TITLE)
    assert project.status == Project.Status.OPEN
    assert (project.budget_min, project.budget_max) == (Decimal(4000), Decimal(6000))


def invite_from_suggested_talent(page, screenshot_dir, viewport, name: str) -> None:
    page.get_by_role("link", name="Suggested talent", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggested talent")
    card = page.get_by_role("article").filter(has_text=name)
    expect(card).to_contain_text("2 of 2 required skills, including Django and PostgreSQL")
    expect(card).to_contain_text("% match")
    check(page)
    capture(page, screenshot_dir, "suggested-talent", viewport)

    card.get_by_role("link", name=f"Invite {name}").click()
    expect(page.get_by_label("Project")).to_have_value(str(Project.objects.get(title=TITLE).pk))
    page.get_by_label(re.compile(r"^Message")).fill("Your booking work fits this API well.")
    check(page)
    page.get_by_role("button", name="Send invitation", exact=True).click()
    expect(flash(page)).to_contain_text(f"Invited {name} to “{TITLE}”.")
    check(page)


def freelancer_accepts_the_invitation(other, viewport) -> None:
    menu(other, viewport, "My work", "My proposals")
    invitations = other.get_by_role("region", name=re.compile(r"^Invitations"))
    expect(invitations).to_contain_text("Your booking work fits this API well.")
    check(other)
    invitations.get_by_role("link", name=f"Accept: send a proposal on {TITLE}").click()
    other.get_by_label("Cover letter").fill(
        "I built a booking API for a dental chain in Django and PostgreSQL last year."
    )
    other.get_by_label("Your fixed price").fill("5000")
    check(other)
    other.get_by_role("button", name="Send proposal", exact=True).click()
    expect(flash(other)).to_contain_text(f"Your proposal on “{TITLE}” is sent.")
    check(other)


def shortlist_message_and_hire(page, viewport, name: str) -> None:
    menu(page, viewport, None, "My projects")
    page.get_by_role("link", name=TITLE, exact=True).click()
    page.get_by_role("link", name="View proposals", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Proposals on “{TITLE}”")
    check(page)
    page.get_by_role("button", name=f"Shortlist {name}").click()
    expect(flash(page)).to_contain_text(f"Added {name} to the shortlist.")
    card = page.get_by_role("article").filter(has_text=name)
    expect(card).to_contain_text("Shortlisted")
    check(page)

    card.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Proposal from {name}")
    check(page)
    page.get_by_role("link", name=f"Message {name}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.get_by_label("Your message").fill(HELLO)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("log", name="Messages, oldest first")).to_contain_text(HELLO)
    expect(page.get_by_label("Your message")).to_have_value("")
    check(page)

    page.go_back()  # to the proposal, as a person would
    page.get_by_role("link", name=f"Hire {name}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hire {name}")
    page.get_by_label(re.compile(r"^Terms")).fill("Weekly call on Mondays.")
    check(page)
    page.get_by_role("button", name="Hire and start the contract", exact=True).click()
    expect(flash(page)).to_contain_text(f"You hired {name}. The contract has started.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check(page)


def add_and_fund_a_milestone(page) -> None:
    due = timezone.localdate() + dt.timedelta(days=14)
    page.get_by_label("Title").fill(MILESTONE)
    page.get_by_label("Amount (USD)").fill(str(AMOUNT))
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Add milestone", exact=True).click()
    expect(flash(page)).to_contain_text(f"Added the milestone “{MILESTONE}”.")
    check(page)
    page.get_by_role("button", name=f"Fund {AMOUNT:,.2f} USD for {MILESTONE}", exact=True).click()
    expect(flash(page)).to_contain_text(f"“{MILESTONE}” is funded and held in escrow.")
    expect(page.get_by_text("Funded: waiting for the freelancer to submit work.")).to_be_visible()
    check(page)


def freelancer_reads_and_submits(other, viewport, employer_name: str) -> None:
    menu(other, viewport, None, re.compile(r"^Messages"))
    other.get_by_role("link", name=re.compile(re.escape(employer_name))).first.click()
    expect(other.get_by_role("log", name="Messages, oldest first")).to_contain_text(HELLO)
    check(other)
    menu(other, viewport, "My work", "Contracts and time log")
    other.get_by_role("link", name=TITLE, exact=True).click()
    other.get_by_text(f"Submit work on {MILESTONE}").click()  # opens the <details>
    other.get_by_label("What you are submitting").fill(NOTE)
    check(other)
    other.get_by_role("button", name="Send for approval", exact=True).click()
    expect(flash(other)).to_contain_text(f"Submitted your work on “{MILESTONE}”.")
    check(other)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_employer_posts_hires_funds_and_releases_a_milestone(
    live_server, page, browser, hiring_market, screenshot_dir, viewport
):
    freelancer, employer = hiring_market["freelancer"], hiring_market["employer"]
    name = freelancer.display_name
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, employer)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    check(page)

    post_the_project(page, screenshot_dir, viewport)
    invite_from_suggested_talent(page, screenshot_dir, viewport, name)

    freelancer_context = browser.new_context(viewport=viewport)
    try:
        other = freelancer_context.new_page()
        log_in(other, live_server.url, freelancer)
        freelancer_accepts_the_invitation(other, viewport)

        shortlist_message_and_hire(page, viewport, name)
        add_and_fund_a_milestone(page)

        freelancer_reads_and_submits(other, viewport, employer.display_name)
    finally:
        freelancer_context.close()

    page.reload()  # the employer looks again once told the work is in
    expect(page.get_by_role("main")).to_contain_text(NOTE)
    page.get_by_role(
        "button", name=f"Approve and release payment for {MILESTONE}", exact=True
    ).click()
    expect(flash(page)).to_contain_text(f"Approved “{MILESTONE}”: the payment is released.")
    fee = platform_fee(AMOUNT)
    payments = page.get_by_role("region", name="Payments")
    released = payments.locator("dt:text-is('Released to freelancer') + dd")
    expect(released).to_have_text(f"{AMOUNT - fee:,.2f} USD")
    ledger = payments.get_by_role("table")
    expect(ledger.get_by_role("row").filter(has_text="Released to the freelancer")).to_contain_text(
        f"{AMOUNT - fee:,.2f} USD"
    )
    expect(ledger.get_by_role("row").filter(has_text="Platform fee")).to_contain_text(f"{fee} USD")
    expect(page.get_by_text("Approved and released").first).to_be_visible()
    check(page)
    capture(page, screenshot_dir, "contract-released", viewport)

    project = Project.objects.get(title=TITLE)
    assert project.status == Project.Status.IN_PROGRESS
    contract = Contract.objects.get(project=project)
    assert (contract.employer, contract.freelancer) == (employer, freelancer)
    assert contract.proposal.status == Proposal.Status.HIRED
    assert ShortlistEntry.objects.filter(project=project, freelancer=freelancer).exists()
    assert contract.amount == Decimal("5000.00")
    milestone = Milestone.objects.get(contract=contract)
    assert (milestone.status, milestone.amount) == (Milestone.Status.RELEASED, AMOUNT)
    entries = {e.kind: e.amount for e in LedgerEntry.objects.filter(milestone=milestone)}
    assert entries == {
        LedgerEntry.Kind.FUND: AMOUNT,
        LedgerEntry.Kind.RELEASE: AMOUNT - fee,
        LedgerEntry.Kind.FEE: fee,
    }
    assert fee > 0
