"""The audit log: append-only down to the database, free of personal text, and fed by every
staff action in the admin (moderation, data changes, opening someone's messages)."""

import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from accounts.models import User
from projects.models import AuditLogEntry, Message, Notification, Project
from projects.services.moderation import (
    admin_changed_fields,
    audit_log_record,
    message_hide,
    project_hide,
    report_resolve,
    user_suspend,
)
from tests.factories import (
    FreelancerFactory,
    MessageFactory,
    NotificationFactory,
    ProjectFactory,
    ReportFactory,
    StaffFactory,
    ThreadFactory,
)

TABLE = AuditLogEntry._meta.db_table


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


@pytest.fixture
def entry(staff):
    return audit_log_record(
        actor=staff, action="project_hide", target=ProjectFactory(), reason="Spam"
    )


# --- Append-only, down to the database ------------------------------------------------------
def refused(run) -> str:
    """Run a write that the database must refuse; return its error."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        run()
    return str(error.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write",
    [
        lambda pk: AuditLogEntry.objects.filter(pk=pk).update(reason="Nothing happened"),
        lambda pk: AuditLogEntry.objects.filter(pk=pk).update(target_repr="someone@example.com"),
        lambda pk: AuditLogEntry.objects.filter(pk=pk).delete(),
        lambda pk: AuditLogEntry.objects.all().delete(),
    ],
    ids=["update reason", "update target", "delete one", "delete all"],
)
def test_the_database_refuses_to_change_or_delete_rows_from_the_orm(entry, write):
    assert "append-only" in refused(lambda: write(entry.pk))

    assert AuditLogEntry.objects.get(pk=entry.pk).reason == "Spam"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {TABLE} SET reason = 'rewritten' WHERE id = %s",
        f"UPDATE {TABLE} SET created_at = created_at WHERE id = %s",
        f"DELETE FROM {TABLE} WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_sql_updates_and_deletes(entry, sql):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])

    assert "append-only" in refused(run)
    assert AuditLogEntry.objects.get(pk=entry.pk).reason == "Spam"


@pytest.mark.django_db
def test_new_rows_are_still_written(entry, staff):
    audit_log_record(actor=staff, action="user_restore", target=None, reason="Appeal accepted")

    assert AuditLogEntry.objects.count() == 2


@pytest.mark.django_db
def test_the_model_refuses_before_the_database_is_asked(entry):
    entry.reason = "Changed"
    with pytest.raises(ValidationError, match="append-only"):
        entry.save()
    with pytest.raises(ValidationError, match="append-only"):
        entry.delete()


@pytest.mark.django_db
def test_an_actor_in_the_log_cannot_be_deleted(entry, staff):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError), transaction.atomic():
        staff.delete()

    assert AuditLogEntry.objects.filter(actor=staff).exists()


@pytest.mark.django_db
def test_the_triggers_exist_after_every_migration():
    """On SQLite a migration that alters the table rebuilds it and drops its triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        names = {row[0] for row in cursor.fetchall()}
    expected = {
        "postgresql": {f"{TABLE}_append_only"},
        "sqlite": {f"{TABLE}_no_update", f"{TABLE}_no_delete"},
    }[connection.vendor]
    assert names == expected


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_ends_with_rows_in_the_log():
    """Django's flush after this test (DELETE on SQLite, TRUNCATE on PostgreSQL) must pass:
    tests/conftest.py lifts SQLite's trigger around it. The next test checks it came back."""
    audit_log_record(actor=StaffFactory(), action="project_hide", target=ProjectFactory())
    assert AuditLogEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_log_is_empty_and_still_append_only():
    assert not AuditLogEntry.objects.exists()
    entry = audit_log_record(actor=StaffFactory(), action="project_hide", target=None)
    assert "append-only" in refused(lambda: AuditLogEntry.objects.filter(pk=entry.pk).delete())
    test_the_triggers_exist_after_every_migration()


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewrites_old_personal_targets_then_locks_the_rows():
    """Rows written before 0009 named their target by its text; after it, by type and id."""
    executor = MigrationExecutor(connection)
    executor.migrate([("projects", "0008_jobs_weekly_limit_automation_kinds")])
    staff, user = StaffFactory(), FreelancerFactory(email="suspended.person@example.com")
    message = MessageFactory(body="My phone number is 555 0100")
    with connection.cursor() as cursor:
        for target, text in [(user, str(user.email)), (message, message.body[:40])]:
            content_type = ContentType.objects.get_for_model(target)
            cursor.execute(
                f"INSERT INTO {TABLE} (actor_id, action, target_type_id, target_id, target_repr,"
                " reason, created_at) VALUES (%s, 'user_suspend', %s, %s, %s, 'Spam', %s)",
                [staff.pk, content_type.pk, target.pk, text, "2026-01-01 00:00:00+00:00"],
            )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("projects"))
    finally:
        call_command("migrate", verbosity=0)  # whatever happened, leave the schema as found

    labels = sorted(AuditLogEntry.objects.values_list("target_repr", flat=True))
    assert labels == sorted(
        [f"User #{user.pk}", f"Message #{message.pk} in thread #{message.thread_id}"]
    )
    assert set(AuditLogEntry.objects.values_list("reason", flat=True)) == {"Spam"}
    assert "append-only" in refused(lambda: AuditLogEntry.objects.update(reason=""))


# --- No personal text: targets are named by type and number ----------------------------------
@pytest.mark.django_db
def test_moderation_names_targets_by_type_and_number_only(staff):
    user = FreelancerFactory(email="ada.lovelace@example.com", first_name="Ada")
    message = MessageFactory(body="Pay me on PayPal at ada.lovelace@example.com")
    project = ProjectFactory(title="Ada's secret payroll project")
    report = ReportFactory(target=project)

    user_suspend(user=user, actor=staff, reason="Scam reports")
    message_hide(message=message, actor=staff, reason="Off-platform payment")
    report_resolve(report=report, actor=staff, note="Hid it")

    labels = dict(AuditLogEntry.objects.values_list("action", "target_repr"))
    assert labels == {
        "user_suspend": f"User #{user.pk}",
        "message_hide": f"Message #{message.pk} in thread #{message.thread_id}",
        "report_resolve": f"Report #{report.pk} about Project #{project.pk}",
    }
    rows = json.dumps(list(AuditLogEntry.objects.values("target_repr", "changed_fields")))
    for personal in ("ada", "Ada", "PayPal", "payroll"):
        assert personal not in rows


# --- Data changes in the admin ---------------------------------------------------------------
@pytest.mark.django_db
def test_a_change_in_the_admin_logs_the_field_names_never_the_values(staff_client, staff):
    project = ProjectFactory(title="Old title", duration_weeks=6)
    page = staff_client.get(admin_url(Project, "change", project.pk))
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data |= {"title": "New title for the clinic of Dr Ada", "duration_weeks": "9"}
    response = staff_client.post(admin_url(Project, "change", project.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditLogEntry.objects.get(action="admin_change")
    assert (entry.actor, entry.target_type.model, entry.target_id) == (staff, "project", project.pk)
    assert entry.target_repr == f"Project #{project.pk}"
    # (Other names may come along: the form round trip re-posts some fields differently.)
    assert {"Duration weeks", "Title"} <= set(entry.changed_fields)
    # The repr is checked whole above (its number is the project's id); the rest carries no value.
    text = json.dumps([entry.changed_fields, entry.reason])
    assert "Ada" not in text
    assert "9" not in text


@pytest.mark.django_db
def test_adding_and_deleting_in_the_admin_are_logged(staff_client, staff):
    response = staff_client.post(
        admin_url(User, "add"),
        {
            "email": "new.person@example.com",
            "role": "employer",
            "usable_password": "true",
            "password1": "plum-orchard-sunset-42",
            "password2": "plum-orchard-sunset-42",
        },
    )
    assert response.status_code == 302
    added = User.objects.get(email="new.person@example.com")
    entry = AuditLogEntry.objects.get(action="admin_add")
    assert (entry.target_id, entry.target_repr) == (added.pk, f"User #{added.pk}")

    project = ProjectFactory()
    response = staff_client.post(admin_url(Project, "delete", project.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    deleted = AuditLogEntry.objects.get(action="admin_delete")
    assert (deleted.target_id, deleted.target_repr) == (project.pk, f"Project #{project.pk}")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_a_bulk_delete_in_the_admin_logs_every_row_once(staff_client, staff, count):
    """Django logs one deletion with save() (post_save fires) and more with bulk_create."""
    projects = ProjectFactory.create_batch(count)
    staff_client.post(
        admin_url(Project, "changelist"),
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [p.pk for p in projects],
            "post": "yes",
        },
    )

    assert not Project.objects.filter(pk__in=[p.pk for p in projects]).exists()
    logged = AuditLogEntry.objects.filter(action="admin_delete", actor=staff)
    assert sorted(logged.values_list("target_id", flat=True)) == sorted(p.pk for p in projects)
    assert {e.target_repr for e in logged} == {f"Project #{p.pk}" for p in projects}


def test_change_messages_keep_field_and_model_names_not_inline_rows_text():
    message = json.dumps(
        [
            {"changed": {"fields": ["Title", "Budget max"]}},
            {"added": {"name": "milestone", "object": "Pay Ada Lovelace"}},
            {"changed": {"name": "milestone", "object": "Ada's deposit", "fields": ["Amount"]}},
            {"deleted": {"name": "skill", "object": "Secret skill"}},
        ]
    )

    assert admin_changed_fields(message) == [
        "Title",
        "Budget max",
        "milestone (added)",
        "milestone: Amount",
        "skill (deleted)",
    ]
    assert admin_changed_fields("Changed the e-mail to ada@example.com") == []
    assert admin_changed_fields("") == []


@pytest.mark.django_db
def test_a_log_entry_written_by_any_code_reaches_the_audit_log(staff):
    project = ProjectFactory()
    LogEntry.objects.log_actions(
        user_id=staff.pk,
        queryset=[project],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Status"]}}],
        single_object=True,
    )

    entry = AuditLogEntry.objects.get()
    assert (entry.action, entry.changed_fields) == ("admin_change", ["Status"])


# --- The audit log in the admin --------------------------------------------------------------
@pytest.mark.django_db
def test_staff_filter_and_search_the_log_in_the_admin(staff_client, staff):
    project = ProjectFactory()
    project_hide(project=project, actor=staff, reason="Crypto scam wave")
    other = StaffFactory()
    user_suspend(user=FreelancerFactory(), actor=other, reason="Fake profile")

    page = staff_client.get(admin_url(AuditLogEntry, "changelist"))
    html = page.content.decode()
    assert page.status_code == 200
    for title in ("By action", "By actor", "By target type", "By created at"):
        assert title in html
    assert "Crypto scam wave" in html
    assert f"Project #{project.pk}" in html

    by_action = staff_client.get(admin_url(AuditLogEntry, "changelist"), {"action": "user_suspend"})
    assert [e.reason for e in by_action.context["cl"].result_list] == ["Fake profile"]
    by_actor = staff_client.get(
        admin_url(AuditLogEntry, "changelist"), {"actor__id__exact": staff.pk}
    )
    assert [e.reason for e in by_actor.context["cl"].result_list] == ["Crypto scam wave"]
    found = staff_client.get(admin_url(AuditLogEntry, "changelist"), {"q": "scam wave"})
    assert [e.reason for e in found.context["cl"].result_list] == ["Crypto scam wave"]


@pytest.mark.django_db
def test_nobody_adds_changes_or_deletes_a_row_in_the_admin(staff_client, staff, entry):
    assert staff.is_superuser
    assert staff_client.get(admin_url(AuditLogEntry, "add")).status_code == 403
    assert staff_client.post(admin_url(AuditLogEntry, "add"), {"reason": "x"}).status_code == 403
    assert staff_client.get(admin_url(AuditLogEntry, "delete", entry.pk)).status_code == 403
    deleting = staff_client.post(admin_url(AuditLogEntry, "delete", entry.pk), {"post": "yes"})
    assert deleting.status_code == 403

    # The page opens read-only: no form field, no save button.
    page = staff_client.get(admin_url(AuditLogEntry, "change", entry.pk))
    assert page.status_code == 200
    assert 'name="reason"' not in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    changing = staff_client.post(
        admin_url(AuditLogEntry, "change", entry.pk), {"reason": "Nothing", "action": "x"}
    )
    assert changing.status_code == 403

    # The bulk delete is not offered, and posting it anyway deletes nothing.
    changelist = staff_client.get(admin_url(AuditLogEntry, "changelist"))
    assert "delete_selected" not in changelist.content.decode()
    staff_client.post(
        admin_url(AuditLogEntry, "changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [entry.pk], "post": "yes"},
    )
    entry_now = AuditLogEntry.objects.get(pk=entry.pk)
    assert (entry_now.reason, entry_now.action) == ("Spam", "project_hide")


# --- Sensitive reads: opening someone's messages ---------------------------------------------
BODY = "My new phone number is 555 0100, call me"


@pytest.fixture
def conversation(db):
    thread = ThreadFactory()
    first = MessageFactory(thread=thread, body=BODY)
    MessageFactory(thread=thread, body="Thanks, I will", sender=thread.freelancer)
    return thread, first


@pytest.mark.django_db
def test_opening_a_conversation_asks_why_first_and_records_the_read(
    staff_client, staff, conversation
):
    thread, message = conversation
    url = admin_url(type(thread), "change", thread.pk)

    asked = staff_client.get(url)
    assert asked.status_code == 200
    assert "Why are you opening this conversation?" in asked.content.decode()
    assert BODY not in asked.content.decode()
    assert not AuditLogEntry.objects.exists()

    empty = staff_client.post(url, {"read_reason": "  "})
    assert "Say why" in empty.content.decode()
    assert BODY not in empty.content.decode()
    assert not AuditLogEntry.objects.exists()

    opened = staff_client.post(url, {"read_reason": "Report #12: asks for payment off-site"})
    assert opened.status_code == 302
    assert opened.url == url
    entry = AuditLogEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (staff, "messages_read", thread.pk)
    assert entry.target_repr == f"Thread #{thread.pk}"
    assert entry.reason == "Report #12: asks for payment off-site"

    page = staff_client.get(url)
    assert BODY in page.content.decode()
    # Within the half hour the answer holds, for the thread and the messages it showed.
    assert BODY in staff_client.get(admin_url(Message, "change", message.pk)).content.decode()
    assert AuditLogEntry.objects.count() == 1


@pytest.mark.django_db
def test_opening_one_message_asks_why_and_does_not_open_its_thread(
    staff_client, staff, conversation
):
    thread, message = conversation
    url = admin_url(Message, "change", message.pk)
    assert BODY not in staff_client.get(url).content.decode()

    staff_client.post(url, {"read_reason": "Checking a harassment report"})

    assert BODY in staff_client.get(url).content.decode()
    entry = AuditLogEntry.objects.get()
    assert entry.target_repr == f"Message #{message.pk} in thread #{thread.pk}"
    assert (
        "Why are you opening"
        in staff_client.get(admin_url(type(thread), "change", thread.pk)).content.decode()
    )


@pytest.mark.django_db
def test_another_staff_member_is_asked_again(client, staff_login, conversation):
    thread, _message = conversation
    url = admin_url(type(thread), "change", thread.pk)
    first, second = StaffFactory(), StaffFactory()
    staff_login(client, first).post(url, {"read_reason": "Report"})
    client.logout()

    assert "Why are you opening" in staff_login(client, second).get(url).content.decode()


@pytest.mark.django_db
def test_lists_searches_and_action_pages_never_show_a_message_body(staff_client, conversation):
    _thread, message = conversation
    changelist = admin_url(Message, "changelist")

    assert BODY[:20] not in staff_client.get(changelist).content.decode()
    found = staff_client.get(changelist, {"q": "phone number"})
    assert list(found.context["cl"].result_list) == []
    action = staff_client.post(
        changelist, {"action": "hide_messages", ACTION_CHECKBOX_NAME: [message.pk]}
    )
    assert f"Message #{message.pk}" in action.content.decode()
    assert BODY[:20] not in action.content.decode()
    report = ReportFactory(target=message)
    report_page = staff_client.get(admin_url(type(report), "change", report.pk))
    assert BODY[:20] not in report_page.content.decode()
    assert f"?reason=Reviewing+report+%23{report.pk}" in report_page.content.decode()


@pytest.mark.django_db
def test_a_new_message_notification_does_not_show_its_quote_in_the_admin(staff_client):
    notification = NotificationFactory(title="New message", body=BODY)

    page = staff_client.get(admin_url(Notification, "change", notification.pk))

    assert page.status_code == 200
    assert BODY not in page.content.decode()
