import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts sign-ups and e-mails per IP in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()
