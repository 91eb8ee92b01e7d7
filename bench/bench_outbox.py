"""Sending a task through the outbox: pooled broker connections against one per task.

Each round enqueues a task in its own transaction, as a service does, and times the whole path
a web request pays: the outbox row, the commit, the publication to the broker and the row marked
sent. The baseline is the same path with a fresh broker connection per task, which is what the
outbox did before it took connections from kombu's per-process pool. Works in a throwaway
SQLite database against the Redis on 127.0.0.1:6379 (database 14 by default); the tasks go to
a queue of the benchmark's own, which is deleted afterwards, and no worker runs them.

    .venv/bin/python bench/bench_outbox.py [--tasks 500] [--broker redis://127.0.0.1:6379/14]

Prints figures; it never passes or fails on time.
"""

import argparse
import statistics
import sys
import time
import uuid
from contextlib import contextmanager

from report import figure
from throwaway_db import django_on_throwaway_db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=500, help="tasks sent each way")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()

    workdir = django_on_throwaway_db()  # noqa: F841 (the database lives in it)
    import redis
    from celery import current_app
    from django.core.management import call_command
    from django.db import transaction

    from ops.models import OutboxMessage
    from ops.services import outbox

    try:
        redis.Redis.from_url(args.broker, socket_connect_timeout=1).ping()
    except redis.ConnectionError as error:
        print(f"Skipped: no Redis at {args.broker} ({error})")
        return 0
    call_command("migrate", verbosity=0)
    queue = f"gigwise-bench-outbox-{uuid.uuid4().hex}"
    current_app.conf.update(
        task_always_eager=False,
        broker_url=args.broker,
        task_routes={"marketplace.ping": {"queue": queue}},
    )

    def send_all(count: int) -> list[float]:
        took = []
        for _ in range(count):
            started = time.perf_counter()
            with transaction.atomic():
                outbox.enqueue("marketplace.ping")
            took.append(time.perf_counter() - started)
        return took

    pooled_connect = outbox._connect

    @contextmanager
    def fresh_connection(app):
        """The outbox before pooling: a new connection for every publication."""
        connection = app.connection_for_write()
        connection.ensure_connection(max_retries=1, timeout=1.0)
        with connection:
            yield connection

    try:
        send_all(20)  # warm up: imports, the first connection, SQLite's pages
        outbox._connect = fresh_connection
        fresh = send_all(args.tasks)
        outbox._connect = pooled_connect
        pooled = send_all(args.tasks)
        unsent = OutboxMessage.objects.pending().count()
        queued = redis.Redis.from_url(args.broker).llen(queue)
    finally:
        outbox._connect = pooled_connect
        redis.Redis.from_url(args.broker).delete(queue)

    def milliseconds(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1] * 1000

    for q in (50, 95):
        value, baseline = milliseconds(pooled, q), milliseconds(fresh, q)
        print(
            f"enqueue + commit + publish, p{q}: pooled connection {value:.2f} ms, "
            f"a new connection per task {baseline:.2f} ms ({value / baseline:.2f}x)"
        )
        figure(
            f"outbox: a task enqueued, committed and published (p{q})",
            value,
            "ms",
            baseline=baseline,
            baseline_name="a new broker connection per task",
        )
    print(f"{2 * args.tasks + 20} tasks sent, {queued} on the queue, {unsent} left unsent")
    return 1 if unsent else 0


if __name__ == "__main__":
    sys.exit(main())
