"""Each aggregation or training run leaves a TaskRun row: started, finished, rows written."""

from collections.abc import Callable
from contextlib import contextmanager

from django.utils import timezone

from ..models import TaskRun


@contextmanager
def task_run_recorded(task: str):
    """Record one run of `task`, whose body sets `run.rows_written`; a failure is kept."""
    run = TaskRun.objects.create(task=task)
    try:
        yield run
    except Exception as error:
        run.status, run.detail = TaskRun.Status.FAILED, f"{type(error).__name__}: {error}"[:2000]
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "detail", "finished_at"])
        raise
    run.status, run.finished_at = TaskRun.Status.SUCCEEDED, timezone.now()
    run.save(update_fields=["status", "finished_at", "rows_written", "detail"])


def recorded(task: str, compute: Callable[[], int]) -> TaskRun:
    """Run `compute` (which returns the rows it wrote) as a recorded run of `task`."""
    with task_run_recorded(task) as run:
        run.rows_written = compute()
    return run
