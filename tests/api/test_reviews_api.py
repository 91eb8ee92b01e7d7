"""/api/v1/contracts/{id}/reviews/ and the published reviews of a freelancer or an employer:
double-blind, as on the contract page and the freelancer's profile."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Contract, Notification, Review
from projects.services.reviews import ALREADY_REVIEWED, CONTRACT_ACTIVE, RATING_RANGE
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    ReviewFactory,
    StaffFactory,
)

RATINGS = {"rating_quality": 5, "rating_communication": 4, "rating_timeliness": 5}
SIGNED_IN = codes(200, anonymous=401)
ROWS = [
    Row(
        "api:contract-reviews",
        "get",
        {"pk": "contract"},
        expect=codes(404, anonymous=401, employer=200, freelancer=200, staff=200),
    ),
    # The World's contract is still active: its parties are told to wait (400).
    Row(
        "api:contract-reviews",
        "post",
        {"pk": "contract"},
        expect=codes(404, anonymous=401, employer=400, freelancer=400),
        body={**RATINGS, "text": "Clear and quick."},
    ),
    Row("api:freelancer-reviews", "get", {"pk": "freelancer"}, expect=SIGNED_IN),
    Row("api:employer-reviews", "get", {"pk": "employer"}, expect=SIGNED_IN),
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.fixture
def ended():
    return ContractFactory(status=Contract.Status.COMPLETED, ended_at=timezone.now())


def write(client, contract, **overrides):
    url = reverse("api:contract-reviews", args=[contract.pk])
    return client.post(url, {**RATINGS, "text": "Great", **overrides}, format="json")


def seen(client, contract) -> dict:
    response = client.get(reverse("api:contract-reviews", args=[contract.pk]))
    assert response.status_code == 200
    return response.json()


def public(client, kind: str, user) -> list[str]:
    response = client.get(reverse(f"api:{kind}-reviews", args=[user.pk]))
    assert response.status_code == 200
    return [review["text"] for review in response.json()["results"]]


# --- Double-blind ----------------------------------------------------------------------------
def test_a_review_is_hidden_from_the_other_side_until_both_have_written(ended, client_for):
    employer, freelancer = client_for(ended.employer), client_for(ended.freelancer)
    reader = client_for(EmployerFactory())
    assert seen(freelancer, ended)["can_review"] is True

    response = write(employer, ended, text="Brilliant freelancer")
    assert response.status_code == 201
    mine = response.json()
    assert (mine["subject"]["id"], mine["direction"], mine["rating"]) == (
        ended.freelancer.pk,
        "of_freelancer",
        pytest.approx(14 / 3),
    )
    assert mine["is_published"] is False

    as_freelancer = seen(freelancer, ended)
    assert (as_freelancer["theirs"], as_freelancer["theirs_waiting"]) == (None, True)
    assert "Brilliant freelancer" not in str(as_freelancer)
    as_employer = seen(employer, ended)
    assert as_employer["mine"]["text"] == "Brilliant freelancer"
    assert (as_employer["mine"]["is_published"], as_employer["can_review"]) == (False, False)
    assert public(reader, "freelancer", ended.freelancer) == []

    response = write(freelancer, ended, text="Lovely client")
    assert response.status_code == 201
    assert response.json()["is_published"] is True
    as_freelancer = seen(freelancer, ended)
    assert as_freelancer["theirs"]["text"] == "Brilliant freelancer"
    assert as_freelancer["theirs"]["is_published"] is True
    assert {r["text"] for r in as_freelancer["published"]} == {
        "Brilliant freelancer",
        "Lovely client",
    }
    assert public(reader, "freelancer", ended.freelancer) == ["Brilliant freelancer"]
    assert public(reader, "employer", ended.employer) == ["Lovely client"]
    notified = set(
        Notification.objects.filter(kind="review_received").values_list("user", flat=True)
    )
    assert notified == {ended.employer.pk, ended.freelancer.pk}


def test_a_lone_review_shows_once_the_review_period_has_passed(ended, client_for):
    assert write(client_for(ended.employer), ended, text="Solid work").status_code == 201
    Contract.objects.filter(pk=ended.pk).update(
        ended_at=timezone.now() - dt.timedelta(days=Review.BLIND_DAYS, minutes=1)
    )
    freelancer = client_for(ended.freelancer)
    as_freelancer = seen(freelancer, ended)
    assert as_freelancer["theirs"]["text"] == "Solid work"
    assert as_freelancer["can_review"] is False  # the period is over for them too
    assert public(client_for(FreelancerFactory()), "freelancer", ended.freelancer) == ["Solid work"]
    response = write(freelancer, ended)
    assert response.status_code == 400
    assert "review period for this contract ended" in response.json()["detail"]


def test_staff_see_only_the_published_reviews(ended, client_for):
    write(client_for(ended.employer), ended, text="Lone review")
    body = seen(client_for(StaffFactory()), ended)
    assert body == {
        "mine": None,
        "theirs": None,
        "theirs_waiting": False,
        "published": [],
        "window_ends_at": body["window_ends_at"],
        "can_review": False,
    }


# --- The rules and wrong input ---------------------------------------------------------------
def test_an_active_contract_cannot_be_reviewed_yet(client_for):
    contract = ContractFactory()
    response = write(client_for(contract.freelancer), contract)
    assert response.status_code == 400
    assert response.json()["fields"] == {"non_field_errors": [CONTRACT_ACTIVE]}
    assert seen(client_for(contract.freelancer), contract)["can_review"] is False


def test_a_second_review_is_refused_and_the_first_kept(ended, client_for):
    client = client_for(ended.employer)
    write(client, ended, text="First")
    response = write(client, ended, text="Second thoughts")
    assert response.status_code == 400
    assert response.json()["detail"] == ALREADY_REVIEWED
    assert Review.objects.get().text == "First"


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"rating_quality": 6}, ["rating_quality"]),
        ({"rating_timeliness": 0, "rating_communication": "five"}, None),
        ({"text": "x" * 5001}, ["text"]),
    ],
)
def test_wrong_review_input_is_a_400_keyed_by_field(ended, client_for, overrides, fields):
    response = write(client_for(ended.freelancer), ended, **overrides)
    assert response.status_code == 400
    body = response.json()
    if fields is None:
        assert set(body["fields"]) == {"rating_timeliness", "rating_communication"}
        assert body["fields"]["rating_timeliness"] == [RATING_RANGE]
    else:
        assert list(body["fields"]) == fields
    assert not Review.objects.exists()


def test_a_missing_rating_is_named(ended, client_for):
    url = reverse("api:contract-reviews", args=[ended.pk])
    response = client_for(ended.employer).post(url, {"rating_quality": 5}, format="json")
    assert set(response.json()["fields"]) == {"rating_communication", "rating_timeliness"}


# --- Published reviews of a user -------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "wrong"), [("freelancer", "employer"), ("employer", "freelancer")]
)
def test_reviews_of_someone_not_in_that_role_are_404(ended, client_for, kind, wrong):
    client = client_for(FreelancerFactory())
    wrong_user = getattr(ended, wrong)
    response = client.get(reverse(f"api:{kind}-reviews", args=[wrong_user.pk]))
    assert response.status_code == 404
    assert client.get(reverse(f"api:{kind}-reviews", args=[987654])).status_code == 404


def test_reviews_of_a_suspended_freelancer_are_404(ended, client_for):
    ended.freelancer.is_active = False
    ended.freelancer.save(update_fields=["is_active"])
    response = client_for(EmployerFactory()).get(
        reverse("api:freelancer-reviews", args=[ended.freelancer.pk])
    )
    assert response.status_code == 404


def test_a_published_review_does_not_name_its_author(ended, client_for):
    ReviewFactory(contract=ended, text="Clean code")
    Contract.objects.filter(pk=ended.pk).update(ended_at=timezone.now() - dt.timedelta(days=30))
    response = client_for(FreelancerFactory()).get(
        reverse("api:freelancer-reviews", args=[ended.freelancer.pk])
    )
    (review,) = response.json()["results"]
    assert review["text"] == "Clean code"
    assert review["contract_title"] == ended.title
    assert "author" not in review
    assert ended.employer.display_name not in response.content.decode()


@pytest.mark.parametrize("kind", ["freelancer", "employer"])
def test_published_reviews_take_the_same_queries_for_two_or_six(
    client_for, django_assert_max_num_queries, kind
):
    subject = FreelancerFactory() if kind == "freelancer" else EmployerFactory()
    long_ago = timezone.now() - dt.timedelta(days=40)

    def add(n):
        for _ in range(n):
            if kind == "freelancer":
                contract = ContractFactory(
                    freelancer=subject, status="completed", ended_at=long_ago
                )
                ReviewFactory(contract=contract)
            else:
                contract = ContractFactory(
                    project__employer=subject, status="completed", ended_at=long_ago
                )
                ReviewFactory(
                    contract=contract,
                    author=contract.freelancer,
                    subject=subject,
                    direction=Review.Direction.OF_EMPLOYER,
                )

    client = client_for(FreelancerFactory())
    url = reverse(f"api:{kind}-reviews", args=[subject.pk])
    client.get(url)  # the token's first use is recorded once; count what follows
    add(2)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).json()["count"] == 2
    add(4)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(client.get(url).json()["results"]) == 6
