"""Reviews: written once per party after a contract ends, double-blind until both wrote or
BLIND_DAYS have passed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from projects.models import Notification, Review
from projects.selectors.reputation import contract_reviews, reviews_visible_for
from projects.services.reviews import (
    ALREADY_REVIEWED,
    CONTRACT_ACTIVE,
    RATING_RANGE,
    review_create,
)
from tests.factories import ContractFactory, EmployerFactory

pytestmark = pytest.mark.django_db
RATINGS = {"rating_quality": 5, "rating_communication": 4, "rating_timeliness": 5}


def ended(days_ago=0, status="completed"):
    return ContractFactory(status=status, ended_at=timezone.now() - dt.timedelta(days=days_ago))


def review(contract, author, **overrides):
    return review_create(
        contract=contract, author=author, **{**RATINGS, "text": "Great", **overrides}
    )


def test_each_party_reviews_the_other():
    contract = ended(status="cancelled")
    of_freelancer = review(contract, contract.employer)
    of_employer = review(contract, contract.freelancer, rating_quality=3)
    assert (of_freelancer.subject, of_freelancer.direction) == (
        contract.freelancer,
        "of_freelancer",
    )
    assert (of_employer.subject, of_employer.direction) == (contract.employer, "of_employer")
    assert of_employer.rating == pytest.approx(4.0)


def test_reviewing_twice_is_refused():
    contract = ended()
    review(contract, contract.employer)
    with pytest.raises(ValidationError) as info:
        review(contract, contract.employer, text="Second thoughts")
    assert info.value.messages == [ALREADY_REVIEWED]
    assert Review.objects.get().text == "Great"


def test_reviewing_an_active_contract_is_refused():
    contract = ContractFactory()
    with pytest.raises(ValidationError) as info:
        review(contract, contract.employer)
    assert info.value.messages == [CONTRACT_ACTIVE]
    assert not Review.objects.exists()


def test_strangers_cannot_review_and_ratings_stay_1_to_5():
    contract = ended()
    with pytest.raises(ValidationError, match="Only the employer and the freelancer"):
        review(contract, EmployerFactory())
    with pytest.raises(ValidationError) as info:
        review(contract, contract.employer, rating_quality=0, rating_timeliness=6)
    assert info.value.message_dict == {
        "rating_quality": [RATING_RANGE],
        "rating_timeliness": [RATING_RANGE],
    }
    assert not Review.objects.exists()


def test_the_review_period_closes_after_blind_days():
    contract = ended(days_ago=Review.BLIND_DAYS + 1)
    with pytest.raises(ValidationError, match="review period for this contract ended"):
        review(contract, contract.freelancer)


# --- Double-blind ----------------------------------------------------------------------------
def test_a_lone_review_stays_hidden_until_the_other_side_writes():
    contract = ended(days_ago=1)
    first = review(contract, contract.employer)
    assert list(reviews_visible_for(subject=contract.freelancer)) == []
    seen = contract_reviews(contract=contract, user=contract.freelancer)
    assert (seen.theirs, seen.theirs_waiting) == (None, True)
    assert contract_reviews(contract=contract, user=contract.employer).mine == first
    assert not Notification.objects.filter(kind="review_received").exists()

    second = review(contract, contract.freelancer)
    assert list(reviews_visible_for(subject=contract.freelancer)) == [first]
    assert list(reviews_visible_for(subject=contract.employer)) == [second]
    assert contract_reviews(contract=contract, user=contract.freelancer).theirs == first
    notified = set(
        Notification.objects.filter(kind="review_received").values_list("user", flat=True)
    )
    assert notified == {contract.employer.pk, contract.freelancer.pk}


@pytest.mark.parametrize(
    ("days_ago", "visible"),
    [(0, False), (Review.BLIND_DAYS - 1, False), (Review.BLIND_DAYS, True), (40, True)],
)
def test_a_lone_review_shows_blind_days_after_the_end(days_ago, visible):
    contract = ended()
    lone = review(contract, contract.employer)
    # Time passes: move the contract's end into the past.
    contract.ended_at = timezone.now() - dt.timedelta(days=days_ago, minutes=1 if visible else 0)
    contract.save(update_fields=["ended_at"])
    assert (lone in reviews_visible_for(subject=contract.freelancer)) is visible
    assert (contract_reviews(contract=contract, user=contract.freelancer).theirs == lone) is visible


# --- Pages ---------------------------------------------------------------------------------
def test_review_form_keeps_input_on_error_and_refuses_a_second_review(client):
    contract = ended()
    client.force_login(contract.employer)
    url = reverse("projects:review-create", args=[contract.pk])
    response = client.post(url, {"rating_quality": "5", "text": "Solid work"})
    assert response.status_code == 200
    assert escape(RATING_RANGE) in response.text
    assert "Solid work" in response.text
    assert not Review.objects.exists()

    response = client.post(
        url,
        {
            "rating_quality": "5",
            "rating_communication": "4",
            "rating_timeliness": "5",
            "text": "Ok",
        },
        follow=True,
    )
    assert "Thank you: your review is saved." in response.text
    assert "Hidden from" in response.text
    response = client.post(
        url, {"rating_quality": "1", "rating_communication": "1", "rating_timeliness": "1"}
    )
    assert escape(ALREADY_REVIEWED) in response.text
    assert Review.objects.count() == 1


def test_review_page_on_an_active_contract_says_to_wait(client):
    contract = ContractFactory()
    client.force_login(contract.freelancer)
    url = reverse("projects:review-create", args=[contract.pk])
    assert "once it has ended" in client.get(url).text
    response = client.post(
        url, {"rating_quality": "5", "rating_communication": "5", "rating_timeliness": "5"}
    )
    assert escape(CONTRACT_ACTIVE) in response.text
    assert not Review.objects.exists()


def test_the_contract_page_hides_the_other_sides_review_until_published(client):
    contract = ended()
    review(contract, contract.employer, text="Brilliant freelancer")
    client.force_login(contract.freelancer)
    html = client.get(reverse("projects:contract-detail", args=[contract.pk])).text
    assert "Brilliant freelancer" not in html
    assert "The other side has reviewed you" in html
    review(contract, contract.freelancer, text="Lovely client")
    html = client.get(reverse("projects:contract-detail", args=[contract.pk])).text
    assert "Brilliant freelancer" in html
    assert "Lovely client" in html
