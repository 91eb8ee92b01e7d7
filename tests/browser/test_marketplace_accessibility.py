"""axe-core on the marketplace pages people work in, logged in, at desktop and phone widths."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import LedgerEntry, Milestone
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import blocking_violations
from tests.factories import (
    PASSWORD,
    ContractFactory,
    LedgerEntryFactory,
    MessageFactory,
    MilestoneFactory,
    ProjectSkillFactory,
    ProposalFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]


@pytest.fixture
def world(transactional_db):
    contract = ContractFactory()
    funded = MilestoneFactory(contract=contract, status=Milestone.Status.FUNDED)
    MilestoneFactory(contract=contract)
    LedgerEntryFactory(contract=contract, milestone=funded, amount=Decimal("500.00"))
    LedgerEntryFactory(
        contract=contract, milestone=funded, kind=LedgerEntry.Kind.FEE, amount=Decimal("50.00")
    )
    proposal = ProposalFactory(freelancer=contract.freelancer)
    ProjectSkillFactory(project=proposal.project, free_text="Django")
    thread = ThreadFactory(project=contract.project, freelancer=contract.freelancer)
    MessageFactory(thread=thread, sender=contract.employer, body="Could you start on Monday?")
    return {"contract": contract, "proposal": proposal, "thread": thread}


def log_in(page, base_url, user):
    page.goto(base_url + reverse("account_login"))
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    # Factory users have not finished onboarding, so the login lands on the wizard.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def freelancer_pages(world):
    return [
        reverse("projects:dashboard"),
        reverse("projects:project-list"),
        reverse("projects:project-detail", args=[world["proposal"].project_id]),
        reverse("projects:my-proposals"),
        reverse("projects:contract-detail", args=[world["contract"].pk]),
        reverse("projects:thread-detail", args=[world["thread"].pk]),
        reverse("projects:notification-list"),
    ]


def employer_pages(world):
    return [
        reverse("projects:dashboard"),
        reverse("projects:project-mine"),
        reverse("projects:project-create"),
        reverse("projects:project-proposals", args=[world["proposal"].project_id]),
        reverse("projects:proposal-detail", args=[world["proposal"].pk]),
        reverse("projects:contract-list"),
        reverse("projects:contract-detail", args=[world["contract"].pk]),
        reverse("projects:inbox"),
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_freelancer_pages_have_no_serious_axe_violations(live_server, page, world, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, world["contract"].freelancer)
    found = {}
    for path in freelancer_pages(world):
        page.goto(live_server.url + path)
        found[path] = blocking_violations(page)
    assert found == {path: [] for path in found}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_employer_pages_have_no_serious_axe_violations(live_server, page, world, viewport):
    page.set_viewport_size(viewport)
    # The proposal's project belongs to another employer; give this one its own proposal page.
    world["proposal"].project.employer = world["contract"].employer
    world["proposal"].project.save(update_fields=["employer"])
    log_in(page, live_server.url, world["contract"].employer)
    found = {}
    for path in employer_pages(world):
        page.goto(live_server.url + path)
        found[path] = blocking_violations(page)
    assert found == {path: [] for path in found}
