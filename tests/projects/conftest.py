import pytest

from tests.projects.factories import small_taxonomy


@pytest.fixture
def taxonomy(db):
    return small_taxonomy()
