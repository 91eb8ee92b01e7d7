"""Notifications: recorded once, e-mailed once and only when wanted, listed, read, configured."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Notification, NotificationKind, NotificationPreference
from projects.services.notification_email import EMAILED_BY_DEFAULT
from projects.services.notifications import (
    notification_mark_all_read,
    notification_preferences_update,
    notify,
)
from projects.tasks import notification_email_send
from tests.factories import FreelancerFactory, NotificationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("projects:notification-list")
PREFERENCES = reverse("projects:notification-preferences")
LOGIN = reverse("account_login")


def notify_hired(user, key="contract:1:hired"):
    return notify(
        user=user,
        kind=NotificationKind.HIRED,
        title="You were hired",
        event_key=key,
        url="/contracts/1/",
    )


# --- recording and e-mailing -------------------------------------------------------------------
def test_notifying_twice_about_one_event_records_one_row(freelancer):
    assert notify_hired(freelancer) is not None
    assert notify_hired(freelancer) is None

    assert Notification.objects.filter(user=freelancer).count() == 1


def test_the_email_is_sent_after_commit(freelancer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_hired(freelancer)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [freelancer.email]
    assert mailoutbox[0].subject == "Gigwise: You were hired"
    assert Notification.objects.get().emailed_at is not None


def test_running_the_task_twice_sends_one_email(freelancer, mailoutbox):
    notification = NotificationFactory(user=freelancer, kind=NotificationKind.HIRED)

    assert notification_email_send(notification.pk) is True
    assert notification_email_send(notification.pk) is False

    assert len(mailoutbox) == 1


def test_a_kind_turned_off_is_not_emailed(freelancer, mailoutbox):
    notification_preferences_update(
        user=freelancer, emailed_kinds=set(EMAILED_BY_DEFAULT) - {"hired"}
    )
    notification = NotificationFactory(user=freelancer, kind=NotificationKind.HIRED)

    notification_email_send(notification.pk)

    assert mailoutbox == []
    assert Notification.objects.get().emailed_at is None


def test_a_kind_not_emailed_by_default_can_be_turned_on(freelancer, mailoutbox):
    notification = NotificationFactory(user=freelancer, kind=NotificationKind.REPORT_RESOLVED)
    notification_email_send(notification.pk)
    assert mailoutbox == []

    notification_preferences_update(user=freelancer, emailed_kinds={"report_resolved"})
    notification_email_send(notification.pk)

    assert len(mailoutbox) == 1


def test_a_suspended_user_gets_no_email(freelancer, mailoutbox):
    notification = NotificationFactory(user=freelancer, kind=NotificationKind.HIRED)
    freelancer.is_active = False
    freelancer.save()

    notification_email_send(notification.pk)

    assert mailoutbox == []


def test_unknown_kinds_in_preferences_are_refused(freelancer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        notification_preferences_update(user=freelancer, emailed_kinds={"lottery_won"})
    assert not NotificationPreference.objects.exists()


# --- pages -------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", [LIST, PREFERENCES])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


@pytest.mark.parametrize("role", ["freelancer", "employer", "staff"])
def test_the_list_shows_only_my_notifications_newest_first(client, request, role):
    user = request.getfixturevalue(role)
    NotificationFactory(user=user, title="Older news")
    NotificationFactory(user=user, title="Newer news")
    NotificationFactory(title="Someone else's news")
    client.force_login(user)

    html = client.get(LIST).content.decode()

    assert html.index("Newer news") < html.index("Older news")
    assert "Someone else" not in html


def test_the_bell_counts_unread_notifications(client, freelancer):
    NotificationFactory.create_batch(2, user=freelancer)
    client.force_login(freelancer)

    html = client.get(reverse("about")).content.decode()

    assert '2<span class="visually-hidden"> unread</span>' in html


def test_opening_one_marks_it_read_and_goes_to_its_page(client, freelancer):
    notification = NotificationFactory(user=freelancer, url="/contracts/7/")
    client.force_login(freelancer)

    response = client.post(reverse("projects:notification-read", args=[notification.pk]))

    assert response.status_code == 302
    assert response.url == "/contracts/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_an_offsite_url_is_not_followed(client, freelancer):
    notification = NotificationFactory(user=freelancer, url="https://evil.example/")
    client.force_login(freelancer)

    response = client.post(reverse("projects:notification-read", args=[notification.pk]))

    assert response.url == LIST


@pytest.mark.parametrize("role", ["employer", "staff"])
def test_someone_elses_notification_answers_404(client, request, freelancer, role):
    notification = NotificationFactory(user=freelancer)
    client.force_login(request.getfixturevalue(role))

    response = client.post(reverse("projects:notification-read", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_marking_read_needs_a_post(client, freelancer):
    notification = NotificationFactory(user=freelancer)
    client.force_login(freelancer)

    assert (
        client.get(reverse("projects:notification-read", args=[notification.pk])).status_code == 405
    )


def test_mark_all_read_leaves_other_users_alone(client, freelancer):
    NotificationFactory.create_batch(3, user=freelancer)
    other = NotificationFactory()
    client.force_login(freelancer)

    response = client.post(reverse("projects:notification-read-all"))

    assert response.status_code == 302
    assert not Notification.objects.filter(user=freelancer, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None
    assert notification_mark_all_read(user=freelancer) == 0


def test_preferences_show_the_defaults(client, freelancer):
    client.force_login(freelancer)

    html = client.get(PREFERENCES).content.decode()

    for kind in NotificationKind.values:
        assert f'name="{kind}"' in html
    assert html.count("checked") == len(EMAILED_BY_DEFAULT)


def test_saving_preferences_turns_kinds_on_and_off(client, freelancer):
    client.force_login(freelancer)

    response = client.post(PREFERENCES, {"report_resolved": "on"})

    assert response.status_code == 302
    saved = dict(
        NotificationPreference.objects.filter(user=freelancer).values_list("kind", "email")
    )
    assert saved["report_resolved"] is True
    assert saved["hired"] is False
    assert len(saved) == len(NotificationKind.values)


def test_turning_every_kind_off_is_saved(client, freelancer):
    client.force_login(freelancer)

    client.post(PREFERENCES, {})

    assert not NotificationPreference.objects.filter(user=freelancer, email=True).exists()
    assert NotificationPreference.objects.filter(user=freelancer).count() == len(
        NotificationKind.values
    )


def test_the_list_queries_do_not_grow_with_notifications(client):
    user = FreelancerFactory()
    client.force_login(user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    NotificationFactory.create_batch(3, user=user)
    few = count()
    NotificationFactory.create_batch(12, user=user)
    many = count()

    assert few == many
