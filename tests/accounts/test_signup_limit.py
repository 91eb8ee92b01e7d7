"""Sign-ups per network: past the limit the form comes back as typed, 429, and no account."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.html_page import checked_value, input_value, parse

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
PASSWORD = "plum-orchard-sunset-42"


@pytest.fixture(autouse=True)
def two_sign_ups_an_hour(settings):
    settings.RATELIMIT_ENABLE = True
    settings.ABUSE_LIMITS = settings.ABUSE_LIMITS | {"signup": {"ip": "2/h"}}


def sign_up(client, email, role="employer", **extra):
    data = {"role": role, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(SIGNUP, data, **extra)


def test_the_third_sign_up_from_one_network_in_an_hour_is_refused_with_the_form_kept(client):
    assert sign_up(client, "first@example.com").status_code == 302
    assert sign_up(client, "second@example.com").status_code == 302

    response = sign_up(client, "third@example.com")

    assert response.status_code == 429
    page = parse(response.content)
    errors = page.find("main").text
    assert "2 accounts have been created from your network in the last hour." in errors
    assert re.search(r"You can create more at (\d{1,2} [A-Z][a-z]+ at )?\d\d:\d\d UTC\.", errors)
    assert input_value(page, "email") == "third@example.com"
    assert checked_value(page, "role") == "employer"
    assert not User.objects.filter(email="third@example.com").exists()
    assert User.objects.count() == 2


def test_a_sign_up_with_a_mistake_does_not_count(client):
    mismatch = {"password2": "something-else-entirely-9"}
    assert sign_up(client, "typo@example.com", **{}).status_code == 302
    refused = client.post(
        SIGNUP, {"role": "freelancer", "email": "x@example.com", "password1": PASSWORD} | mismatch
    )
    assert refused.status_code == 200
    assert sign_up(client, "second@example.com").status_code == 302
    assert User.objects.count() == 2


def test_another_network_can_still_sign_up(client):
    for n in range(2):
        sign_up(client, f"person{n}@example.com")

    response = sign_up(client, "elsewhere@example.com", REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 302
    assert User.objects.filter(email="elsewhere@example.com").exists()
