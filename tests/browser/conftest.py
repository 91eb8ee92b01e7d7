"""Playwright on Debian's Chromium (/usr/bin/chromium); never a downloaded browser.

Skipped on a developer machine without /usr/bin/chromium; in CI (CI=true) that is a failure.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium); browser tests need it"
        if running_in_ci():
            pytest.fail(f"{reason}. CI must run them.", pytrace=False)
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets axe-core be injected; test_csp.py checks the real policy separately.
    return {**browser_context_args, "bypass_csp": True, "viewport": DESKTOP}


@pytest.fixture(autouse=True)
def _plain_http_live_server(settings):
    """The live server speaks plain HTTP; production's Secure cookies would not come back."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    cache.clear()  # allauth's per-IP rate limits: every browser test comes from 127.0.0.1


SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def screenshot_dir() -> Path:
    """Where the journeys photograph their key pages: `screenshots/` at the repository's root
    (ignored by git; the README names it), or GIGWISE_SCREENSHOT_DIR."""
    path = Path(os.environ.get("GIGWISE_SCREENSHOT_DIR") or SCREENSHOT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path
