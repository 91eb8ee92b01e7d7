"""/api/v1/notifications/...: the list, unread counts, marking read, e-mail preferences."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import NotificationKind, NotificationPreference
from projects.services.notification_email import EMAILED_BY_DEFAULT
from tests.api.matrix import Row, codes, matrix_check, matrix_params, world_build
from tests.factories import FreelancerFactory, NotificationFactory

SIGNED_IN = codes(200, anonymous=401)
ROWS = [
    Row("api:notification-list", "get", query={"unread": "true"}, expect=SIGNED_IN),
    Row("api:notification-unread-count", "get", expect=SIGNED_IN),
    Row(
        "api:notification-read",
        "post",
        {"pk": "notification"},
        expect=codes(404, anonymous=401, freelancer=200),
    ),
    Row("api:notification-read-all", "post", expect=SIGNED_IN),
    Row("api:notification-preferences", "get", expect=SIGNED_IN),
    Row(
        "api:notification-preferences",
        "put",
        body={"emailed_kinds": ["hired", "message_received"]},
        expect=SIGNED_IN,
    ),
]

pytestmark = pytest.mark.django_db

LIST = reverse("api:notification-list")
UNREAD_COUNT = reverse("api:notification-unread-count")
PREFERENCES = reverse("api:notification-preferences")


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [n["title"] for n in response.json()["results"]]


def test_the_list_shows_only_your_own_newest_first_and_filters_by_unread(client_for):
    me = FreelancerFactory()
    now = timezone.now()
    old = NotificationFactory(user=me, title="Old, read", read_at=now)
    old.created_at = now - timedelta(days=2)
    old.save(update_fields=["created_at"])
    NotificationFactory(user=me, title="New, unread")
    NotificationFactory(title="Someone else's")
    client = client_for(me)

    assert titles(client.get(LIST)) == ["New, unread", "Old, read"]
    assert titles(client.get(LIST, {"unread": "true"})) == ["New, unread"]
    assert titles(client.get(LIST, {"unread": "false"})) == ["Old, read"]
    shown = client.get(LIST).json()["results"][1]
    assert shown["kind"] == "hired"
    assert shown["read_at"] is not None


@pytest.mark.parametrize("value", ["maybe", "", "2"])
def test_an_unread_filter_that_is_not_true_or_false_is_a_field_error(client_for, value):
    response = client_for(FreelancerFactory()).get(LIST, {"unread": value})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["unread"]


def test_marking_one_read_changes_the_count_and_only_for_its_owner(client_for):
    world = world_build()
    freelancer = client_for(world.freelancer)
    assert freelancer.get(UNREAD_COUNT).json() == {"notifications": 1, "threads": 1}

    # The employer cannot touch the freelancer's notification: 404, and it stays unread.
    url = reverse("api:notification-read", args=[world.notification.pk])
    assert client_for(world.employer).post(url).status_code == 404
    world.notification.refresh_from_db()
    assert world.notification.read_at is None

    response = freelancer.post(url)

    assert response.status_code == 200
    assert response.json()["id"] == world.notification.pk
    assert response.json()["read_at"] is not None
    assert freelancer.get(UNREAD_COUNT).json()["notifications"] == 0
    assert freelancer.post(url).json()["read_at"] == response.json()["read_at"]  # idempotent


def test_read_all_says_how_many_were_marked(client_for):
    me = FreelancerFactory()
    NotificationFactory.create_batch(3, user=me)
    NotificationFactory(user=me, read_at=timezone.now())
    other = NotificationFactory()
    client = client_for(me)
    url = reverse("api:notification-read-all")

    assert client.post(url).json() == {"marked_read": 3}
    assert client.post(url).json() == {"marked_read": 0}
    assert client.get(LIST, {"unread": "true"}).json()["count"] == 0
    other.refresh_from_db()
    assert other.read_at is None


def test_preferences_start_from_the_defaults_and_are_saved(client_for):
    me = FreelancerFactory()
    client = client_for(me)

    shown = client.get(PREFERENCES).json()

    assert set(shown["emailed_kinds"]) == EMAILED_BY_DEFAULT
    assert [k["kind"] for k in shown["kinds"]] == list(NotificationKind.values)
    hired = next(k for k in shown["kinds"] if k["kind"] == "hired")
    assert hired == {"kind": "hired", "label": "I am hired", "email": True, "default": True}

    saved = client.put(PREFERENCES, {"emailed_kinds": ["invite_received"]}, format="json")

    assert saved.status_code == 200
    assert saved.json()["emailed_kinds"] == ["invite_received"]
    assert client.get(PREFERENCES).json()["emailed_kinds"] == ["invite_received"]
    emailed = NotificationPreference.objects.filter(user=me, email=True)
    assert list(emailed.values_list("kind", flat=True)) == ["invite_received"]


def test_an_empty_list_turns_every_email_off(client_for):
    client = client_for(FreelancerFactory())

    response = client.put(PREFERENCES, {"emailed_kinds": []}, format="json")

    assert response.status_code == 200
    assert not any(k["email"] for k in response.json()["kinds"])


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"emailed_kinds": ["hired", "pizza_delivered"]}, "pizza_delivered"),
        ({"emailed_kinds": "hired"}, "list"),
        ({}, "required"),
    ],
)
def test_unknown_or_missing_kinds_are_refused_naming_the_field(client_for, body, says):
    me = FreelancerFactory()

    response = client_for(me).put(PREFERENCES, body, format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["emailed_kinds"]
    assert says in response.json()["fields"]["emailed_kinds"][0]
    assert not NotificationPreference.objects.filter(user=me).exists()


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_number_of_queries_for_2_or_6_notifications(client_for):
    me = FreelancerFactory()
    client = client_for(me)
    NotificationFactory.create_batch(2, user=me)
    client.get(LIST)  # the token's first use is recorded once
    two = _query_count(client, LIST)
    NotificationFactory.create_batch(4, user=me)
    six = _query_count(client, LIST)

    assert two == six
    assert client.get(LIST).json()["count"] == 6
