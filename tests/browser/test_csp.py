"""With the real Content-Security-Policy enforced, the pages run without a single violation.

Chromium reports a violation twice: as a `securitypolicyviolation` event in the page (recorded by
a script Playwright adds before the page's own, which the policy does not govern) and as a
console error naming the Content Security Policy. Both are collected on every page visited, as
each role, after htmx has loaded the page's fragments; and the page's own scripts must run.
"""

import pytest
from django.urls import reverse

from insights.services.market import market_aggregate
from projects.models import LedgerEntry, Milestone
from tests.browser.test_marketplace_accessibility import log_in
from tests.factories import (
    ContractFactory,
    LedgerEntryFactory,
    MessageFactory,
    MilestoneFactory,
    ProjectSkillFactory,
    ProposalFactory,
    ReviewFactory,
    ThreadFactory,
)
from tests.insights.market import contracts_at, skill
from tests.projects.test_portfolio import PortfolioItemFactory

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile || "?"}:${event.lineNumber || 0})`
  );
});
"""
RICH = (
    "We need **three** things:\n\n- a booking page\n- reminders\n\n"
    "See [our site](https://example.com). <script>alert(1)</script>"
)


class CspRecorder:
    """Collects CSP violations and script errors of every page of one browser context."""

    def __init__(self, browser):
        self.context = browser.new_context()  # no bypass_csp: the policy is enforced
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.found: dict[str, list[str]] = {}
        self._console: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self._console.append(f"script error: {error}"))

    def _on_console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self._console.append(message.text)

    def visit(self, url: str) -> None:
        self._console = []
        response = self.page.goto(url)
        assert response is not None, url
        assert response.status < 400, (url, response.status)
        self.page.wait_for_load_state("networkidle")  # htmx's hx-trigger="load" fragments too
        events = self.page.evaluate("window.__cspViolations")
        self.found[url] = [*events, *self._console]

    def close(self) -> dict[str, list[str]]:
        self.context.close()
        return self.found


def clean(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {url: [] for url in found}


@pytest.fixture
def world(transactional_db):
    django = skill("Django")
    contracts_at(django, range(60, 80))  # the market page has a chart to draw
    market_aggregate()
    contract = ContractFactory()
    funded = MilestoneFactory(contract=contract, status=Milestone.Status.FUNDED)
    LedgerEntryFactory(contract=contract, milestone=funded, amount="500.00")
    LedgerEntryFactory(contract=contract, milestone=funded, kind=LedgerEntry.Kind.FEE, amount="50")
    freelancer, employer = contract.freelancer, contract.employer
    profile = freelancer.freelancer_profile
    profile.bio = RICH
    profile.save()
    PortfolioItemFactory(profile=profile, description=RICH)
    ReviewFactory(contract__freelancer=freelancer, contract__employer=employer)
    proposal = ProposalFactory(
        freelancer=freelancer, project__employer=employer, project__description=RICH
    )
    proposal.cover_letter = RICH
    proposal.save()
    ProjectSkillFactory(project=proposal.project, skill=django)
    thread = ThreadFactory(project=contract.project, freelancer=freelancer)
    MessageFactory(thread=thread, sender=employer, body="Could you start on Monday?")
    return {
        "freelancer": freelancer,
        "employer": employer,
        "contract": contract,
        "proposal": proposal,
        "thread": thread,
    }


@pytest.mark.parametrize(
    "url_name",
    ["landing", "about", "account_login", "account_signup", "matching:how-it-works"],
)
def test_public_pages_raise_no_csp_violation(live_server, browser, url_name):
    recorder = CspRecorder(browser)
    recorder.visit(live_server.url + reverse(url_name))
    # htmx and Bootstrap both ran: htmx is defined and the navbar toggler is wired up.
    assert recorder.page.evaluate("typeof window.htmx") == "object"
    assert recorder.page.evaluate("typeof window.bootstrap") == "object"
    # htmx runs with the page's configuration: nothing evaluated, no inline styles added.
    config = recorder.page.evaluate(
        "({eval: htmx.config.allowEval, scripts: htmx.config.allowScriptTags,"
        " styles: htmx.config.includeIndicatorStyles})"
    )
    assert config == {"eval": False, "scripts": False, "styles": False}
    assert clean(found := recorder.close()) == found


def walk(browser, base_url: str, user, paths: list[str], after=None) -> CspRecorder:
    """Sign `user` in and open each path, calling `after(recorder, path)` on each page."""
    recorder = CspRecorder(browser)
    log_in(recorder.page, base_url, user)
    for path in paths:
        recorder.visit(base_url + path)
        if after:
            after(recorder, path)
    return recorder


def test_freelancer_pages_raise_no_csp_violation(live_server, browser, world):
    project = world["proposal"].project_id
    paths = [
        reverse("projects:dashboard"),
        reverse("matching:gig-feed"),
        reverse("projects:project-list"),
        reverse("projects:project-detail", args=[project]),
        reverse("projects:my-proposals"),
        reverse("projects:proposal-detail", args=[world["proposal"].pk]),
        reverse("projects:contract-detail", args=[world["contract"].pk]),
        reverse("projects:thread-detail", args=[world["thread"].pk]),
        reverse("projects:notification-list"),
        reverse("projects:portfolio"),
        reverse("projects:freelancer-profile", args=[world["freelancer"].pk]),
        reverse("insights:market"),
        reverse("learning:path"),
        reverse("automation:search-list"),
        reverse("billing:invoice-list"),
        reverse("accounts:privacy"),
        reverse("accounts:profile-photo"),
        reverse("accounts:api-tokens"),
        reverse("privacy:data"),
    ]

    def chart_drawn(recorder, path):
        if path == reverse("insights:market"):
            # Chart.js drew (it sizes the canvas through CSSOM, which the policy allows).
            assert recorder.page.evaluate(
                "document.getElementById('demand-chart').width > 0"
                " && !!window.Chart.getChart('demand-chart')"
            )

    recorder = walk(browser, live_server.url, world["freelancer"], paths, chart_drawn)
    assert clean(found := recorder.close()) == found


def test_employer_pages_raise_no_csp_violation(live_server, browser, world):
    project = world["proposal"].project_id
    paths = [
        reverse("projects:dashboard"),
        reverse("projects:project-mine"),
        reverse("projects:project-create"),
        reverse("projects:project-detail", args=[project]),
        reverse("projects:project-proposals", args=[project]),
        reverse("projects:proposal-detail", args=[world["proposal"].pk]),
        reverse("projects:freelancer-profile", args=[world["freelancer"].pk]),
        reverse("projects:talent-search"),
        reverse("projects:contract-list"),
        reverse("projects:contract-detail", args=[world["contract"].pk]),
        reverse("projects:inbox"),
    ]
    recorder = walk(browser, live_server.url, world["employer"], paths)
    # The rich text rendered as HTML, and the script typed into it is shown, never run.
    letter_page = reverse("projects:proposal-detail", args=[world["proposal"].pk])
    recorder.visit(live_server.url + letter_page)
    letter = recorder.page.locator(".gw-rich-text").first
    assert letter.locator("li").count() == 2
    assert letter.locator("a[rel='nofollow ugc noopener']").get_attribute("href") == (
        "https://example.com"
    )
    assert letter.locator("script").count() == 0
    assert clean(found := recorder.close()) == found
