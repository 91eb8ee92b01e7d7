"""Sign-up with a role, e-mail verification, and the specific message for each bad input."""

import re
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import EmployerProfile, FreelancerProfile, User
from tests.accounts.html_page import checked_value, field_error, input_value, parse
from tests.factories import FreelancerFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
STRONG_PASSWORD = "plum-orchard-sunset-42"


def signup_data(**overrides):
    data = {
        "role": "freelancer",
        "email": "new.person@example.com",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def confirmation_path(message) -> str:
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    return urlparse(link).path


@pytest.mark.parametrize(
    ("role", "profile_model", "other_profile_model"),
    [
        (User.Role.FREELANCER, FreelancerProfile, EmployerProfile),
        (User.Role.EMPLOYER, EmployerProfile, FreelancerProfile),
    ],
)
def test_sign_up_creates_user_with_role_and_profile_and_sends_verification(
    client, mailoutbox, role, profile_model, other_profile_model
):
    response = client.post(SIGNUP, signup_data(role=role, email="New.Person@Example.com"))

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.person@example.com")
    assert user.role == role
    assert user.check_password(STRONG_PASSWORD)
    assert profile_model.objects.filter(user=user).exists()
    assert not other_profile_model.objects.filter(user=user).exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert [m.to for m in mailoutbox] == [["new.person@example.com"]]
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    # Mandatory verification: nobody is logged in until the link is followed.
    assert "_auth_user_id" not in client.session


def test_verification_sent_page_tells_the_person_to_check_their_mail(client):
    response = client.post(SIGNUP, signup_data(), follow=True)

    page = parse(response.content)
    assert page.find("h1").text == "Verify your e-mail address"


@pytest.mark.parametrize("role", [User.Role.FREELANCER, User.Role.EMPLOYER])
def test_following_the_link_confirms_and_logs_in_to_onboarding(client, mailoutbox, role):
    client.post(SIGNUP, signup_data(role=role))
    path = confirmation_path(mailoutbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert "new.person@example.com" in page.text
    response = client.post(path)

    user = User.objects.get(email="new.person@example.com")
    assert response.status_code == 302
    assert response.url == reverse("accounts:onboarding")
    assert EmailAddress.objects.get(user=user).verified
    assert int(client.session["_auth_user_id"]) == user.pk


def test_signup_page_preselects_the_role_from_the_landing_page_link(client):
    for role in User.Role.values:
        page = parse(client.get(f"{SIGNUP}?role={role}").content)
        assert checked_value(page, "role") == role
    assert checked_value(parse(client.get(SIGNUP).content), "role") is None
    assert checked_value(parse(client.get(f"{SIGNUP}?role=admin").content), "role") is None


def test_signup_fields_have_visible_labels(client):
    page = parse(client.get(SIGNUP).content)

    for field_id in ("id_email", "id_password1", "id_password2", "id_role_0", "id_role_1"):
        label = page.find("label", for_=field_id)
        assert label is not None, field_id
        assert label.text, field_id
    assert page.find("legend").text == "I want to"


BAD_INPUT = [
    pytest.param(
        {"email": "taken@example.com"},
        "id_email",
        "A user is already registered with this e-mail address.",
        id="taken-email",
    ),
    pytest.param(
        {"email": "TAKEN@example.com"},
        "id_email",
        "A user is already registered with this e-mail address.",
        id="taken-email-other-case",
    ),
    pytest.param(
        {"password1": "short1", "password2": "short1"},
        "id_password1",
        "This password is too short. It must contain at least 10 characters.",
        id="too-short-password",
    ),
    pytest.param(
        {"password1": "password123", "password2": "password123"},
        "id_password1",
        "This password is too common.",
        id="common-password",
    ),
    pytest.param(
        {"password1": "4815162342108", "password2": "4815162342108"},
        "id_password1",
        "This password is entirely numeric.",
        id="numeric-password",
    ),
    pytest.param(
        {"password2": "plum-orchard-sunset-43"},
        "id_password2",
        "You must type the same password each time.",
        id="mismatched-passwords",
    ),
    pytest.param(
        {"role": None},
        "id_role",
        "Choose whether you are joining as a freelancer or as an employer.",
        id="missing-role",
    ),
    pytest.param(
        {"email": "not-an-address"},
        "id_email",
        "Enter a valid e-mail address, like name@example.com.",
        id="malformed-email",
    ),
]


@pytest.mark.parametrize(("overrides", "field_id", "message"), BAD_INPUT)
def test_bad_input_shows_the_specific_message_next_to_the_field_and_keeps_what_was_typed(
    client, mailoutbox, overrides, field_id, message
):
    FreelancerFactory(email="taken@example.com")
    users_before = User.objects.count()
    data = signup_data(**{"role": User.Role.EMPLOYER, **overrides})

    response = client.post(SIGNUP, data)

    assert response.status_code == 200
    page = parse(response.content)
    assert message in field_error(page, field_id)
    # The message is tied to its field for screen readers.
    described = page.find(id=field_id) or page.find("fieldset")
    assert f"{field_id}_error" in described.attrs["aria-describedby"]
    assert input_value(page, "email") == data["email"]
    assert checked_value(page, "role") == data.get("role")
    # Passwords are never sent back to the browser.
    assert input_value(page, "password1") is None
    assert input_value(page, "password2") is None
    assert STRONG_PASSWORD not in response.text
    assert User.objects.count() == users_before
    assert mailoutbox == []


def test_taken_email_does_not_mail_the_owner_or_touch_their_account(client, mailoutbox):
    owner = FreelancerFactory(email="taken@example.com")
    password_hash = owner.password

    client.post(SIGNUP, signup_data(email="taken@example.com"))

    owner.refresh_from_db()
    assert owner.password == password_hash
    assert owner.role == User.Role.FREELANCER
    assert mailoutbox == []


def test_logged_in_user_is_sent_away_from_signup(client, freelancer):
    client.force_login(freelancer)

    response = client.get(SIGNUP)

    assert response.status_code == 302


def test_an_invalid_confirmation_link_says_so(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))

    assert response.status_code == 200
    page = parse(response.content)
    assert "has expired or is not valid" in page.find("main").text
    assert page.find("main").find("form") is None
