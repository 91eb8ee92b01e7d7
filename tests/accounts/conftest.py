import pytest
from django.core.cache import cache

from tests.factories import FreelancerFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts sign-ups and e-mails per IP in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def person(db):
    """A freelancer past the onboarding wizard, so log-ins land on the dashboard."""
    user = FreelancerFactory()
    user.onboarded_at = user.date_joined
    user.save(update_fields=["onboarded_at"])
    return user
