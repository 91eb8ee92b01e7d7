"""What every journey test does on each page: check it, photograph it, use the navigation."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import blocking_violations

__all__ = ["DESKTOP", "PHONE", "check", "image_loaded", "menu", "screenshot", "size"]


def size(viewport) -> str:
    return "phone" if viewport is PHONE else "desktop"


def check(page) -> None:
    """No serious or critical axe violation, and no sideways scrolling, on the page shown."""
    assert blocking_violations(page) == []
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def image_loaded(page, image) -> None:
    """Wait until the image has loaded and has pixels: broken or blocked, it times out."""
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10_000
    )


def screenshot(page, screenshot_dir, name: str, viewport) -> None:
    """The whole page as `<name>-desktop.png` or `<name>-phone.png`."""
    page.screenshot(path=str(screenshot_dir / f"{name}-{size(viewport)}.png"), full_page=True)


def menu(page, viewport, dropdown: str | None, link: str | re.Pattern) -> None:
    """Follow a link of the main navigation, through the phone menu and a dropdown if any."""
    if viewport is PHONE:
        page.get_by_role("button", name="Menu").click()
        # Bootstrap adds "show" once the menu has opened; a click while it slides can miss.
        expect(page.locator("#gw-main-nav")).to_have_class(re.compile(r"\bshow\b"))
    nav = page.get_by_role("navigation", name="Main")
    if dropdown:
        nav.get_by_role("button", name=dropdown, exact=True).click()
    exact = isinstance(link, str)  # a pattern for a link whose name counts unread items
    nav.get_by_role("link", name=link, exact=exact).click()
