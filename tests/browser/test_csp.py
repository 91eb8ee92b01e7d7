"""With the real Content-Security-Policy enforced, the pages run without a single violation."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("url_name", ["landing", "about", "account_login", "account_signup"])
def test_pages_raise_no_csp_violation(live_server, browser, url_name):
    context = browser.new_context()  # no bypass_csp here
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(live_server.url + reverse(url_name))
    page.wait_for_load_state("networkidle")
    # htmx and Bootstrap both ran: htmx is defined and the navbar toggler is wired up.
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("typeof window.bootstrap") == "object"
    context.close()

    assert problems == []
