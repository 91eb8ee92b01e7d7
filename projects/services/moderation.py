"""Reports from users and what staff do about them; every staff action and read is audit-logged.

AuditAction lives with the model (projects.models) and is importable from here as before.
"""

import json
from collections.abc import Iterable

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import capfirst

from accounts.models import User
from projects.models import (
    AuditAction,
    AuditLogEntry,
    Message,
    NotificationKind,
    Project,
    Report,
    audit_target_label,
)
from projects.services.notifications import notify

REPORT_DUPLICATE = "You have already reported this; our team is looking at it."
REPORT_SELF = "You cannot report yourself."
REPORT_OWN_PROJECT = "You cannot report your own project."
REPORT_OWN_MESSAGE = "You cannot report your own message."
REPORT_UNSUPPORTED = "Only a project, a profile or a message can be reported."
REPORT_DETAILS_MAX = 2000
REASON_REQUIRED = "Say why: the reason is kept in the audit log."
NOT_STAFF = "Only staff can do this."
REPORT_NOT_OPEN = "This report is already {status}."


REPORTABLE_MODELS = (Project, User, Message)


ADMIN_ACTIONS = {
    ADDITION: AuditAction.ADMIN_ADD,
    CHANGE: AuditAction.ADMIN_CHANGE,
    DELETION: AuditAction.ADMIN_DELETE,
}


def audit_log_record(
    *,
    actor: User,
    action: str,
    target: models.Model | None,
    reason: str = "",
    changed_fields: Iterable[str] = (),
) -> AuditLogEntry:
    """Append one entry to the audit log (call it inside the action's transaction)."""
    return AuditLogEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_repr=audit_target_label(target)[:200] if target is not None else "",
        reason=reason,
        changed_fields=list(changed_fields),
    )


def audit_log_record_admin_change(*, log_entry: LogEntry) -> AuditLogEntry | None:
    """Copy a Django admin LogEntry to the audit log: who, which row, which fields; no values."""
    action = ADMIN_ACTIONS.get(log_entry.action_flag)
    content_type = log_entry.content_type
    model = content_type.model_class() if content_type else None
    if action is None or model is None:
        return None
    # A key that is not a number might be personal (an e-mail address): the type alone, then.
    number = int(log_entry.object_id) if str(log_entry.object_id).isdigit() else None
    target = model._base_manager.filter(pk=number).first() if number is not None else None
    if target is not None:
        label = audit_target_label(target)
    else:  # already deleted (a bulk delete is copied after it ran), or no numeric key
        label = capfirst(content_type.name) + (f" #{number}" if number is not None else "")
    return AuditLogEntry.objects.create(
        actor_id=log_entry.user_id,
        action=action,
        target_type=content_type,
        target_id=number,
        target_repr=label[:200],
        changed_fields=admin_changed_fields(log_entry.change_message),
    )


def admin_changed_fields(change_message: str) -> list[str]:
    """The field names in an admin change message ("Title", "milestone: Amount"), no values.

    Django writes it as JSON; the `object` it names for inline rows is the row's text, which can
    be personal, so only the related model's name is kept. Free text is not parsed at all.
    """
    try:
        parts = json.loads(change_message or "[]")
    except ValueError:
        return []
    if not isinstance(parts, list):
        return []
    names: list[str] = []
    for part in parts:
        if not isinstance(part, dict):
            continue
        for verb, detail in part.items():
            detail = detail if isinstance(detail, dict) else {}
            inline = detail.get("name")
            if verb == "changed":
                names += [f"{inline}: {f}" if inline else str(f) for f in detail.get("fields", [])]
            elif verb in {"added", "deleted"} and inline:
                names.append(f"{inline} ({verb})")
    return names


def report_create(
    *, reporter: User, target: models.Model, reason: str, details: str = ""
) -> Report:
    """Record a user's report about a project, a profile or a message; once while it is open."""
    if not isinstance(target, REPORTABLE_MODELS):
        raise ValidationError(REPORT_UNSUPPORTED)
    if isinstance(target, User) and target.pk == reporter.pk:
        raise ValidationError(REPORT_SELF)
    if isinstance(target, Project) and target.employer_id == reporter.pk:
        raise ValidationError(REPORT_OWN_PROJECT)
    if isinstance(target, Message) and target.sender_id == reporter.pk:
        raise ValidationError(REPORT_OWN_MESSAGE)
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": "Choose the reason closest to what is wrong."})
    details = details.strip()
    if reason == Report.Reason.OTHER and not details:
        raise ValidationError({"details": "Tell us what is wrong: “Something else” needs details."})
    if len(details) > REPORT_DETAILS_MAX:
        raise ValidationError(
            {"details": f"Keep the details under {REPORT_DETAILS_MAX:,} characters."}
        )
    target_type = ContentType.objects.get_for_model(target)
    open_reports = Report.objects.filter(
        reporter=reporter, target_type=target_type, target_id=target.pk, status=Report.Status.OPEN
    )
    if open_reports.exists():
        raise ValidationError(REPORT_DUPLICATE, code="duplicate")
    try:
        with transaction.atomic():
            return Report.objects.create(
                reporter=reporter,
                target_type=target_type,
                target_id=target.pk,
                reason=reason,
                details=details,
            )
    except IntegrityError as error:
        # The same person reported twice at once: the database kept one.
        raise ValidationError(REPORT_DUPLICATE, code="duplicate") from error


def _require_staff(actor: User) -> None:
    if not (actor.is_active and actor.is_staff):
        raise ValidationError(NOT_STAFF)


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    return reason


def project_hide(*, project: Project, actor: User, reason: str) -> Project:
    """Hide a project from everyone but its owner, with the reason shown to them."""
    _require_staff(actor)
    reason = _require_reason(reason)
    with transaction.atomic():
        project.is_hidden = True
        project.hidden_reason = reason[:300]
        project.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
        audit_log_record(
            actor=actor, action=AuditAction.PROJECT_HIDE, target=project, reason=reason
        )
    return project


def project_restore(*, project: Project, actor: User, reason: str = "") -> Project:
    """Show a hidden project again."""
    _require_staff(actor)
    if not project.is_hidden:
        raise ValidationError("This project is not hidden.")
    with transaction.atomic():
        project.is_hidden = False
        project.hidden_reason = ""
        project.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
        audit_log_record(
            actor=actor, action=AuditAction.PROJECT_RESTORE, target=project, reason=reason.strip()
        )
    return project


def user_suspend(*, user: User, actor: User, reason: str) -> User:
    """Suspend an account: it can no longer log in, and its open sessions stop working."""
    _require_staff(actor)
    reason = _require_reason(reason)
    if user.pk == actor.pk:
        raise ValidationError("You cannot suspend your own account.")
    if user.is_superuser:
        raise ValidationError("A superuser cannot be suspended here; remove the status first.")
    if not user.is_active:
        raise ValidationError("This account is already suspended.")
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_log_record(actor=actor, action=AuditAction.USER_SUSPEND, target=user, reason=reason)
    return user


def user_restore(*, user: User, actor: User, reason: str = "") -> User:
    """Let a suspended account log in again."""
    _require_staff(actor)
    if user.is_active:
        raise ValidationError("This account is not suspended.")
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_log_record(
            actor=actor, action=AuditAction.USER_RESTORE, target=user, reason=reason.strip()
        )
    return user


def message_hide(*, message: Message, actor: User, reason: str) -> Message:
    """Replace a message, for both parties, by a note that a moderator removed it."""
    _require_staff(actor)
    reason = _require_reason(reason)
    if message.is_hidden:
        raise ValidationError("This message is already hidden.")
    with transaction.atomic():
        message.is_hidden = True
        message.save(update_fields=["is_hidden"])
        audit_log_record(
            actor=actor, action=AuditAction.MESSAGE_HIDE, target=message, reason=reason
        )
    return message


def message_restore(*, message: Message, actor: User, reason: str = "") -> Message:
    """Show a hidden message again."""
    _require_staff(actor)
    if not message.is_hidden:
        raise ValidationError("This message is not hidden.")
    with transaction.atomic():
        message.is_hidden = False
        message.save(update_fields=["is_hidden"])
        audit_log_record(
            actor=actor, action=AuditAction.MESSAGE_RESTORE, target=message, reason=reason.strip()
        )
    return message


def report_resolve(*, report: Report, actor: User, note: str) -> Report:
    """Close a report as acted upon, and tell the reporter."""
    return _report_close(
        report=report,
        actor=actor,
        note=note,
        status=Report.Status.RESOLVED,
        action=AuditAction.REPORT_RESOLVE,
        title="We acted on your report",
    )


def report_dismiss(*, report: Report, actor: User, note: str) -> Report:
    """Close a report as needing no action, and tell the reporter."""
    return _report_close(
        report=report,
        actor=actor,
        note=note,
        status=Report.Status.DISMISSED,
        action=AuditAction.REPORT_DISMISS,
        title="We reviewed your report",
    )


def _report_close(
    *, report: Report, actor: User, note: str, status: str, action: str, title: str
) -> Report:
    _require_staff(actor)
    note = _require_reason(note)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != Report.Status.OPEN:
            raise ValidationError(
                REPORT_NOT_OPEN.format(status=report.get_status_display().lower())
            )
        report.status = status
        report.resolved_by = actor
        report.resolution_note = note
        report.resolved_at = timezone.now()
        report.save(update_fields=["status", "resolved_by", "resolution_note", "resolved_at"])
        audit_log_record(actor=actor, action=action, target=report, reason=note)
        notify(
            user=report.reporter,
            kind=NotificationKind.REPORT_RESOLVED,
            title=title,
            body=(
                f"Your report ({report.get_reason_display().lower()}) is closed: "
                f"{report.get_status_display().lower()}. Note from our team: {note}"
            ),
            event_key=f"report:{report.pk}:closed",
        )
    return report
