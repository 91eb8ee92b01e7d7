"""Log-in for each role, where it lands, the wrong-password message, and the axes lockout."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.html_page import field_error, input_value, parse
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
# The day is named when the pause ends on another one (a test run late in the UTC evening).
LOCKOUT_MESSAGE = re.compile(
    r"Too many failed log-ins\. You can try again at \d\d:\d\d UTC( on \d{1,2} [A-Z][a-z]+)?, "
    r"or reset your password to log in now\."
)
WRONG_CREDENTIALS = "The e-mail address or the password is not correct."


def log_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password, **extra})


def logged_in_user_id(client):
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


@pytest.mark.parametrize("role_fixture", ["freelancer", "employer"])
def test_first_log_in_goes_to_onboarding(client, request, role_fixture):
    user = request.getfixturevalue(role_fixture)

    response = log_in(client, user.email)

    assert response.status_code == 302
    assert response.url == reverse("accounts:onboarding")
    assert logged_in_user_id(client) == user.pk


@pytest.mark.parametrize("role_fixture", ["freelancer", "employer"])
def test_onboarded_user_goes_to_the_dashboard(client, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    user.onboarded_at = timezone.now()
    user.save(update_fields=["onboarded_at"])

    response = log_in(client, user.email)

    assert response.status_code == 302
    assert response.url == reverse("projects:dashboard")


def test_staff_go_to_the_dashboard_without_onboarding(client, staff):
    response = log_in(client, staff.email)

    assert response.url == reverse("projects:dashboard")


def test_log_in_returns_to_the_page_that_asked_for_it(client, freelancer):
    response = log_in(client, freelancer.email, next="/about/")

    assert response.url == "/about/"


def test_e_mail_is_not_case_sensitive(client, freelancer):
    response = log_in(client, f"  {freelancer.email.upper()} ")

    assert response.status_code == 302
    assert logged_in_user_id(client) == freelancer.pk


@pytest.mark.parametrize(
    "email_of",
    [lambda user: user.email, lambda user: "nobody@example.com"],
    ids=["wrong-password", "unknown-e-mail"],
)
def test_failed_log_in_says_why_and_keeps_the_e_mail(client, freelancer, email_of):
    email = email_of(freelancer)

    response = log_in(client, email, password="not-my-password")

    assert response.status_code == 200
    page = parse(response.content)
    # The same words for both cases, so the form does not reveal who has an account.
    assert page.find(class_="alert alert-danger gw-form-errors").text == WRONG_CREDENTIALS
    assert input_value(page, "login") == email
    assert input_value(page, "password") is None
    assert logged_in_user_id(client) is None


def test_missing_fields_are_named(client):
    response = client.post(LOGIN, {"login": "", "password": ""})

    page = parse(response.content)
    assert "This field is required." in page.by_id("id_login_error").text
    assert "This field is required." in page.by_id("id_password_error").text


def test_login_page_labels_every_field_and_links_to_reset(client):
    page = parse(client.get(LOGIN).content)

    assert page.find("label", for_="id_login").text == "E-mail address"
    assert page.find("label", for_="id_password").text == "Password"
    assert page.find("a", href=reverse("account_reset_password")) is not None
    assert page.find("a", href=reverse("account_signup")) is not None


def test_unverified_address_cannot_log_in_until_confirmed(client, mailoutbox):
    password = "plum-orchard-sunset-42"
    client.post(
        reverse("account_signup"),
        {
            "role": "freelancer",
            "email": "new@example.com",
            "password1": password,
            "password2": password,
        },
    )
    client.cookies.clear()

    response = log_in(client, "new@example.com", password=password)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert logged_in_user_id(client) is None


def test_five_failures_lock_the_account_even_with_the_right_password(client, freelancer):
    for _attempt in range(4):
        response = log_in(client, freelancer.email, password="guess-again")
        assert response.status_code == 200

    fifth = log_in(client, freelancer.email, password="guess-again")
    after = log_in(client, freelancer.email)

    for response in (fifth, after):
        assert response.status_code == 429
        page = parse(response.content)
        assert LOCKOUT_MESSAGE.search(page.find("main").text)
        assert page.find("a", href=reverse("account_reset_password")) is not None
        assert len(page.find_all("h1")) == 1
    assert logged_in_user_id(client) is None


def test_lockout_is_for_that_account_only(client, freelancer, employer):
    for _attempt in range(5):
        log_in(client, freelancer.email, password="guess-again")

    response = log_in(client, employer.email)

    assert response.status_code == 302
    assert logged_in_user_id(client) == employer.pk


def test_log_out_needs_a_post_and_says_so(client, freelancer):
    client.force_login(freelancer)

    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert logged_in_user_id(client) == freelancer.pk

    response = client.post(reverse("account_logout"), follow=True)
    assert logged_in_user_id(client) is None
    assert "You have logged out." in parse(response.content).by_id("messages").text


def reset_link_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_by_e_mail_from_request_to_new_log_in(client, freelancer, mailoutbox):
    request_page = client.get(reverse("account_reset_password"))
    assert parse(request_page.content).find("h1").text == "Reset your password"

    sent = client.post(reverse("account_reset_password"), {"email": freelancer.email}, follow=True)
    assert parse(sent.content).find("h1").text == "Check your inbox"
    assert [m.to for m in mailoutbox] == [[freelancer.email]]

    form_page = client.get(reset_link_path(mailoutbox[0]), follow=True)
    key_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else None
    assert key_url, "allauth moves the key out of the URL before showing the form"
    page = parse(form_page.content)
    assert page.find("label", for_="id_password1") is not None

    weak = client.post(key_url, {"password1": "short", "password2": "short"})
    assert "This password is too short." in field_error(parse(weak.content), "id_password1")

    done = client.post(
        key_url, {"password1": "new-plum-orchard-42", "password2": "new-plum-orchard-42"}
    )
    assert done.status_code == 302
    assert log_in(client, freelancer.email, password="new-plum-orchard-42").status_code == 302


def test_unknown_address_gets_the_same_reset_answer(client, mailoutbox):
    response = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.com"}, follow=True
    )

    assert parse(response.content).find("h1").text == "Check your inbox"


@pytest.mark.parametrize("url_name", ["account_email", "account_change_password", "account_logout"])
def test_account_settings_pages_use_the_site_layout(client, freelancer, url_name):
    client.force_login(freelancer)

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    page = parse(response.content)
    assert len(page.find_all("h1")) == 1
    assert page.find("main", id="main") is not None
    for field in page.find("main").find_all("input"):
        if field.attrs.get("type") in {"hidden", "submit"}:
            continue
        assert page.find("label", for_=field.attrs["id"]) is not None, field.attrs


def test_password_change_shows_errors_next_to_the_fields(client, freelancer):
    client.force_login(freelancer)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "new-plum-orchard-42", "password2": "other"},
    )

    page = parse(response.content)
    assert "Please type your current password." in field_error(page, "id_oldpassword")
    assert "You must type the same password each time." in field_error(page, "id_password2")
