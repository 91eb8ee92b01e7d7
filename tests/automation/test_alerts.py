"""Search alerts: new matching projects, ranked with reasons, sent once per person whatever
happens (a second run, a second worker, a crash mid-run and its retry)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from automation import tasks
from automation.models import AlertDelivery, SavedSearch
from automation.services import alerts
from automation.services.alerts import search_alerts_send
from projects.models import Job, Notification, NotificationKind, NotificationPreference
from tests.matching.helpers import freelancer_with

from .conftest import ago, publish, saved

pytestmark = pytest.mark.django_db


def test_an_instant_search_sends_new_matching_projects_ranked_with_reasons(market, mailoutbox):
    developer = market["developer"]
    search = saved(developer, query="skills=Django", last_sent_at=ago(minutes=30))
    publish("Old Django booking site", at=ago(days=3))  # before the search: not new
    best = publish("Django and PostgreSQL booking API", skills=["Django", "PostgreSQL"])
    other = publish("Django admin theme", skills=["Django"])
    publish("React storefront", skills=["React"])  # not what the search filters

    assert search_alerts_send(now=timezone.now()) == 2

    sent = list(AlertDelivery.objects.filter(user=developer).order_by("position"))
    assert [d.project for d in sent] == [best, other]
    assert sent[0].percent is not None
    assert "Django" in sent[0].reasons
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["dev@example.com"]
    assert "2 new projects" in email.subject
    assert email.body.index(best.title) < email.body.index(other.title)
    assert "% match" in email.body
    assert "Why:" in email.body
    assert "Old Django booking site" not in email.body
    assert "React storefront" not in email.body
    assert "/alerts/unsubscribe/" in email.body
    assert email.extra_headers["List-Unsubscribe"].startswith("<http")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # In-app too, already marked e-mailed: the generic notification e-mail sends nothing more.
    note = Notification.objects.get(user=developer, kind=NotificationKind.SEARCH_ALERT)
    assert note.emailed_at is not None
    assert note.url == reverse("automation:search-detail", args=[search.pk])


def test_a_second_run_sends_nothing_twice(market, mailoutbox, django_capture_on_commit_callbacks):
    developer = market["developer"]
    saved(developer, last_sent_at=ago(minutes=30))
    publish("Django booking API")
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.search_alerts_send.delay().get()
        second = tasks.search_alerts_send.delay().get()
    assert (first, second) == (1, 0)
    assert len(mailoutbox) == 1  # the digest, and not the notification's own e-mail as well
    assert Notification.objects.filter(kind=NotificationKind.SEARCH_ALERT).count() == 1
    publish("Django clinic portal")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.search_alerts_send.delay().get() == 1
    assert len(mailoutbox) == 2
    assert "Django clinic portal" in mailoutbox[1].body
    assert "Django booking API" not in mailoutbox[1].body


def test_a_worker_crash_mid_run_then_the_retry_sends_each_item_and_email_once(
    market, mailoutbox, monkeypatch
):
    first = market["developer"]
    second = freelancer_with(
        headline="Django developer", skills=["Django"], rate=40, email="two@example.com"
    ).user
    for person in (first, second):
        saved(person, last_sent_at=ago(minutes=30))
    project = publish("Django booking API")
    real_send = alerts.digest_email_send
    calls = []

    def crash_on_second(**kwargs):
        calls.append(kwargs["user"].email)
        if len(calls) == 2:
            raise RuntimeError("worker lost")
        real_send(**kwargs)

    monkeypatch.setattr(alerts, "digest_email_send", crash_on_second)
    with pytest.raises(RuntimeError):
        search_alerts_send(now=timezone.now())
    # The first digest committed; the second rolled back whole (no sent-log row, no in-app).
    assert AlertDelivery.objects.count() == 1
    assert Notification.objects.filter(kind=NotificationKind.SEARCH_ALERT).count() == 1

    monkeypatch.setattr(alerts, "digest_email_send", real_send)
    assert search_alerts_send(now=timezone.now()) == 1
    assert search_alerts_send(now=timezone.now()) == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["dev@example.com", "two@example.com"]
    assert AlertDelivery.objects.filter(project=project).count() == 2
    assert Notification.objects.filter(kind=NotificationKind.SEARCH_ALERT).count() == 2


def test_two_searches_matching_one_project_send_it_to_the_person_once(market, mailoutbox):
    developer = market["developer"]
    saved(developer, query="skills=Django", last_sent_at=ago(minutes=30))
    saved(developer, query="q=booking", last_sent_at=ago(minutes=30))
    publish("Django booking API")
    assert search_alerts_send(now=timezone.now()) == 1
    assert len(mailoutbox) == 1


# --- When daily and weekly digests leave: the person's local morning --------------------------

SUMMER_16_UTC = dt.datetime(2025, 7, 10, 16, 0, tzinfo=dt.UTC)  # Tokyo 01:00, Los Angeles 09:00
SUMMER_23_UTC = dt.datetime(2025, 7, 10, 23, 15, tzinfo=dt.UTC)  # Tokyo 08:15 (11 July)


def _living_in(zone: str, email: str):
    profile = freelancer_with(headline="Django developer", skills=["Django"], rate=40, email=email)
    profile.timezone = ZoneInfo(zone)
    profile.save(update_fields=["timezone"])
    return profile.user


def test_a_daily_digest_waits_for_the_persons_morning(market, mailoutbox):
    tokyo = _living_in("Asia/Tokyo", "tokyo@example.com")
    los_angeles = _living_in("America/Los_Angeles", "la@example.com")
    day_before = SUMMER_16_UTC - dt.timedelta(days=1, hours=2)
    for person in (tokyo, los_angeles):
        saved(person, frequency="daily", last_sent_at=day_before)
    publish("Django booking API", at=SUMMER_16_UTC - dt.timedelta(hours=3))

    # Same UTC moment: 09:00 in Los Angeles gets it, 01:00 in Tokyo does not.
    assert search_alerts_send(now=SUMMER_16_UTC) == 1
    assert [m.to for m in mailoutbox] == [["la@example.com"]]
    # Tokyo's next morning run sends it; Los Angeles already had today's.
    assert search_alerts_send(now=SUMMER_23_UTC) == 1
    assert [m.to for m in mailoutbox] == [["la@example.com"], ["tokyo@example.com"]]
    assert search_alerts_send(now=SUMMER_23_UTC + dt.timedelta(minutes=15)) == 0


def test_a_weekly_digest_leaves_once_a_week(market, mailoutbox):
    developer = market["developer"]  # no zone chosen: UTC
    morning = dt.datetime(2025, 7, 10, 8, 30, tzinfo=dt.UTC)
    search = saved(developer, frequency="weekly", last_sent_at=morning - dt.timedelta(days=3))
    publish("Django booking API", at=morning - dt.timedelta(hours=1))
    assert search_alerts_send(now=morning) == 0
    SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=morning - dt.timedelta(days=7))
    assert search_alerts_send(now=morning) == 1
    assert search_alerts_send(now=morning + dt.timedelta(hours=1)) == 0


def test_off_sends_nothing_and_email_preference_is_respected(market, mailoutbox):
    developer = market["developer"]
    search = saved(developer, frequency="off", last_sent_at=ago(minutes=30))
    publish("Django booking API")
    assert search_alerts_send(now=timezone.now()) == 0
    SavedSearch.objects.filter(pk=search.pk).update(frequency="instant")
    NotificationPreference.objects.create(user=developer, kind="search_alert", email=False)
    assert search_alerts_send(now=timezone.now()) == 1
    assert mailoutbox == []  # in-app only, as the person chose
    assert Notification.objects.filter(user=developer, kind="search_alert").exists()


# --- Unsubscribing, without signing in ---------------------------------------------------------


def _link(body: str, marker: str) -> str:
    line = next(line for line in body.splitlines() if marker in line)
    return line[line.index("http") :].split("127.0.0.1:8000", 1)[1].strip()


def test_the_unsubscribe_link_works_without_login_and_stops_the_alerts(market, mailoutbox):
    from django.test import Client

    developer = market["developer"]
    search = saved(developer, last_sent_at=ago(minutes=30))
    publish("Django booking API")
    search_alerts_send(now=timezone.now())
    url = _link(mailoutbox[0].body, "/alerts/unsubscribe/")
    anonymous = Client(enforce_csrf_checks=True)

    page = anonymous.get(url)
    assert page.status_code == 200
    assert search.name in page.content.decode()
    search.refresh_from_db()
    assert search.frequency == "instant"  # a GET (a mail scanner) changes nothing

    assert anonymous.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    search.refresh_from_db()
    assert search.frequency == SavedSearch.Frequency.OFF
    publish("Django clinic portal")
    assert search_alerts_send(now=timezone.now()) == 0
    assert len(mailoutbox) == 1
    assert anonymous.get(url[:-3] + "xx/").status_code == 404  # tampered


def test_send_now_runs_as_a_job_with_its_progress(
    market, client, django_capture_on_commit_callbacks
):
    developer = market["developer"]
    search = saved(developer, frequency="daily")
    publish("Django booking API")
    client.force_login(developer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("automation:search-send", args=[search.pk]))
    job = Job.objects.get(user=developer)
    assert job.kind == "automation.digest"
    assert job.state == Job.State.SUCCEEDED
    html = client.get(response.url).content.decode()
    assert "Sent 1 new project" in html
    assert 'max="100" value="100"' in html
    assert AlertDelivery.objects.filter(user=developer).count() == 1
    # Asking again sends nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("automation:search-send", args=[search.pk]))
    assert "Nothing new" in Job.objects.filter(user=developer).first().result["summary"]
    assert AlertDelivery.objects.filter(user=developer).count() == 1


def test_a_long_digest_lists_the_best_and_links_to_the_rest_which_never_come_again(
    market, mailoutbox
):
    developer = market["developer"]
    saved(developer, last_sent_at=ago(minutes=30))
    for n in range(alerts.MAX_ITEMS + 2):
        publish(f"Django project number {n}")
    assert search_alerts_send(now=timezone.now()) == alerts.MAX_ITEMS + 2
    body = mailoutbox[0].body
    assert f"{alerts.MAX_ITEMS + 2} new projects" in mailoutbox[0].subject
    assert body.count("Why:") == alerts.MAX_ITEMS
    assert "…and 2 more. See them all: http" in body
    assert search_alerts_send(now=timezone.now()) == 0
    assert len(mailoutbox) == 1


def test_a_new_search_first_sends_what_the_week_before_it_brought(market, mailoutbox):
    developer = market["developer"]
    publish("Django booking site from last month", at=ago(days=20))
    recent = publish("Django clinic portal from three days ago", at=ago(days=3))
    saved(developer, query="skills=Django")  # saved now, never sent

    assert search_alerts_send(now=timezone.now()) == 1
    assert search_alerts_send(now=timezone.now()) == 0

    assert [d.project for d in AlertDelivery.objects.filter(user=developer)] == [recent]
    assert len(mailoutbox) == 1
    assert "Django booking site from last month" not in mailoutbox[0].body
