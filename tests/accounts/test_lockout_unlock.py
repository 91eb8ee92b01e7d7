"""The log-in lockout says when it lifts and how to lift it now: a password reset through the
e-mailed link, or staff removing the access attempt in the admin."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.accounts.html_page import parse
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
NEW_PASSWORD = "new-plum-orchard-42"


def log_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


def lock_out(client, email, **extra):
    for _attempt in range(5):
        response = log_in(client, email, password="guess-again", **extra)
    assert response.status_code == 429
    return response


def reset_password(client, email, mailoutbox) -> None:
    client.post(reverse("account_reset_password"), {"email": email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mailoutbox[-1].body)
    form_page = client.get(link.group(1), follow=True)
    key_url = form_page.redirect_chain[-1][0]
    done = client.post(key_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302


def test_the_lockout_page_says_when_it_lifts_and_links_to_the_reset(client, freelancer):
    response = lock_out(client, freelancer.email)

    page = parse(response.content)
    alert = page.find(role="alert").text
    last_failure = AccessAttempt.objects.get(username=freelancer.email).attempt_time
    lifts = timezone.localtime(last_failure + dt.timedelta(hours=1))
    assert f"You can try again at {lifts:%H:%M} UTC" in alert
    assert "or reset your password to log in now" in alert
    assert page.find("a", href=reverse("account_reset_password")) is not None
    assert "the pause is over and you can log in straight away" in page.find("main").text


def test_a_password_reset_lifts_the_lockout(client, freelancer, mailoutbox):
    lock_out(client, freelancer.email)
    lock_out(client, freelancer.email, REMOTE_ADDR="198.51.100.7")  # and from another network
    assert log_in(client, freelancer.email).status_code == 429

    reset_password(client, freelancer.email, mailoutbox)

    assert not AccessAttempt.objects.filter(username=freelancer.email).exists()
    response = log_in(client, freelancer.email, password=NEW_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(freelancer.pk)


def test_asking_for_a_reset_without_using_the_link_does_not_lift_it(client, freelancer, mailoutbox):
    lock_out(client, freelancer.email)

    client.post(reverse("account_reset_password"), {"email": freelancer.email})

    assert len(mailoutbox) == 1
    assert log_in(client, freelancer.email).status_code == 429


def test_a_reset_lifts_only_that_persons_lockout(client, freelancer, employer, mailoutbox):
    lock_out(client, freelancer.email)
    lock_out(client, employer.email)

    reset_password(client, freelancer.email, mailoutbox)

    assert log_in(client, employer.email).status_code == 429
    assert AccessAttempt.objects.filter(username=employer.email).count() == 1


def test_staff_lift_a_lockout_from_the_admin(freelancer, staff_client):
    client = Client()  # the locked-out person's browser; staff_client is staff's
    lock_out(client, freelancer.email)
    attempt = AccessAttempt.objects.get(username=freelancer.email)

    listing = staff_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert freelancer.email in listing.content.decode()
    deleted = staff_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert deleted.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(client, freelancer.email).status_code == 302
