"""Signals projects sends so that higher apps can react without projects importing them, and
the receivers projects connects to Django's own signals (AppConfig.ready imports this module)."""

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

# Sent inside project_publish's transaction with `project`; receivers defer their work to
# transaction.on_commit, so nothing happens for a publish that rolls back.
project_published = Signal()


@receiver(post_save, sender=LogEntry, dispatch_uid="projects.admin_change_audit")
def admin_change_audit(sender, instance: LogEntry, created: bool, raw: bool = False, **kwargs):
    """Every add, change or delete in the Django admin is copied to the audit log.

    Django writes one LogEntry with save() (in the admin's transaction) and several with
    bulk_create, which sends no signal: projects/admin/audit_log.py copies those.
    """
    if created and not raw:
        # Imported here: the services import models whose modules import this one.
        from projects.services.moderation import audit_log_record_admin_change

        audit_log_record_admin_change(log_entry=instance)
