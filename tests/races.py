"""The two-thread race harness every race test shares (hiring, invoices, timesheets, ...).

SQLite serialises writers, so a race can only be shown on PostgreSQL: ``@race()`` marks a test
to run there only, in a real transaction (each thread has its own connection and sees the
others' commits), repeated ``rounds`` times because a race is won by timing. ``run_together``
starts the calls in their own threads, releases them at the same moment and returns each one's
result or the exception it raised, in the order given.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

ROUNDS = 8

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks (select_for_update) need PostgreSQL; set DATABASE_URL to run the race",
)


def race(rounds: int = ROUNDS):
    """Mark a test as a race: PostgreSQL only, transactional, run `rounds` times (``round_``)."""

    def decorate(test):
        for mark in (
            pytest.mark.parametrize("round_", range(rounds)),
            pytest.mark.django_db(transaction=True),
            pytest.mark.postgres,
            postgres_only,
        ):
            test = mark(test)
        return test

    return decorate


def run_together(*calls: Callable) -> list:
    """Run each call in its own thread and connection, released at the same moment."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index: int, call: Callable) -> None:
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a racing call never finished"
    return outcomes
