"""Market insights in a real browser: the chart draws under the real CSP, advice while typing."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from insights.services.market import market_aggregate
from projects.models import Project
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import blocking_violations
from tests.browser.test_marketplace_accessibility import log_in
from tests.insights.market import contracts_at, freelancer_with, hourly_project, skill

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
CANVAS_INK = """() => { const c = document.getElementById('demand-chart');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""


@pytest.fixture
def market(transactional_db):
    django = skill("Django")
    contracts_at(django, range(60, 101))
    open_project = hourly_project(django, status=Project.Status.OPEN)
    me = freelancer_with(django, rate="85", years=9)
    market_aggregate()
    return {"me": me, "project": open_project}


def test_the_chart_draws_with_the_real_content_security_policy(live_server, browser, market):
    context = browser.new_context()  # no bypass_csp: the policy is enforced
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server.url, market["me"])
    page.goto(live_server.url + reverse("insights:market"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate(CANVAS_INK) > 1000  # Chart.js drew lines, axes and labels
    context.close()
    assert problems == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_market_page_is_accessible_with_its_figures(live_server, page, market, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, market["me"])
    page.goto(live_server.url + reverse("insights:market"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Market insights")
    expect(page.get_by_text("Based on 41 contracts")).to_be_visible()
    expect(page.get_by_role("table", name="Demand over the last 12 months")).to_contain_text(
        "Django"
    )
    assert blocking_violations(page) == []


def test_a_low_bid_is_flagged_while_it_is_typed(live_server, page, market):
    log_in(page, live_server.url, market["me"])
    page.goto(live_server.url + reverse("projects:proposal-submit", args=[market["project"].pk]))
    expect(page.get_by_text("Rates for this kind of work")).to_be_visible()
    bid = page.get_by_label("Your hourly rate")
    bid.fill("")
    bid.press_sequentially("20")  # still in the field: no change event yet (before, none came)
    expect(page.get_by_role("alert")).to_contain_text("you may be under-pricing")
    expect(bid).to_be_focused()
    bid.fill("85")
    bid.blur()
    expect(page.get_by_text("you may be under-pricing")).to_have_count(0)
