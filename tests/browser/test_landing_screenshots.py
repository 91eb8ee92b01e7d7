"""The landing page at desktop and phone widths: no sideways scrolling, and a picture to look at."""

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_landing_fits_the_screen_and_is_captured(live_server, page, screenshot_dir, viewport, name):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + reverse("landing"))

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {name} width"
    # The stylesheet loaded: the navbar has the brand colour, not the browser default.
    navbar_colour = page.locator("nav.gw-navbar").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert navbar_colour == "rgb(30, 27, 75)"

    path = screenshot_dir / f"landing-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
