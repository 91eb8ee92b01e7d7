"""axe-core on the public pages at desktop and phone widths, plus keyboard basics."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD, FreelancerFactory

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
PAGES = ["landing", "about", "account_login", "account_signup", "account_reset_password"]


def blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url_name", PAGES)
def test_no_serious_axe_violations(live_server, page, viewport, url_name):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + reverse(url_name))

    assert blocking_violations(page) == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_serious_axe_violations_on_a_sign_up_form_with_errors(live_server, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + reverse("account_signup"))
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("Choose whether you are joining").wait_for()

    assert blocking_violations(page) == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_skip_link_is_the_first_stop_and_visible_on_focus(live_server, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + reverse("landing"))

    page.keyboard.press("Tab")

    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box is not None
    assert box["width"] > 50
    assert box["height"] > 20
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_menu_opens_from_the_toggle(live_server, page):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("landing"))
    log_in = page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    assert not log_in.is_visible()

    page.get_by_role("button", name="Menu").click()

    log_in.wait_for(state="visible")


def log_in_through_the_form(page, base_url, email, password):
    page.goto(base_url + reverse("account_login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize("url_name", ["account_email", "account_change_password", "account_logout"])
def test_no_serious_axe_violations_on_account_settings(live_server, page, url_name):
    user = FreelancerFactory()
    log_in_through_the_form(page, live_server.url, user.email, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(live_server.url + reverse(url_name))

    assert page.get_by_role("navigation", name="Main").get_by_text("Log out").is_visible()
    assert blocking_violations(page) == []


def test_no_serious_axe_violations_on_the_lockout_and_404_pages(live_server, page):
    user = FreelancerFactory()
    for _attempt in range(5):
        log_in_through_the_form(page, live_server.url, user.email, "guess-again")
    assert page.get_by_text("Too many failed log-ins.").is_visible()
    assert blocking_violations(page) == []

    page.goto(live_server.url + "/no-such-page/")
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert blocking_violations(page) == []
