"""The permission world, built once per test module and rolled back after it."""

import pytest
from django.db import transaction

from .world import World, build_world


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker) -> World:
    """The world, built once for the module inside a transaction that is rolled back at its end.

    Each test runs in a savepoint of its own (pytest-django's `db`), as Django's setUpTestData
    does: what a case changes (a publish, a withdrawal) is undone before the next one.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db) -> World:
    return shared_world
