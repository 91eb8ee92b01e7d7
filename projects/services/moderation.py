"""Reports from users and what staff do about them; every staff action is audit-logged."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from accounts.models import User
from projects.models import AuditLogEntry, Message, NotificationKind, Project, Report
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


class AuditAction(models.TextChoices):
    PROJECT_HIDE = "project_hide", "Hid a project"
    PROJECT_RESTORE = "project_restore", "Restored a project"
    USER_SUSPEND = "user_suspend", "Suspended a user"
    USER_RESTORE = "user_restore", "Restored a user"
    MESSAGE_HIDE = "message_hide", "Hid a message"
    MESSAGE_RESTORE = "message_restore", "Restored a message"
    REPORT_RESOLVE = "report_resolve", "Resolved a report"
    REPORT_DISMISS = "report_dismiss", "Dismissed a report"


REPORTABLE_MODELS = (Project, User, Message)


def audit_log_record(
    *, actor: User, action: str, target: models.Model | None, reason: str = ""
) -> AuditLogEntry:
    """Append one entry to the audit log (call it inside the action's transaction)."""
    return AuditLogEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_repr=str(target)[:200] if target is not None else "",
        reason=reason,
    )


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
