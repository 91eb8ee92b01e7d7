"""Test-only hooks for a Celery worker subprocess (`celery worker -I tests.ops.slow_hooks`).

The worker is started with EMAIL_BACKEND=tests.ops.slow_hooks.SlowFirstSendBackend and
GIGWISE_SLOW_HOOK_DIR=<a temporary folder>. The first e-mail sent by any process of that worker
writes `inside-<pid>` and then waits (up to a minute) so the test can SIGKILL the pool process
while it is inside the task; every later send writes `sent-<pid>` and saves the e-mail to
<folder>/mail like Django's file-based backend.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend

HOOK_DIR = Path(os.environ.get("GIGWISE_SLOW_HOOK_DIR", "/nonexistent"))
STALL_SECONDS = 60


class SlowFirstSendBackend(EmailBackend):
    """Django's file-based backend whose very first send stalls until the test kills it."""

    def __init__(self, *args, **kwargs):
        kwargs["file_path"] = str(HOOK_DIR / "mail")
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages):
        first = HOOK_DIR / "first-send"
        try:
            # O_EXCL: exactly one send anywhere, in any process, is the first.
            os.close(os.open(first, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            (HOOK_DIR / f"sent-{os.getpid()}").touch()
            return super().send_messages(email_messages)
        (HOOK_DIR / f"inside-{os.getpid()}").touch()
        time.sleep(STALL_SECONDS)  # killed here by the test
        raise RuntimeError("the test should have killed this process by now")
