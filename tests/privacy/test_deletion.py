"""Asking for deletion: confirmation, what blocks it, the grace period, cancelling, the e-mails."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from privacy.context_processors import deletion_pending
from privacy.models import AccountDeletion
from privacy.services.deletion import (
    WRONG_PASSWORD,
    account_deletion_cancel,
    account_deletion_request,
    account_deletions_purge_due,
)
from projects.models import Contract, Milestone
from tests.factories import PASSWORD, ContractFactory, FreelancerFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def _due(deletion, capture, *, later=dt.timedelta(minutes=1)):
    with capture(execute=True):
        return account_deletions_purge_due(now=deletion.purge_after + later)


def test_the_request_needs_the_password_and_sends_what_happens_and_how_to_cancel(
    freelancer, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as wrong:
        account_deletion_request(user=freelancer, confirmation="not my password")
    assert wrong.value.message_dict == {"confirmation": [WRONG_PASSWORD]}
    assert not AccountDeletion.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        deletion = account_deletion_request(user=freelancer, confirmation=PASSWORD)

    assert deletion.purge_after - deletion.requested_at == dt.timedelta(days=14)
    [mail] = mailoutbox
    assert mail.to == [freelancer.email]
    assert "Keep my account" in mail.body
    assert reverse("privacy:data") in mail.body
    assert f"{deletion.purge_after:%Y}" in mail.subject
    # Asking twice is the same request.
    assert account_deletion_request(user=freelancer, confirmation=PASSWORD) == deletion


def test_an_account_without_a_password_confirms_with_its_address(freelancer):
    freelancer.set_unusable_password()
    freelancer.save()
    with pytest.raises(ValidationError):
        account_deletion_request(user=freelancer, confirmation="someone@example.com")
    deletion = account_deletion_request(user=freelancer, confirmation=freelancer.email.upper())
    assert deletion.is_pending


def test_an_active_contract_or_escrow_money_blocks_the_request_and_is_named(freelancer):
    contract = ContractFactory(freelancer=freelancer, title="Warehouse dashboard")
    with pytest.raises(ValidationError) as blocked:
        account_deletion_request(user=freelancer, confirmation=PASSWORD)
    assert "“Warehouse dashboard”" in str(blocked.value)

    Contract.objects.filter(pk=contract.pk).update(status=Contract.Status.CANCELLED)
    MilestoneFactory(contract=contract, status=Milestone.Status.FUNDED)
    with pytest.raises(ValidationError) as held:
        account_deletion_request(user=freelancer, confirmation=PASSWORD)
    assert "escrow" in str(held.value)
    assert not AccountDeletion.objects.exists()


def test_nothing_is_purged_during_the_grace_period_and_a_cancel_keeps_everything(
    freelancer, mailoutbox, django_capture_on_commit_callbacks
):
    deletion = account_deletion_request(user=freelancer, confirmation=PASSWORD)
    early = _due(deletion, django_capture_on_commit_callbacks, later=-dt.timedelta(minutes=1))
    assert early.purged == 0
    assert User.objects.get(pk=freelancer.pk).is_active

    with django_capture_on_commit_callbacks(execute=True):
        account_deletion_cancel(user=freelancer)
    assert "will not be deleted" in mailoutbox[-1].subject
    assert _due(deletion, django_capture_on_commit_callbacks).purged == 0
    freelancer.refresh_from_db()
    assert (freelancer.is_active, freelancer.deleted_at) == (True, None)
    # Cancelled, they can ask again later.
    assert account_deletion_request(user=freelancer, confirmation=PASSWORD).is_pending


def test_a_contract_started_in_the_grace_period_makes_the_purge_wait_and_say_why_once(
    freelancer, mailoutbox, django_capture_on_commit_callbacks
):
    deletion = account_deletion_request(user=freelancer, confirmation=PASSWORD)
    contract = ContractFactory(freelancer=freelancer, title="Late hire")
    mailoutbox.clear()

    assert _due(deletion, django_capture_on_commit_callbacks).waiting == 1
    assert _due(deletion, django_capture_on_commit_callbacks).waiting == 1
    deletion.refresh_from_db()
    assert "“Late hire”" in deletion.blocked_reason
    assert len(mailoutbox) == 1  # said once, not every hour
    assert "could not be deleted yet" in mailoutbox[0].subject

    Contract.objects.filter(pk=contract.pk).update(status=Contract.Status.COMPLETED)
    assert _due(deletion, django_capture_on_commit_callbacks).purged == 1


def test_the_purge_writes_once_more_to_the_old_address_and_never_again(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = FreelancerFactory(email="leaving@example.com")
    deletion = account_deletion_request(user=person, confirmation=PASSWORD)
    mailoutbox.clear()
    _due(deletion, django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert mail.to == ["leaving@example.com"]
    assert "has been deleted" in mail.subject
    person.refresh_from_db()
    assert "leaving" not in person.email


def test_the_page_offers_to_cancel_while_pending_and_the_banner_says_when(client, freelancer):
    client.force_login(freelancer)
    page = client.get(reverse("privacy:delete"))
    assert "Delete my account in 14 days" in page.content.decode()

    refused = client.post(reverse("privacy:delete"), {"confirmation": "wrong"})
    assert refused.status_code == 400
    assert WRONG_PASSWORD in refused.content.decode()

    done = client.post(reverse("privacy:delete"), {"confirmation": PASSWORD}, follow=True)
    deletion = AccountDeletion.objects.get(user=freelancer)
    text = done.content.decode()
    assert "Keep my account" in text
    assert f"{timezone.localtime(deletion.purge_after):%-d %B %Y}" in text

    client.post(reverse("privacy:delete-cancel"))
    assert not AccountDeletion.objects.pending().exists()
    assert "Delete my account…" in client.get(reverse("privacy:data")).content.decode()


def test_the_banner_shows_on_any_page_while_deletion_is_pending(rf, freelancer):
    request = rf.get("/")
    request.user = freelancer

    def banner() -> str:
        context = deletion_pending(request)
        return render_to_string("privacy/_deletion_banner.html", context, request=request)

    assert "will be deleted" not in banner()
    deletion = account_deletion_request(user=freelancer, confirmation=PASSWORD)
    shown = banner()
    assert f"{timezone.localtime(deletion.purge_after):%-d %B %Y}" in shown
    assert reverse("privacy:data") in shown


def test_every_page_shows_the_banner_while_deletion_is_pending(client, freelancer):
    client.force_login(freelancer)
    assert "will be deleted" not in client.get(reverse("projects:dashboard")).content.decode()

    account_deletion_request(user=freelancer, confirmation=PASSWORD)

    for url in (reverse("projects:dashboard"), reverse("projects:project-list")):
        page = client.get(url).content.decode()
        assert "Your account will be deleted on" in page
        assert "Keep my account" in page


def test_the_purge_command_purges_what_is_due_once(freelancer, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    deletion = account_deletion_request(user=freelancer, confirmation=PASSWORD)
    # Requested 15 days ago: the 14-day grace period is over.
    AccountDeletion.objects.filter(pk=deletion.pk).update(
        requested_at=timezone.now() - dt.timedelta(days=15),
        purge_after=timezone.now() - dt.timedelta(days=1),
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_deleted_accounts", stdout=out)
        call_command("purge_deleted_accounts", stdout=out)

    first, second = out.getvalue().splitlines()
    assert first.startswith("Purged 1,")
    assert second.startswith("Purged 0,")
    freelancer.refresh_from_db()
    assert freelancer.deleted_at is not None
