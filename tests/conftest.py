import pytest

from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory


@pytest.fixture
def freelancer(db):
    return FreelancerFactory()


@pytest.fixture
def employer(db):
    return EmployerFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()
