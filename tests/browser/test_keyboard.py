"""Keyboard-only use and form semantics, at desktop and phone sizes (issue 12, accessibility).

The skip link being the first stop is tested in test_accessibility.py; here: every stop shows
where focus is, menus open and close from the keyboard and give focus back, a proposal is sent
without a mouse, and each error is tied to its field.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from projects.models import Proposal
from projects.services.projects import TITLE_REQUIRED
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.journeys import check, menu, screenshot
from tests.browser.test_marketplace_accessibility import log_in
from tests.factories import PASSWORD
from tests.matching.helpers import booking_market

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]

# The focused element's indicator: its (or its card's) outline or ring, with the contrast of its
# colour against what it is drawn on (WCAG 1.4.11 asks 3:1), whether it is on screen and uncovered.
FOCUSED = """() => {
  const rgba = text => { const m = text.match(/rgba?\\(([^)]*)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [...p.slice(0, 3), p[3] ?? 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const backdrop = el => { const layers = [];
    for (let n = el; n; n = n.parentElement) { const c = rgba(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] === 1) break; } }
    return layers.reverse().reduce((under, c) => over(c, under), [255, 255, 255]); };
  const lum = c => c.map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const ring = n => { const s = getComputedStyle(n), under = backdrop(n.parentElement);
    if (s.outlineStyle === "auto") return 21;  // Chromium's own two-tone ring
    const colours = [];
    if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1)
      colours.push(rgba(s.outlineColor));
    const shadows = /(rgba?\\([^)]*\\)) [-\\d.]+px [-\\d.]+px [-\\d.]+px ([\\d.]+)px/g;
    for (const m of s.boxShadow.matchAll(shadows))  // a ring: spread of 1px or more
      if (parseFloat(m[2]) >= 1) colours.push(rgba(m[1]));
    return Math.max(0, ...colours.map(c => contrast(over(c, under), under))); };
  const el = document.activeElement;
  const rect = el.getBoundingClientRect();
  const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
  const labels = el.labels ? [...el.labels] : [];
  return {
    name: (el.getAttribute("aria-label") || el.innerText || el.name || el.id || el.tagName)
      .trim().split("\\n")[0].slice(0, 40),
    body: el === document.body,
    contrast: Math.round(Math.max(ring(el), ring(el.parentElement)) * 10) / 10,
    inView: rect.width > 0 && rect.height > 0 && rect.top >= 0 && rect.left >= 0
      && rect.bottom <= innerHeight && rect.right <= innerWidth,
    uncovered: !!hit && (el.contains(hit) || hit.contains(el) || labels.some(l => l.contains(hit))),
  };
}"""


def assert_focus_visible_on_each_stop(page, stops: int) -> None:
    """Tab `stops` times: each stop shows a ring of 3:1 or more, on screen and not covered."""
    seen = []
    for _stop in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert not focused["body"], f"focus fell back to the page after {seen}"
        seen.append(focused)
    faint = [f for f in seen if f["contrast"] < 3 or not f["inView"] or not f["uncovered"]]
    assert faint == []


def tab_to(page, target, limit: int = 40) -> None:
    """Press Tab until `target` has focus, as a keyboard user would; fail if it never does."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{target} not reached in {limit} presses of Tab")


def skip_to_main(page) -> None:
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


# Each field marked invalid, with the texts of what its aria-describedby points at (a group of
# choices carries it on its fieldset); and each error shown that no field points at.
ERRORS_AND_FIELDS = """() => {
  const text = id => (document.getElementById(id)?.innerText ?? `missing #${id}`)
    .replace(/\\s+/g, " ").trim();
  const fields = {}, described = new Set();
  for (const el of document.querySelectorAll("main [aria-invalid='true']")) {
    const ids = (el.closest("[aria-describedby]")?.getAttribute("aria-describedby") ?? "")
      .split(/\\s+/).filter(Boolean);
    ids.forEach(id => described.add(id));
    fields[el.name] = ids.map(text).filter(t => t.startsWith("Error:"));
  }
  const unlinked = [...document.querySelectorAll("main .invalid-feedback")]
    .filter(el => !described.has(el.id)).map(el => el.id || el.innerText);
  return {fields, unlinked};
}"""


def errors_by_field(page) -> dict[str, list[str]]:
    """Field name -> the errors tied to it; fails if an error is shown that no field points at."""
    found = page.evaluate(ERRORS_AND_FIELDS)
    assert found["unlinked"] == []
    return found["fields"]


@pytest.fixture
def market(transactional_db):
    world = booking_market()
    # Both have been through the wizard, so logging in lands on the dashboard.
    User.objects.filter(pk__in=[world["backend"].user.pk, world["owner"].pk]).update(
        onboarded_at=timezone.now()
    )
    return world


def open_project_form(page, base_url, owner, viewport) -> None:
    log_in(page, base_url, owner)
    menu(page, viewport, None, "My projects")
    page.get_by_role("link", name="Post a project").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a project")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_stop_on_the_feed_and_the_project_form_shows_where_focus_is(
    live_server, page, market, viewport
):
    page.set_viewport_size(viewport)
    page.emulate_media(reduced_motion="reduce")  # focus styles drawn at once, not mid-transition
    log_in(page, live_server.url, market["backend"].user)
    menu(page, viewport, None, "Gigs for you")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gigs for you")
    check(page)
    page.reload()  # from the top of a fresh page, the phone menu closed again
    assert_focus_visible_on_each_stop(page, 15)

    # The project form, from its first field on.
    page.context.clear_cookies()
    open_project_form(page, live_server.url, market["owner"], viewport)
    check(page)
    skip_to_main(page)
    assert_focus_visible_on_each_stop(page, 15)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_menus_open_from_the_keyboard_close_on_escape_and_give_focus_back(
    live_server, page, market, viewport, screenshot_dir
):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, market["backend"].user)
    nav = page.get_by_role("navigation", name="Main")
    account = nav.get_by_role("button", name="Account")
    if viewport is PHONE:
        # The phone menu: Enter opens it, Tab goes on into it, Escape closes it and focus is
        # back on the button that opened it.
        button = page.get_by_role("button", name="Menu")
        tab_to(page, button)
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        page.keyboard.press("Tab")
        expect(nav.get_by_role("link", name="Dashboard")).to_be_focused()
        check(page)
        screenshot(page, screenshot_dir, "keyboard-phone-menu", viewport)
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_be_focused()
        expect(nav.get_by_role("link", name="Dashboard")).to_be_hidden()
        # Escape while it is still sliding open closes it too, once it has opened.
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(nav.get_by_role("link", name="Dashboard")).to_be_hidden()
        expect(button).to_be_focused()
        page.keyboard.press("Enter")  # open again, to reach the Account menu inside it
        expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()

    # A dropdown: Enter opens it, focus goes into it, Escape closes it and gives focus back.
    tab_to(page, account)
    page.keyboard.press("Enter")
    expect(account).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(nav.get_by_role("link", name="My profile")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(nav.get_by_role("link", name="E-mail and password")).to_be_focused()
    page.keyboard.press("Escape")
    expect(account).to_have_attribute("aria-expanded", "false")
    expect(account).to_be_focused()
    if viewport is PHONE:  # that Escape closed the dropdown only; the next closes the menu
        page.keyboard.press("Escape")
        expect(page.get_by_role("button", name="Menu")).to_be_focused()
        return

    # Space opens it too; Tab walks through it, and Tab past its last item closes it: a menu
    # is not a modal dialog, so focus goes on to the rest of the page rather than round again.
    page.keyboard.press("Space")
    expect(account).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="My profile")).to_be_focused()
    tab_to(page, nav.get_by_role("link", name="API tokens"), limit=10)
    page.keyboard.press("Tab")
    expect(nav.get_by_role("button", name="Log out")).to_be_focused()
    expect(account).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_logs_in_and_sends_a_proposal_with_the_keyboard_only(
    live_server, page, market, viewport, screenshot_dir
):
    page.set_viewport_size(viewport)
    person = market["backend"].user
    page.goto(live_server.url + reverse("account_login"))
    tab_to(page, page.get_by_label("E-mail address"))
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(reverse("projects:dashboard") + "$"))
    check(page)

    nav = page.get_by_role("navigation", name="Main")
    if viewport is PHONE:
        tab_to(page, page.get_by_role("button", name="Menu"))
        page.keyboard.press("Enter")
    tab_to(page, nav.get_by_role("link", name="Gigs for you"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gigs for you")
    skip_to_main(page)
    tab_to(page, page.get_by_role("link", name="Booking API"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Booking API")
    check(page)
    tab_to(page, page.get_by_role("link", name="Submit a proposal"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Send a proposal")
    check(page)
    tab_to(page, page.get_by_label("Cover letter"))
    page.keyboard.type("I built two booking APIs on Django and PostgreSQL last year.")
    tab_to(page, page.get_by_label("Your hourly rate"), limit=5)
    page.keyboard.type("45")
    tab_to(page, page.get_by_role("button", name="Send proposal"), limit=10)
    screenshot(page, screenshot_dir, "keyboard-proposal", viewport)
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Your proposal on “Booking API” is sent.")
    check(page)
    proposal = Proposal.objects.get(freelancer=person, project=market["project"])
    assert proposal.cover_letter.startswith("I built two booking APIs")
    assert proposal.bid_amount == 45


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_sign_up_errors_are_tied_to_their_fields(live_server, page, transactional_db, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + reverse("account_signup"))
    page.get_by_label("E-mail address").fill("maria.at.example.com")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_text("Choose whether you are joining")).to_be_visible()
    check(page)
    errors = errors_by_field(page)
    assert errors["role"] == [
        "Error: Choose whether you are joining as a freelancer or as an employer."
    ]
    assert errors["email"] == ["Error: Enter a valid e-mail address, like name@example.com."]
    assert errors["password2"] == ["Error: Type the password again."]
    expect(page.get_by_label("E-mail address")).to_have_accessible_description(
        re.compile("Enter a valid e-mail address")
    )
    expect(page.get_by_label("E-mail address")).to_have_value("maria.at.example.com")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_project_form_errors_are_tied_to_their_fields(live_server, page, market, viewport):
    page.set_viewport_size(viewport)
    open_project_form(page, live_server.url, market["owner"], viewport)
    page.get_by_label("Description").fill("A booking API with Django.")
    page.get_by_label("Budget from").fill("500")
    page.get_by_label("Budget up to").fill("100")
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_text("Budget maximum must be at least the minimum.")).to_be_visible()
    check(page)
    errors = errors_by_field(page)
    assert errors["budget_max"] == ["Error: Budget maximum must be at least the minimum."]
    assert errors["title"] == [f"Error: {TITLE_REQUIRED}"]
    assert errors["budget_type"] == ["Error: Choose a fixed price or an hourly rate."]
    expect(page.get_by_label("Budget up to")).to_have_accessible_description(
        re.compile("Budget maximum must be at least the minimum")
    )
    expect(page.get_by_label("Description")).to_have_value("A booking API with Django.")
    expect(page.get_by_label("Budget from")).to_have_value("500")
