"""The audit log becomes append-only in the database, and free of personal text.

1. `changed_fields` (names of fields changed in the admin, never values) and the action choices.
2. Existing rows named their target by its text (`str(target)`: a user's e-mail address, a
   message's first words). Account deletion cannot purge audit rows, so that text is rewritten,
   once, to the target's type and id ("User #12", "Message #40 in thread #7"), before step 3
   makes rows unchangeable. `reason` is the staff member's own words and is kept.
3. Triggers refuse every UPDATE and DELETE of a row, whoever sends it (ORM, raw SQL, a shell):
   a plpgsql function on PostgreSQL, RAISE(ABORT) triggers on SQLite. Both raise an integrity
   error. TRUNCATE (PostgreSQL) and DROP TABLE are not row operations and stay possible for
   whoever owns the database; Django's test flush relies on that (tests/conftest.py has the
   SQLite side of it).

On SQLite, Django rebuilds a table to alter it, which drops its triggers: a later migration that
alters this model must create them again (tests/projects/test_audit_log.py fails if they are
missing).
"""

from django.db import migrations, models
from django.utils.text import capfirst

TABLE = "projects_auditlogentry"

POSTGRESQL_CREATE = f"""
CREATE OR REPLACE FUNCTION {TABLE}_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % refused on {TABLE}.', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER {TABLE}_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_change();
"""
POSTGRESQL_DROP = f"""
DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};
DROP FUNCTION IF EXISTS {TABLE}_refuse_change();
"""
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER {TABLE}_no_{operation.lower()} BEFORE {operation} ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'The audit log is append-only: {operation} refused on {TABLE}.');
    END;
    """
    for operation in ("UPDATE", "DELETE")
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_no_{op};" for op in ("update", "delete")]


def triggers_create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": [POSTGRESQL_CREATE], "sqlite": SQLITE_CREATE}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"No append-only triggers written for {vendor}.")
    for sql in statements:
        schema_editor.execute(sql, params=None)


def triggers_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": [POSTGRESQL_DROP], "sqlite": SQLITE_DROP}.get(vendor, []):
        schema_editor.execute(sql, params=None)


def target_repr_depersonalise(apps, schema_editor):
    """The label projects.models.audit_target_label gives, from the historical models."""
    entry_model = apps.get_model("projects", "AuditLogEntry")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    types = content_type_model.objects.in_bulk()

    def type_name(type_id) -> str:
        content_type = types.get(type_id)
        if content_type is None:
            return "Deleted type"
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            return capfirst(content_type.model)
        return capfirst(model._meta.verbose_name)

    for entry in entry_model.objects.filter(target_type__isnull=False).iterator():
        label = f"{type_name(entry.target_type_id)} #{entry.target_id}"
        content_type = types[entry.target_type_id]
        if (content_type.app_label, content_type.model) == ("projects", "message"):
            message = apps.get_model("projects", "Message").objects.filter(pk=entry.target_id)
            if thread_id := message.values_list("thread_id", flat=True).first():
                label += f" in thread #{thread_id}"
        elif (content_type.app_label, content_type.model) == ("projects", "report"):
            report = apps.get_model("projects", "Report").objects.filter(pk=entry.target_id)
            if about := report.values_list("target_type_id", "target_id").first():
                label += f" about {type_name(about[0])} #{about[1]}"
        entry_model.objects.filter(pk=entry.pk).update(target_repr=label[:200])
    entry_model.objects.filter(target_type__isnull=True).update(target_repr="")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("projects", "0008_jobs_weekly_limit_automation_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditlogentry",
            name="changed_fields",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AlterField(
            model_name="auditlogentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("project_hide", "Hid a project"),
                    ("project_restore", "Restored a project"),
                    ("user_suspend", "Suspended a user"),
                    ("user_restore", "Restored a user"),
                    ("message_hide", "Hid a message"),
                    ("message_restore", "Restored a message"),
                    ("report_resolve", "Resolved a report"),
                    ("report_dismiss", "Dismissed a report"),
                    ("admin_add", "Added in the admin"),
                    ("admin_change", "Changed in the admin"),
                    ("admin_delete", "Deleted in the admin"),
                    ("messages_read", "Opened someone's messages"),
                    ("export_read", "Opened someone's data export"),
                ],
                db_index=True,
                max_length=40,
            ),
        ),
        migrations.AlterField(
            model_name="auditlogentry",
            name="target_repr",
            field=models.CharField(max_length=200, verbose_name="target"),
        ),
        migrations.RunPython(target_repr_depersonalise, migrations.RunPython.noop),
        migrations.RunPython(triggers_create, triggers_drop),
    ]
