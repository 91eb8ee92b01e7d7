"""Staff moderate in the Django admin: actions ask why, call the services, and are audit-logged."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import User
from projects.models import AuditLogEntry, Message, Notification, Project, Report
from projects.services.moderation import project_hide
from tests.factories import FreelancerFactory, MessageFactory, ProjectFactory, ReportFactory

pytestmark = pytest.mark.django_db


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def run_action(client, model, action, objects, reason=None):
    data = {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]}
    if reason is not None:
        data |= {"apply": "1", "reason": reason}
    return client.post(changelist(model), data)


def test_hiding_asks_for_a_reason_first(staff_client):
    project = ProjectFactory(title="Crypto doubling")

    page = run_action(staff_client, Project, "hide_projects", [project])

    assert page.status_code == 200
    html = page.content.decode()
    assert "Crypto doubling" in html
    assert 'name="reason"' in html
    project.refresh_from_db()
    assert not project.is_hidden
    assert not AuditLogEntry.objects.exists()


def test_hiding_without_a_reason_changes_nothing(staff_client):
    project = ProjectFactory()

    page = run_action(staff_client, Project, "hide_projects", [project], reason="")

    assert "Say why" in page.content.decode()
    project.refresh_from_db()
    assert not project.is_hidden
    assert not AuditLogEntry.objects.exists()


def test_hiding_projects_with_a_reason(staff_client, staff):
    projects = ProjectFactory.create_batch(2)

    response = run_action(staff_client, Project, "hide_projects", projects, reason="Spam wave")

    assert response.status_code == 302
    assert Project.objects.filter(is_hidden=True, hidden_reason="Spam wave").count() == 2
    entries = AuditLogEntry.objects.filter(action="project_hide", actor=staff)
    assert sorted(e.target_id for e in entries) == sorted(p.pk for p in projects)


def test_restoring_a_project_needs_no_reason(staff_client, staff):
    project = ProjectFactory()
    project_hide(project=project, actor=staff, reason="Spam")

    run_action(staff_client, Project, "restore_projects", [project], reason="")

    project.refresh_from_db()
    assert not project.is_hidden
    assert AuditLogEntry.objects.filter(action="project_restore").count() == 1


def test_suspending_and_restoring_users(staff_client, staff):
    user = FreelancerFactory()

    run_action(staff_client, User, "suspend_users", [user], reason="Scam reports")
    user.refresh_from_db()
    assert not user.is_active

    run_action(staff_client, User, "restore_users", [user], reason="")
    user.refresh_from_db()
    assert user.is_active
    assert list(AuditLogEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "user_suspend",
        "user_restore",
    ]


def test_suspending_oneself_is_refused_with_a_message(staff_client, staff):
    response = run_action(staff_client, User, "suspend_users", [staff], reason="Oops")

    staff.refresh_from_db()
    assert staff.is_active
    assert not AuditLogEntry.objects.exists()
    page = staff_client.get(response.url).content.decode()
    assert "cannot suspend your own account" in page


def test_hiding_a_message(staff_client):
    message = MessageFactory()

    run_action(staff_client, Message, "hide_messages", [message], reason="Abusive")

    message.refresh_from_db()
    assert message.is_hidden
    assert AuditLogEntry.objects.get().action == "message_hide"


@pytest.mark.parametrize(
    ("action", "status", "logged"),
    [
        ("resolve_reports", Report.Status.RESOLVED, "report_resolve"),
        ("dismiss_reports", Report.Status.DISMISSED, "report_dismiss"),
    ],
)
def test_closing_reports_notifies_the_reporter(staff_client, action, status, logged):
    report = ReportFactory()

    run_action(staff_client, Report, action, [report], reason="Handled")

    report.refresh_from_db()
    assert report.status == status
    assert Notification.objects.filter(user=report.reporter, kind="report_resolved").exists()
    assert AuditLogEntry.objects.get().action == logged


def test_the_report_list_links_to_what_was_reported(staff_client):
    project = ProjectFactory(title="Suspicious gig")
    ReportFactory(target=project)

    html = staff_client.get(changelist(Report)).content.decode()

    assert "Suspicious gig" in html
    assert reverse("admin:projects_project_change", args=[project.pk]) in html


def test_the_audit_log_is_read_only_in_the_admin(staff_client, staff):
    project_hide(project=ProjectFactory(), actor=staff, reason="Spam")
    entry = AuditLogEntry.objects.get()
    url = reverse("admin:projects_auditlogentry_change", args=[entry.pk])

    page = staff_client.get(url)
    assert page.status_code == 200
    assert 'name="reason"' not in page.content.decode()  # shown, not editable

    staff_client.post(url, {"reason": "Rewritten", "action": "project_restore"})
    delete = staff_client.post(
        reverse("admin:projects_auditlogentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    add = staff_client.get(reverse("admin:projects_auditlogentry_add"))
    bulk = staff_client.post(
        changelist(AuditLogEntry),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [entry.pk], "post": "yes"},
    )

    assert delete.status_code == 403
    assert add.status_code == 403
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.reason == "Spam"
    assert AuditLogEntry.objects.count() == 1


def test_non_staff_cannot_run_actions(client, freelancer):
    project = ProjectFactory()
    client.force_login(freelancer)

    response = run_action(client, Project, "hide_projects", [project], reason="Mine now")

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    project.refresh_from_db()
    assert not project.is_hidden


def test_the_project_form_names_its_date_and_time_boxes(staff_client):
    project = ProjectFactory()

    html = staff_client.get(reverse("admin:projects_project_change", args=[project.pk]))

    # Django's split widget labels neither box; axe counts that as critical.
    boxes = re.findall(r'<input [^>]*id="id_published_at_\d"[^>]*>', html.text)
    assert len(boxes) == 2
    assert 'aria-label="Date"' in boxes[0]
    assert 'aria-label="Time"' in boxes[1]


def test_the_reason_page_fits_a_phone_and_ties_its_help_to_the_box(staff_client):
    html = run_action(staff_client, Project, "hide_projects", [ProjectFactory()]).text

    assert '<fieldset class="module aligned">' in html  # the admin's CSS fits it to a phone
    assert 'aria-describedby="id_reason_helptext"' in html
    assert 'id="id_reason_helptext"' in html
    assert "css/admin.css" in html  # breadcrumb links underlined (static/css/admin.css)
