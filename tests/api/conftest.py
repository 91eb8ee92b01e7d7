"""Clients for the API tests: anonymous, or signed in the way an integration would be."""

import itertools

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.services import api_token_create


@pytest.fixture(autouse=True)
def _throttle_counts_start_empty():
    """The throttles count in the cache; each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for(db):
    """``client_for(user)``: an APIClient sending a fresh personal token for that user."""

    numbers = itertools.count(1)  # id(object()) was reused once the object was freed

    def make(user) -> APIClient:
        _token, raw = api_token_create(user=user, name=f"test {user.pk} {next(numbers)}")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return make
