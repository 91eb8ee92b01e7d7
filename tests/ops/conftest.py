"""Fixtures for the reliability tests: a real broker, worker subprocesses, a Redis of our own."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection

from marketplace.celery import app as celery_app
from ops.services import outbox
from tests.celery_worker import skip_or_fail

REPOSITORY = Path(settings.BASE_DIR)


def wait_until(condition: Callable[[], object], seconds: float, what: str) -> object:
    """Poll `condition` every 50 ms until it is true; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    pytest.fail(f"Timed out after {seconds:g} s waiting for {what}", pytrace=False)


def database_url() -> str:
    """The URL of the test database this process uses, for a worker subprocess."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "postgres")
    if db["PASSWORD"]:
        credentials += f":{quote(db['PASSWORD'])}"
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def broker_url() -> str:
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        skip_or_fail("CELERY_BROKER_URL is not a Redis URL, so there is no broker to test with")
    return settings.CELERY_BROKER_URL


@pytest.fixture
def real_broker(broker_url) -> Iterator[str]:
    """Tasks cross the broker (not eager) in this test; the outbox's back-off starts cleared."""
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    celery_app.conf.task_always_eager = False
    outbox._broker_down_until = 0.0
    try:
        yield broker_url
    finally:
        celery_app.conf.update(saved)
        outbox._broker_down_until = 0.0


def queue_length(url: str, queue: str = "celery") -> int:
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        return client.llen(queue)
    finally:
        client.close()


def queued_task_names(url: str, queue: str = "celery") -> list[str]:
    import json

    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        return [json.loads(raw)["headers"]["task"] for raw in client.lrange(queue, 0, -1)]
    finally:
        client.close()


@pytest.fixture
def private_queue(real_broker) -> Iterator[str]:
    """A queue only this test reads, emptied afterwards."""
    name = f"gigwise-ops-test-{uuid.uuid4().hex}"
    yield name
    redis.Redis.from_url(real_broker).delete(name)


@pytest.fixture
def ping_queue(private_queue, route_to_queue) -> str:
    """marketplace.ping goes to a queue of this test's own, where no worker takes it: the test
    reads what was published (other tests' workers consume the default queue)."""
    route_to_queue("marketplace.ping", private_queue)
    return private_queue


@pytest.fixture
def route_to_queue() -> Iterator[Callable[[str, str], None]]:
    """Send a task by name to a given queue from this process (Celery's task_routes)."""
    saved = celery_app.conf.task_routes

    def reroute(routes) -> None:
        celery_app.conf.task_routes = routes
        celery_app.amqp.flush_routes()
        celery_app.amqp.__dict__.pop("router", None)  # a cached Router holds the old table

    yield lambda task_name, queue: reroute({task_name: {"queue": queue}})
    reroute(saved)


class WorkerProcess:
    """`celery -A marketplace worker` in a subprocess, against this test's database."""

    def __init__(self, *, queue: str, env: dict[str, str], log: Path, pool: str = "prefork"):
        self.hostname = f"gigwise-ops-{uuid.uuid4().hex[:8]}@%h"
        self.log = log
        command = [
            sys.executable, "-m", "celery", "-A", "marketplace", "worker",
            f"--pool={pool}", "--concurrency=1", "-Q", queue, "-n", self.hostname,
            "-I", "tests.ops.slow_hooks", "--without-gossip", "--without-mingle",
            "--loglevel=INFO",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=REPOSITORY,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def ready(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"The worker exited ({self.process.returncode}):\n{self.output()}")
        name = self.hostname.replace("%h", os.uname().nodename)
        return bool(celery_app.control.ping(destination=[name], timeout=0.5))

    def pool_children(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        """Cold shutdown (the test is over), then nothing of its process group is left."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture
def worker_subprocess(real_broker, tmp_path) -> Iterator[Callable[..., WorkerProcess]]:
    """Start real worker processes; each is stopped (its whole process group) at the end."""
    if connection.vendor != "postgresql":
        skip_or_fail("A worker subprocess needs PostgreSQL (set DATABASE_URL)")
    if not shutil.which("celery", path=str(Path(sys.executable).parent)):
        pytest.skip("the celery command is not installed beside this Python")
    started: list[WorkerProcess] = []

    def start(*, queue: str, extra_env: dict[str, str] | None = None) -> WorkerProcess:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": real_broker,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            # The worker does not need the text encoder for these tasks: fail fast, not load it.
            "MATCHING_MODEL": str(tmp_path / "no-model"),
            "PYTHONPATH": str(REPOSITORY),
            **(extra_env or {}),
        }
        worker = WorkerProcess(queue=queue, env=env, log=tmp_path / f"worker-{len(started)}.log")
        started.append(worker)
        wait_until(worker.ready, 45, "the worker subprocess to answer a ping")
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()
