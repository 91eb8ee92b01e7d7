"""Sessions and cookies: flags on the cookies, a new key at log-in, other sessions ended by a
password change, a change of rights or of the second factor, and "Sign out everywhere else"."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import User
from projects.demo.totp import totp_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
DASHBOARD = reverse("projects:dashboard")
SESSIONS = reverse("usersessions_list")
NEW_PASSWORD = "new-plum-orchard-42"


def browser(user, user_agent="Firefox on the laptop") -> Client:
    """A browser signed in through the log-in page, as a person would."""
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def signed_in_as(client) -> int | None:
    """Who the next request is made by (None: it was sent to log in)."""
    response = client.get(DASHBOARD)
    if response.status_code == 302 and response.url.startswith(LOGIN):
        return None
    assert response.status_code == 200
    return response.wsgi_request.user.pk


def test_the_session_and_csrf_cookies_are_secure_httponly_and_lax(settings, person):
    assert settings.SESSION_COOKIE_SECURE
    assert settings.CSRF_COOKIE_SECURE
    client = Client()
    page = client.get(LOGIN)
    response = client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    for cookie in (response.cookies["sessionid"], page.cookies["csrftoken"]):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


def test_htmx_still_sends_the_csrf_token_from_the_page(person):
    client = browser(person)
    client.handler.enforce_csrf_checks = True
    html = client.get(DASHBOARD).content.decode()
    token = html.split('hx-headers=\'{"X-CSRFToken": "', 1)[1].split('"', 1)[0]

    refused = client.post(reverse("projects:notification-read-all"), headers={"HX-Request": "true"})
    sent = client.post(
        reverse("projects:notification-read-all"),
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )

    assert refused.status_code == 403
    assert sent.status_code in (200, 204, 302)


def test_logging_in_gives_the_session_a_new_key(person):
    client = Client()
    client.get(LOGIN)
    session = client.session
    session["seen_landing"] = True
    session.save()
    before = session.session_key

    client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert signed_in_as(client) == person.pk


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(person):
    laptop, phone = browser(person), browser(person, "Safari on the phone")
    assert signed_in_as(phone) == person.pk

    changed = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert changed.status_code == 302
    assert signed_in_as(laptop) == person.pk
    assert signed_in_as(phone) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("is_staff", True), ("is_superuser", True), ("role", User.Role.EMPLOYER)],
)
def test_a_change_of_rights_ends_every_session_opened_before_it(person, field, value):
    laptop, phone = browser(person), browser(person, "Safari on the phone")

    setattr(person, field, value)
    person.save()

    assert signed_in_as(laptop) is None
    assert signed_in_as(phone) is None
    # Logging in again works, with the new rights.
    assert browser(person).get(DASHBOARD).wsgi_request.user.pk == person.pk


def test_other_changes_to_the_person_keep_them_signed_in(person):
    laptop = browser(person)

    person.first_name = "Ada"
    person.save()

    assert signed_in_as(laptop) == person.pk


# allauth sends its two-factor signals after commit, inside the request: real transactions.
@pytest.mark.django_db(transaction=True)
def test_turning_on_two_factor_ends_the_other_sessions_and_renews_this_key(person):
    laptop, phone = browser(person), browser(person, "Safari on the phone")
    key_before = laptop.cookies["sessionid"].value
    asked = laptop.get(reverse("mfa_activate_totp"))
    laptop.post(asked.url, {"password": PASSWORD})  # allauth asks for the password again
    secret = laptop.get(reverse("mfa_activate_totp")).context["form"].secret

    activated = laptop.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=person, type="totp").exists()
    assert signed_in_as(phone) is None
    assert signed_in_as(laptop) == person.pk
    key_after = laptop.cookies["sessionid"].value
    assert key_after != key_before
    assert not Session.objects.filter(session_key=key_before).exists()
    assert list(UserSession.objects.filter(user=person).values_list("session_key", flat=True)) == [
        key_after
    ]


@pytest.mark.django_db(transaction=True)
def test_turning_off_two_factor_ends_the_other_sessions(person):
    laptop = browser(person)
    asked = laptop.get(reverse("mfa_activate_totp"))
    laptop.post(asked.url, {"password": PASSWORD})
    secret = laptop.get(reverse("mfa_activate_totp")).context["form"].secret
    laptop.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    cache.clear()  # allauth refuses a code used once in its period; the phone uses it again
    phone = Client(HTTP_USER_AGENT="Safari on the phone")
    asked = phone.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert asked.url == reverse("mfa_authenticate")
    phone.post(asked.url, {"code": totp_code(secret)})
    assert signed_in_as(phone) == person.pk

    removed = laptop.post(reverse("mfa_deactivate_totp"))

    assert removed.status_code == 302
    assert not Authenticator.objects.filter(user=person, type="totp").exists()
    assert signed_in_as(phone) is None
    assert signed_in_as(laptop) == person.pk


def test_the_account_menu_links_to_the_signed_in_devices(person):
    laptop = browser(person)
    html = laptop.get(DASHBOARD).content.decode()
    assert f'href="{SESSIONS}"' in html
    assert "Signed-in devices" in html


def test_sign_out_everywhere_else_lists_devices_and_ends_all_but_this_one(person):
    laptop, phone = browser(person), browser(person, "Safari on the phone")
    tablet = browser(person, "Chrome on the tablet")

    page = laptop.get(SESSIONS).content.decode()
    assert "Safari on the phone" in page
    assert "Chrome on the tablet" in page
    assert "This device" in page
    response = laptop.post(SESSIONS, follow=True)

    assert "Signed out everywhere else" in response.content.decode()
    assert signed_in_as(laptop) == person.pk
    assert signed_in_as(phone) is None
    assert signed_in_as(tablet) is None
    assert UserSession.objects.filter(user=person).count() == 1
