"""Staff reach the admin only with a second factor: an authenticator app code (allauth MFA, TOTP).

Through the real pages: allauth's log-in, its code page, its authenticator set-up and its
re-authentication, with codes computed from the key as an authenticator app would.
"""

import base64
import re
from io import StringIO
from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.shortcuts import resolve_url
from django.urls import reverse

from marketplace.admin_access import CODE_FIRST, SET_UP_FIRST
from projects.demo.totp import totp_code
from tests.conftest import STAFF_TOTP_SECRET
from tests.factories import PASSWORD, EmployerFactory, FreelancerFactory, StaffFactory

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
DEEP = reverse("admin:projects_project_changelist")
LOGIN = reverse("account_login")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth refuses a code used twice within its period, per user id: ids repeat in tests."""
    cache.clear()


def with_authenticator(user, secret: str = STAFF_TOTP_SECRET):
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)}
    )
    return user


def password_login(client, user, next_url: str = ADMIN):
    return client.post(
        f"{LOGIN}?next={quote(next_url)}", {"login": user.email, "password": PASSWORD}
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- The way in ------------------------------------------------------------------------------
def test_the_admin_log_in_is_allauths_never_djangos_own_form(client):
    to_admin_login = client.get(DEEP)
    assert to_admin_login.url == f"{reverse('admin:login')}?next={quote(DEEP)}"

    to_login = client.get(to_admin_login.url)
    assert to_login.status_code == 302
    assert to_login.url == f"{LOGIN}?next={quote(DEEP, safe='')}"

    # Django's form would log a staff member in with the password alone: it is not served.
    staff = StaffFactory()
    posted = client.post(reverse("admin:login"), {"username": staff.email, "password": PASSWORD})
    assert posted.status_code == 302
    assert posted.url.startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_password_then_code_opens_the_admin(client):
    staff = with_authenticator(StaffFactory())

    after_password = password_login(client, staff, next_url=DEEP)
    assert after_password.url == reverse("mfa_authenticate")
    # The password alone is not a session: the admin still sends them to log in.
    assert client.get(DEEP).url.startswith(reverse("admin:login"))

    after_code = client.post(reverse("mfa_authenticate"), {"code": totp_code(STAFF_TOTP_SECRET)})
    assert after_code.status_code == 302
    assert after_code.url == DEEP
    assert client.get(DEEP).status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(client):
    staff = with_authenticator(StaffFactory())
    password_login(client, staff)

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert wrong.status_code == 200
    assert "Incorrect code" in wrong.content.decode()
    assert client.get(ADMIN).status_code == 302


# --- Staff without a second factor -----------------------------------------------------------
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    staff = StaffFactory()
    assert password_login(client, staff).url == ADMIN  # no code asked: none set up

    for url in (ADMIN, DEEP, reverse("admin:projects_project_change", args=[1])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")

    page = client.get(ADMIN, follow=True)
    assert SET_UP_FIRST in messages_of(page)
    # Outside the admin nothing changes for them.
    assert client.get(resolve_url(settings.LOGIN_REDIRECT_URL)).status_code == 200


def test_staff_set_up_an_authenticator_then_give_a_code_and_the_admin_opens(client):
    staff = StaffFactory()
    password_login(client, staff)

    # allauth asks for the password again before a second factor is added.
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked.url.startswith(reverse("account_reauthenticate"))
    confirmed = client.post(asked.url, {"password": PASSWORD})
    assert confirmed.url == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    html = page.content.decode()
    # The QR code is an <img> with a data: URI, which the CSP allows (img-src 'self' data:);
    # no inline script or style, which it would block.
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', html)
    form = re.search(r'<form[^>]*action="/accounts/2fa/totp/activate/".*?</form>', html, re.S)
    assert "<svg" not in form.group(0)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html)
    assert "style=" not in html
    assert "img-src 'self' data:" in page.headers["Content-Security-Policy"]
    secret = page.context["form"].secret
    qr = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)).decode()
    assert qr.startswith("<?xml") or "<svg" in qr

    activated = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=staff, type="totp").exists()

    # The session was opened with the password alone: the admin asks for a code once.
    asked = client.get(DEEP)
    assert asked.url == f"{reverse('mfa_reauthenticate')}?next={quote(DEEP)}"
    assert CODE_FIRST in messages_of(client.get(DEEP, follow=True))
    cache.clear()  # the activation used this period's code; a new period would bring a new one
    given = client.post(asked.url, {"code": totp_code(secret)})
    assert given.url == DEEP
    assert client.get(DEEP).status_code == 200


def test_a_session_opened_without_the_code_is_asked_for_it(client):
    staff = with_authenticator(StaffFactory())
    client.force_login(staff)  # as if logged in before the authenticator existed

    asked = client.get(DEEP)
    assert asked.url == f"{reverse('mfa_reauthenticate')}?next={quote(DEEP)}"

    refused = client.post(asked.url, {"code": "123456"})
    assert refused.status_code == 200
    assert client.get(DEEP).status_code == 302

    given = client.post(asked.url, {"code": totp_code(STAFF_TOTP_SECRET)})
    assert given.url == DEEP
    assert client.get(DEEP).status_code == 200


def test_confirming_the_password_instead_of_the_code_does_not_open_the_admin(client):
    staff = with_authenticator(StaffFactory())
    client.force_login(staff)

    # allauth's code page offers "Use your password" as another way to confirm access.
    confirmed = client.post(
        f"{reverse('account_reauthenticate')}?next={quote(DEEP)}", {"password": PASSWORD}
    )
    assert confirmed.url == DEEP

    assert client.get(DEEP).url.startswith(reverse("mfa_reauthenticate"))


def test_the_second_factor_belongs_to_the_session_that_gave_it(client, staff_login):
    staff = StaffFactory()
    staff_login(client, staff)
    assert client.get(ADMIN).status_code == 200

    client.logout()
    client.force_login(staff)

    assert client.get(ADMIN).url.startswith(reverse("mfa_reauthenticate"))


# --- Everyone else ---------------------------------------------------------------------------
@pytest.mark.parametrize("factory", [FreelancerFactory, EmployerFactory])
def test_non_staff_never_reach_the_admin_even_with_a_second_factor(client, staff_login, factory):
    user = factory()
    staff_login(client, user)  # an authenticator and a session that gave its code

    for url in (ADMIN, DEEP):
        response = client.get(url)
        assert response.url.startswith(reverse("admin:login"))
        refused = client.get(response.url)
        assert refused.status_code == 403
        # The site's own page, in words, not a bare "403 Forbidden".
        assert "You can't open this page" in refused.content.decode()


# --- Trying the demo: the current code of the demo staff --------------------------------------
def test_totp_code_prints_the_code_an_authenticator_app_shows(settings):
    settings.DEBUG = True
    staff = with_authenticator(StaffFactory(email="staff@demo.gigwise.local"))

    before = totp_code(STAFF_TOTP_SECRET)
    call_command("totp_code", email=staff.email, stdout=(out := StringIO()))
    after = totp_code(STAFF_TOTP_SECRET)

    printed = out.getvalue().split()[0]
    assert printed in {before, after}
    assert re.fullmatch(r"\d{6}", printed)


def test_totp_code_says_when_there_is_no_authenticator(settings):
    settings.DEBUG = True
    staff = StaffFactory()
    with pytest.raises(CommandError, match="No authenticator app is set up"):
        call_command("totp_code", email=staff.email, stdout=StringIO())


def test_totp_code_refuses_without_debug(settings):
    settings.DEBUG = False
    staff = with_authenticator(StaffFactory())
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("totp_code", email=staff.email, stdout=StringIO())


def test_the_code_matches_rfc_6238():
    """The RFC's own test vector (SHA-1, key '12345678901234567890'), in 6 digits."""
    key = base64.b32encode(b"12345678901234567890").decode()
    assert totp_code(key, at=59) == "287082"
    assert totp_code(key, at=1111111109) == "081804"


# --- The keys stay secret ---------------------------------------------------------------------
def test_the_admin_lists_authenticators_but_never_shows_or_edits_a_key(staff_client, staff):
    authenticator = Authenticator.objects.get(user=staff)
    url = reverse("admin:mfa_authenticator_change", args=[authenticator.pk])

    page = staff_client.get(url)

    assert page.status_code == 200
    assert STAFF_TOTP_SECRET not in page.content.decode()
    assert staff_client.post(url, {"data": "{}"}).status_code == 403
    assert staff_client.get(reverse("admin:mfa_authenticator_add")).status_code == 403


def test_account_settings_link_to_two_factor_authentication(client, staff_login):
    staff_login(client, StaffFactory())

    page = client.get(reverse("mfa_index"))

    assert page.status_code == 200
    assert f'href="{reverse("mfa_index")}" aria-current="page"' in page.content.decode()
