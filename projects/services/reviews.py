"""Two-way, double-blind reviews written once a contract has ended."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from projects.models import Contract, NotificationKind, Review
from projects.services.contracts import NOT_A_PARTY
from projects.services.notifications import notify

ALREADY_REVIEWED = "You have already reviewed this contract."
CONTRACT_ACTIVE = "You can review this contract once it has ended."
RATING_RANGE = "Choose from 1 (poor) to 5 (excellent) stars."
REVIEW_WINDOW_CLOSED = "The {days}-day review period for this contract ended on {date}."
TEXT_TOO_LONG = "Keep the review under 5,000 characters."


def review_window_end(contract: Contract) -> dt.datetime | None:
    """When reviews stop being accepted and the blind is lifted: BLIND_DAYS after the end."""
    if contract.ended_at is None:
        return None
    return contract.ended_at + dt.timedelta(days=Review.BLIND_DAYS)


@transaction.atomic
def review_create(
    *,
    contract: Contract,
    author: User,
    rating_quality: int,
    rating_communication: int,
    rating_timeliness: int,
    text: str = "",
) -> Review:
    """One party reviews the other after the contract ends; each party reviews once."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    role = contract.party_role(author)
    if role is None:
        raise ValidationError(NOT_A_PARTY)
    if contract.is_active or contract.ended_at is None:
        raise ValidationError(CONTRACT_ACTIVE)
    if contract.reviews.filter(author=author).exists():
        raise ValidationError(ALREADY_REVIEWED)
    # Closing the window keeps the blind honest: a late reviewer could have read the other side.
    window_end = review_window_end(contract)
    if timezone.now() >= window_end:
        raise ValidationError(
            REVIEW_WINDOW_CLOSED.format(
                days=Review.BLIND_DAYS, date=date_format(timezone.localdate(window_end), "j F Y")
            )
        )
    ratings = {
        "rating_quality": rating_quality,
        "rating_communication": rating_communication,
        "rating_timeliness": rating_timeliness,
    }
    errors = {name: RATING_RANGE for name, value in ratings.items() if value not in range(1, 6)}
    text = (text or "").strip()
    if len(text) > 5000:
        errors["text"] = TEXT_TOO_LONG
    if errors:
        raise ValidationError(errors)
    employer_writes = role == "employer"
    try:
        with transaction.atomic():
            review = Review.objects.create(
                contract=contract,
                author=author,
                subject=contract.freelancer if employer_writes else contract.employer,
                direction=(
                    Review.Direction.OF_FREELANCER
                    if employer_writes
                    else Review.Direction.OF_EMPLOYER
                ),
                text=text,
                **ratings,
            )
    except IntegrityError as error:
        raise ValidationError(ALREADY_REVIEWED) from error
    if contract.reviews.count() == 2:
        # Both have written: the blind lifts now, so each learns their review is public.
        url = reverse("projects:contract-detail", args=[contract.pk]) + "#reviews"
        for party in (contract.employer, contract.freelancer):
            notify(
                user=party,
                kind=NotificationKind.REVIEW_RECEIVED,
                title=f"Your review on “{contract.title}” is published",
                body="Both sides have reviewed the contract, so both reviews are now visible.",
                event_key=f"contract:{contract.pk}:reviews-published",
                url=url,
            )
    return review
