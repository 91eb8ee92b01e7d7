"""Moderation: reporting, the staff services, and the append-only audit log."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import AuditLogEntry, Notification, NotificationKind, Project, Report
from projects.services.moderation import (
    REASON_REQUIRED,
    REPORT_DUPLICATE,
    REPORT_OWN_MESSAGE,
    REPORT_OWN_PROJECT,
    REPORT_SELF,
    message_hide,
    message_restore,
    project_hide,
    project_restore,
    report_create,
    report_dismiss,
    report_resolve,
    user_restore,
    user_suspend,
)
from tests.factories import (
    PASSWORD,
    EmployerFactory,
    FreelancerFactory,
    MessageFactory,
    ProjectFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

REPORT = reverse("projects:report-create")


def audit_entries(action):
    return list(AuditLogEntry.objects.filter(action=action))


# --- report_create -----------------------------------------------------------------------------
@pytest.mark.parametrize("target_kind", ["project", "user", "message"])
def test_a_user_reports_a_project_a_profile_or_a_message(freelancer, target_kind):
    message = MessageFactory(thread__freelancer=freelancer)
    target = {
        "project": ProjectFactory(),
        "user": EmployerFactory(),
        "message": message,
    }[target_kind]

    report = report_create(reporter=freelancer, target=target, reason="spam", details=" Ads ")

    assert report.target == target
    assert report.status == Report.Status.OPEN
    assert report.details == "Ads"


def test_reporting_twice_while_open_writes_nothing_new(freelancer):
    project = ProjectFactory()
    report_create(reporter=freelancer, target=project, reason="spam")

    with pytest.raises(ValidationError) as error:
        report_create(reporter=freelancer, target=project, reason="scam")

    assert error.value.messages == [REPORT_DUPLICATE]
    assert Report.objects.count() == 1


def test_after_a_report_is_closed_the_same_thing_can_be_reported_again(freelancer, staff):
    project = ProjectFactory()
    report = report_create(reporter=freelancer, target=project, reason="spam")
    report_dismiss(report=report, actor=staff, note="Looks fine")

    report_create(reporter=freelancer, target=project, reason="scam")

    assert Report.objects.count() == 2


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda user: user, REPORT_SELF),
        (lambda user: ProjectFactory(employer=user), REPORT_OWN_PROJECT),
        (lambda user: MessageFactory(thread__project__employer=user), REPORT_OWN_MESSAGE),
    ],
    ids=["self", "own-project", "own-message"],
)
def test_you_cannot_report_yourself_or_your_own_things(employer, make_target, message):
    with pytest.raises(ValidationError) as error:
        report_create(reporter=employer, target=make_target(employer), reason="spam")

    assert error.value.messages == [message]
    assert not Report.objects.exists()


def test_other_needs_details(freelancer):
    with pytest.raises(ValidationError) as error:
        report_create(reporter=freelancer, target=ProjectFactory(), reason="other")

    assert "details" in error.value.message_dict


def test_only_reportable_things_can_be_reported(freelancer):
    with pytest.raises(ValidationError):
        report_create(reporter=freelancer, target=freelancer.freelancer_profile, reason="spam")


# --- staff services ------------------------------------------------------------------------------
def test_hiding_a_project_records_why(staff):
    project = ProjectFactory()

    project_hide(project=project, actor=staff, reason="Asks for payment off-platform")

    project.refresh_from_db()
    assert project.is_hidden
    assert project.hidden_reason == "Asks for payment off-platform"
    assert project not in Project.objects.visible()
    (entry,) = audit_entries("project_hide")
    assert entry.actor == staff
    assert entry.target_id == project.pk
    assert entry.target_type == ContentType.objects.get_for_model(Project)
    assert entry.reason == "Asks for payment off-platform"


def test_hiding_without_a_reason_is_refused(staff):
    project = ProjectFactory()

    with pytest.raises(ValidationError) as error:
        project_hide(project=project, actor=staff, reason="  ")

    assert error.value.message_dict == {"reason": [REASON_REQUIRED]}
    project.refresh_from_db()
    assert not project.is_hidden
    assert not AuditLogEntry.objects.exists()


def test_only_staff_can_moderate(employer):
    project = ProjectFactory()

    with pytest.raises(ValidationError):
        project_hide(project=project, actor=employer, reason="I don't like it")

    assert not AuditLogEntry.objects.exists()


def test_restoring_a_project(staff):
    project = ProjectFactory(is_hidden=True, hidden_reason="Spam")

    project_restore(project=project, actor=staff)

    project.refresh_from_db()
    assert not project.is_hidden
    assert project.hidden_reason == ""
    assert len(audit_entries("project_restore")) == 1
    with pytest.raises(ValidationError):
        project_restore(project=project, actor=staff)


def test_a_suspended_user_cannot_log_in_until_restored(client, staff):
    user = FreelancerFactory()

    user_suspend(user=user, actor=staff, reason="Scam reports")

    def log_in():
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        return client.session.get("_auth_user_id")

    assert log_in() is None

    user_restore(user=user, actor=staff, reason="Appeal accepted")

    assert log_in() == str(user.pk)
    assert [e.action for e in AuditLogEntry.objects.order_by("id")] == [
        "user_suspend",
        "user_restore",
    ]


def test_suspending_ends_an_open_session(client, staff):
    user = FreelancerFactory()
    client.force_login(user)

    user_suspend(user=user, actor=staff, reason="Scam")

    response = client.get(reverse("projects:inbox"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_cannot_suspend_themselves(staff):
    with pytest.raises(ValidationError):
        user_suspend(user=staff, actor=staff, reason="Oops")

    staff.refresh_from_db()
    assert staff.is_active


def test_hiding_and_restoring_a_message(staff):
    message = MessageFactory()

    message_hide(message=message, actor=staff, reason="Abusive")
    message.refresh_from_db()
    assert message.is_hidden

    message_restore(message=message, actor=staff)
    message.refresh_from_db()
    assert not message.is_hidden
    assert AuditLogEntry.objects.count() == 2


@pytest.mark.parametrize(
    ("close", "status"),
    [(report_resolve, Report.Status.RESOLVED), (report_dismiss, Report.Status.DISMISSED)],
)
def test_closing_a_report_tells_the_reporter(staff, close, status):
    report = ReportFactory()

    close(report=report, actor=staff, note="We looked into it")

    report.refresh_from_db()
    assert report.status == status
    assert report.resolved_by == staff
    assert report.resolved_at is not None
    notification = Notification.objects.get(user=report.reporter)
    assert notification.kind == NotificationKind.REPORT_RESOLVED
    assert "We looked into it" in notification.body
    assert AuditLogEntry.objects.get().target_id == report.pk
    with pytest.raises(ValidationError):
        close(report=report, actor=staff, note="Again")
    assert AuditLogEntry.objects.count() == 1


# --- the audit log is append-only ----------------------------------------------------------------
def test_an_audit_entry_cannot_be_changed_or_deleted(staff):
    project_hide(project=ProjectFactory(), actor=staff, reason="Spam")
    entry = AuditLogEntry.objects.get()

    entry.reason = "Nothing to see"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()

    assert AuditLogEntry.objects.get().reason == "Spam"


# --- the report page ---------------------------------------------------------------------------
def report_url(kind, pk):
    return f"{REPORT}?target={kind}&id={pk}"


def test_anonymous_visitors_log_in_before_reporting(client):
    project = ProjectFactory()

    response = client.get(report_url("project", project.pk))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_form_names_what_is_reported_and_creates_the_report(client, freelancer):
    project = ProjectFactory(title="Too good to be true")
    client.force_login(freelancer)

    page = client.get(report_url("project", project.pk))
    assert "Too good to be true" in page.content.decode()

    response = client.post(
        REPORT, {"target": "project", "id": project.pk, "reason": "scam", "details": "Wire me"}
    )

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.target, report.reporter, report.details) == (project, freelancer, "Wire me")


def test_reporting_twice_on_the_page_says_it_is_being_looked_at(client, freelancer):
    project = ProjectFactory()
    ReportFactory(reporter=freelancer, target=project)
    client.force_login(freelancer)

    page = client.get(report_url("project", project.pk)).content.decode()
    assert REPORT_DUPLICATE in page

    response = client.post(
        REPORT, {"target": "project", "id": project.pk, "reason": "spam"}, follow=True
    )
    assert REPORT_DUPLICATE in response.content.decode()
    assert Report.objects.count() == 1


def test_a_missing_reason_keeps_the_details(client, freelancer):
    project = ProjectFactory()
    client.force_login(freelancer)

    response = client.post(REPORT, {"target": "project", "id": project.pk, "details": "Kept"})

    assert response.status_code == 200
    assert "Choose the reason closest" in response.content.decode()
    assert "Kept</textarea>" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "target=project&id={draft}",
        "target=message&id={message}",
        "target=thing&id=1",
        "target=user&id=x",
    ],
)
def test_what_the_user_cannot_see_answers_404(client, freelancer, query):
    draft = ProjectFactory(status=Project.Status.DRAFT, published_at=None)
    message = MessageFactory()  # in a thread the freelancer is not part of
    client.force_login(freelancer)

    response = client.get(f"{REPORT}?{query.format(draft=draft.pk, message=message.pk)}")

    assert response.status_code == 404


def test_a_party_can_report_a_message_in_their_thread(client, freelancer):
    message = MessageFactory(thread__freelancer=freelancer, body="Pay me in gift cards")
    client.force_login(freelancer)

    response = client.post(REPORT, {"target": "message", "id": message.pk, "reason": "scam"})

    assert response.status_code == 302
    assert response.url == reverse("projects:thread-detail", args=[message.thread_id])
    assert Report.objects.get().target == message


def test_reporting_yourself_says_why_on_the_page(client, freelancer):
    client.force_login(freelancer)

    response = client.post(REPORT, {"target": "user", "id": freelancer.pk, "reason": "fake"})

    assert REPORT_SELF in response.content.decode()
    assert not Report.objects.exists()


def test_next_must_stay_on_the_site(client, freelancer):
    project = ProjectFactory()
    client.force_login(freelancer)

    response = client.post(
        REPORT,
        {"target": "project", "id": project.pk, "reason": "spam", "next": "https://evil.example/"},
    )

    assert response.url == reverse("projects:dashboard")
