"""Sign-up mistakes in a real browser. The whole sign-up, e-mail link and onboarding journey is
tests/browser/test_journey_freelancer.py."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User

pytestmark = pytest.mark.browser

PASSWORD = "plum-orchard-sunset-42"


def test_a_sign_up_without_a_role_is_refused_beside_the_choice(live_server, page):
    page.goto(live_server.url + reverse("landing"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your Gigwise account")

    page.get_by_label("E-mail address").fill("ada@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    # The server's message, next to the role choice, and the e-mail is still there.
    expect(page.locator("#id_role_error")).to_have_text(
        re.compile("Choose whether you are joining as a freelancer or as an employer.")
    )
    expect(page.get_by_label("E-mail address")).to_have_value("ada@example.com")
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    assert not User.objects.filter(email="ada@example.com").exists()


def test_landing_call_to_action_preselects_the_employer_role(live_server, page):
    page.goto(live_server.url + reverse("landing"))

    page.get_by_role("link", name="Sign up as an employer").click()

    expect(page.get_by_label("Hire freelancers for my projects")).to_be_checked()
    expect(page.get_by_label("Find work as a freelancer")).not_to_be_checked()
