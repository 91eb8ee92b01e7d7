"""Signed-in devices name each browser in words a person recognises."""

import pytest
from allauth.usersessions.models import UserSession
from django.urls import reverse

from accounts.devices import browser_summary
from tests.factories import FreelancerFactory

AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0": "Edge 131 on Windows",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15": "Safari 17 on macOS",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1": "Safari 17 on iPhone",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0": (
        "Firefox 133 on Linux"
    ),
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.6778.135 Mobile Safari/537.36": "Chrome 131 on Android",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/156.0.0.0 Safari/537.36": "Chrome 156 on Linux",
    "curl/8.5.0": "Unknown browser",
    "": "Unknown browser",
}


@pytest.mark.parametrize(("agent", "expected"), AGENTS.items())
def test_a_browser_is_named_with_its_version_and_system(agent, expected):
    assert browser_summary(agent) == expected


@pytest.mark.django_db
def test_the_devices_page_names_the_browser_and_keeps_the_full_header_as_a_title(client):
    person = FreelancerFactory()
    client.force_login(person)
    UserSession.objects.create(
        user=person,
        ip="198.51.100.7",
        session_key=client.session.session_key,
        user_agent=next(iter(AGENTS)),
    )
    body = client.get(reverse("usersessions_list")).content.decode()
    assert "Edge 131 on Windows" in body
    assert 'title="Mozilla/5.0 (Windows NT 10.0' in body
