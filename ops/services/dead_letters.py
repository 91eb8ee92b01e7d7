"""Dead letters: tasks that gave up, kept for staff to retry or resolve (Django admin)."""

from django.db import transaction
from django.utils import timezone

from ops.models import DeadLetter

from .outbox import enqueue


def dead_letter_record(
    *,
    task_name: str,
    task_id: str,
    args: list,
    kwargs: dict,
    exception: BaseException,
    traceback: str,
    attempts: int,
) -> DeadLetter:
    """Record that a task gave up; the same task and arguments failing again update one row."""
    now = timezone.now()
    exception_class = f"{type(exception).__module__}.{type(exception).__qualname__}"
    fields = {
        "task_id": task_id[:255],
        "exception_class": exception_class[:255],
        "exception_message": str(exception)[:10000],
        "traceback": traceback[:50000],
        "attempts": attempts,
        "last_failed_at": now,
    }
    with transaction.atomic():
        letter = (
            DeadLetter.objects.select_for_update()
            .unresolved()
            .filter(task_name=task_name, args=args, kwargs=kwargs)
            .order_by("id")
            .first()
        )
        if letter is None:
            return DeadLetter.objects.create(
                task_name=task_name, args=args, kwargs=kwargs, first_failed_at=now, **fields
            )
        for name, value in fields.items():
            setattr(letter, name, value)
        letter.failures += 1
        letter.save()
    return letter


def dead_letter_retry(*, letter: DeadLetter, by: str = "") -> DeadLetter:
    """Send the task again with the same arguments (through the outbox) and mark it resolved."""
    with transaction.atomic():
        locked = DeadLetter.objects.select_for_update().get(pk=letter.pk)
        if locked.resolved_at is not None:
            return locked
        enqueue(locked.task_name, *locked.args, **locked.kwargs)
        locked.resolved_at = timezone.now()
        locked.resolution = f"Retried{f' by {by}' if by else ''}"[:200]
        locked.save(update_fields=["resolved_at", "resolution"])
    return locked


def dead_letter_resolve(*, letter: DeadLetter, by: str = "") -> DeadLetter:
    """Mark a dead letter handled without running the task again."""
    with transaction.atomic():
        locked = DeadLetter.objects.select_for_update().get(pk=letter.pk)
        if locked.resolved_at is None:
            locked.resolved_at = timezone.now()
            locked.resolution = f"Marked resolved{f' by {by}' if by else ''}"[:200]
            locked.save(update_fields=["resolved_at", "resolution"])
    return locked
