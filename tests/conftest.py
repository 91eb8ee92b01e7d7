import pytest

from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories hash a real password per user; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def freelancer(db):
    return FreelancerFactory()


@pytest.fixture
def employer(db):
    return EmployerFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture(autouse=True)
def fresh_exchange_rates():
    """A rate a test edits is rolled back with its transaction; the process copy must go too."""
    from projects.money import exchange_rates_changed

    yield
    exchange_rates_changed()
