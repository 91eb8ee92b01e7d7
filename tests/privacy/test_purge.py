"""After the purge no personal value of the person remains anywhere in the database.

The person (tests/privacy/people.py) has a unique planted value in every personal field they
can have, with rows in every app. After the purge, every text, JSON and file field of every
model is searched for each planted value; the test names the model and field of any left.
The counterparty still sees the contract and the messages, from "Deleted user", and the ledger
keeps its amounts.
"""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.models import EmployerProfile, FreelancerProfile, User
from matching.models import Embedding, MatchEvent
from privacy.models import AccountDeletion
from privacy.services import purge
from privacy.services.deletion import account_deletion_purge, account_deletions_purge_due
from projects.models import Job, Message, Notification, Project, Proposal, Review
from tests.factories import PASSWORD
from tests.privacy.people import (
    LEDGER,
    MESSAGE_FROM_PERSON,
    MESSAGE_TO_PERSON,
    employer_person,
    freelancer_person,
    planted_ledger,
)
from tests.privacy.walk import models_walked, planted_places, snapshot

pytestmark = pytest.mark.django_db


def _schedule(person) -> AccountDeletion:
    from privacy.services.deletion import account_deletion_request

    return account_deletion_request(user=person.user, confirmation=PASSWORD)


def _purge_due(deletion: AccountDeletion, capture):
    with capture(execute=True):
        return account_deletions_purge_due(now=deletion.purge_after + dt.timedelta(minutes=1))


def _assert_every_value_planted(person) -> None:
    """The walk finds each planted value before the purge, so finding none after means gone."""
    found = planted_places(person.planted)
    assert set(found) == set(person.planted), f"never stored: {set(person.planted) - set(found)}"
    assert models_walked() > 40


def _assert_nothing_left(person) -> None:
    left = planted_places(person.planted)
    assert not left, "personal values left after the purge: " + "; ".join(
        f"{label} in {', '.join(sorted(places))}" for label, places in sorted(left.items())
    )


def _assert_account_anonymised(user: User) -> None:
    user.refresh_from_db()
    assert user.email == f"deleted-{user.pk}@deleted.invalid"
    assert (user.first_name, user.last_name, user.is_active) == ("", "", False)
    assert not user.has_usable_password()
    assert user.deleted_at is not None
    assert user.display_name == "Deleted user"
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Job.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()
    assert not MatchEvent.objects.filter(freelancer=user).exists()
    assert not MatchEvent.objects.filter(actor=user).exists()
    for model in (FreelancerProfile, EmployerProfile):
        for profile in model.objects.filter(user=user):
            for field in model._meta.concrete_fields:
                if field.name in purge.PROFILE_KEPT or field.name.endswith("_visibility"):
                    continue
                assert getattr(profile, field.attname) == field.get_default(), field.name


def _assert_counterparty_keeps_the_record(person, client) -> None:
    client.force_login(person.counterparty)
    thread = person.rows["message"].thread
    page = client.get(reverse("projects:thread-detail", args=[thread.pk])).content.decode()
    assert MESSAGE_FROM_PERSON in page
    assert MESSAGE_TO_PERSON in page
    assert "Deleted user" in page
    assert person.planted["user.first_name"] not in page
    contract = client.get(reverse("projects:contract-detail", args=[person.contract.pk]))
    assert contract.status_code == 200
    assert "Deleted user" in contract.content.decode()
    assert planted_ledger(person.contract) == sorted(LEDGER)
    assert Message.objects.filter(thread=thread).count() == 2
    assert Review.objects.filter(contract=person.contract).count() == 2


def test_a_purged_freelancer_leaves_no_personal_value_anywhere(
    client, django_capture_on_commit_callbacks
):
    person = freelancer_person()
    client.force_login(person.user)  # a session on some device
    _assert_every_value_planted(person)
    photo = person.rows["photo"]
    assert default_storage.exists(photo)

    outcome = _purge_due(_schedule(person), django_capture_on_commit_callbacks)

    assert (outcome.purged, outcome.failed) == (1, 0)
    _assert_nothing_left(person)
    _assert_account_anonymised(person.user)
    assert not default_storage.exists(photo)
    assert not Embedding.objects.filter(object_id=person.user.freelancer_profile.pk).exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(person.user.pk) for s in Session.objects.all()
    )
    proposal = Proposal.objects.get(pk=person.rows["open_proposal"].pk)
    assert (proposal.status, proposal.cover_letter, proposal.answers) == ("withdrawn", "", [])
    assert proposal.bid_amount == person.rows["open_proposal"].bid_amount
    # A review about them stays, words and all: it is the counterparty's; theirs lost its words.
    assert Review.objects.get(pk=person.rows["review_received"].pk).text
    assert Review.objects.get(author=person.user).rating_quality == 5
    _assert_counterparty_keeps_the_record(person, client)


def test_a_purged_employer_leaves_no_personal_value_and_their_projects_close(
    client, django_capture_on_commit_callbacks
):
    person = employer_person()
    _assert_every_value_planted(person)

    outcome = _purge_due(_schedule(person), django_capture_on_commit_callbacks)

    assert outcome.purged == 1
    _assert_nothing_left(person)
    _assert_account_anonymised(person.user)
    assert not Project.objects.filter(pk=person.rows["draft"].pk).exists()
    assert Project.objects.get(pk=person.rows["open_project"].pk).status == "closed"
    theirs = Proposal.objects.get(pk=person.rows["their_proposal"].pk)
    assert theirs.status == "declined"
    assert Notification.objects.filter(user=theirs.freelancer, kind="proposal_declined").exists()
    invoice = person.rows["invoice"]
    invoice.refresh_from_db()
    assert (invoice.buyer_name, invoice.buyer_company) == ("Deleted user", "")
    assert invoice.total == person.rows["invoice"].total
    _assert_counterparty_keeps_the_record(person, client)


def test_a_second_purge_changes_nothing(django_capture_on_commit_callbacks):
    person = freelancer_person()
    deletion = _schedule(person)
    _purge_due(deletion, django_capture_on_commit_callbacks)
    after_first = snapshot()

    later = deletion.purge_after + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert account_deletion_purge(deletion_id=deletion.pk, now=later) == "skipped"
        assert account_deletions_purge_due(now=later).purged == 0

    assert snapshot() == after_first


def test_a_purge_that_crashes_half_way_is_rolled_back_and_the_retry_completes(
    monkeypatch, django_capture_on_commit_callbacks
):
    person = freelancer_person()
    deletion = _schedule(person)
    email = person.user.email

    def crash(user):
        raise RuntimeError("the worker died")

    monkeypatch.setattr(purge, "_user_anonymise", crash)
    assert _purge_due(deletion, django_capture_on_commit_callbacks).failed == 1
    deletion.refresh_from_db()
    assert deletion.is_pending
    assert User.objects.get(pk=person.user.pk).email == email  # nothing half done
    assert MatchEvent.objects.filter(freelancer=person.user).exists()

    monkeypatch.undo()
    assert _purge_due(deletion, django_capture_on_commit_callbacks).purged == 1
    _assert_nothing_left(person)
    _assert_account_anonymised(person.user)
