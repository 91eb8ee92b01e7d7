"""A project's lifecycle: the one table of which status may follow which, and by what action.

The services in projects/services/projects.py are the only writers of Project.status; they
check every change against this table, so an invalid transition is refused in one place.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from projects.models import Project

Status = Project.Status


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    # Past participle for the refusal message: "Only an open project can be closed".
    done: str


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("publish", (Status.DRAFT,), Status.OPEN, "published"),
        Transition("start", (Status.OPEN,), Status.IN_PROGRESS, "started"),
        Transition("complete", (Status.IN_PROGRESS,), Status.COMPLETED, "completed"),
        Transition("close", (Status.OPEN,), Status.CLOSED, "closed"),
        Transition("cancel", (Status.DRAFT, Status.OPEN), Status.CANCELLED, "cancelled"),
        # The hired work stopped without being done: the contracts service calls this when the
        # project's contract is cancelled. No button: the owner cancels the contract instead.
        Transition(
            "halt", (Status.IN_PROGRESS,), Status.CLOSED, "closed after a cancelled contract"
        ),
    )
}

# Statuses in which the employer may still change what the project asks for.
EDITABLE = (Status.DRAFT, Status.OPEN)


def _status_words(status: str) -> str:
    return str(Status(status).label).lower()


def _with_article(words: str) -> str:
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def transition_allowed(*, status: str, action: str) -> bool:
    return status in TRANSITIONS[action].sources


def transition_target(*, status: str, action: str) -> str:
    """The status `action` leads to from `status`; ValidationError with a clear reason if none."""
    transition = TRANSITIONS[action]
    if status not in transition.sources:
        sources = " or ".join(_status_words(s) for s in transition.sources)
        raise ValidationError(
            f"Only {_with_article(sources)} project can be {transition.done}; "
            f"this one is {_status_words(status)}.",
            code="invalid_transition",
        )
    return transition.target


# Transitions that follow from another service, never from an owner's button.
INTERNAL_ACTIONS = frozenset({"start", "complete", "halt"})


def actions_available(*, status: str) -> list[str]:
    """The actions the table allows from `status` (the owner's buttons follow this)."""
    return [
        action
        for action, t in TRANSITIONS.items()
        if status in t.sources and action not in INTERNAL_ACTIONS
    ]
