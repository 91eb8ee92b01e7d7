"""The purge of one person: every personal field removed or irreversibly anonymised.

The User row stays, because contracts, messages, the ledger, invoices and the audit log point at
it (several with PROTECT); its e-mail becomes deleted-<id>@deleted.invalid, its names go, its
password becomes unusable, and `deleted_at` makes it show as "Deleted user" everywhere.

What goes: profile text and photo, skills, portfolio, tokens, consents and their history,
attributes shared for audits, notifications and settings, match events as actor or as the
freelancer, embeddings, learning rows, drafts, saved searches and their alerts, jobs and their
files, sessions, e-mail addresses, second factors, failed-login records, and mentions of the
person's name or address in other people's notifications and in the admin's change history.

What stays, without the person: messages (the counterparty keeps the text), contracts,
milestones and the ledger (amounts), review ratings, proposals' figures and status, projects of
an employer (open ones are closed), invoices with their parties' snapshot anonymised. The
audit log is append-only and never held personal text. docs/PRIVACY.md says why for each.

Every step is a plain query filtered by the person, so running the purge again finds nothing
left to change; the caller runs it in one transaction, so a crash leaves nothing half done.
"""

import re
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.db.models import Model, Q
from django.utils import timezone

from accounts.models import (
    ApiToken,
    Consent,
    ConsentEvent,
    EmployerProfile,
    FieldVisibility,
    FreelancerProfile,
    SelfDeclaredAttribute,
    User,
)
from automation.models import AlertDelivery, SavedSearch
from billing.exports import export_name as billing_export_name
from billing.exports import export_storage as billing_export_storage
from billing.models import Invoice
from drafting.models import ProposalDraft
from learning.models import Enrollment, LearnerSettings, LearningPlan
from matching.models import Embedding, MatchEvent
from matching.services import embeddings_remove
from projects.models import (
    FreelancerSkill,
    Invite,
    Job,
    Notification,
    NotificationPreference,
    PortfolioItem,
    Project,
    Proposal,
    Report,
    Review,
    ShortlistEntry,
    ThreadReadState,
)
from projects.services.proposals import proposal_decline_locked

from ..storage import export_name, export_storage

DELETED_NAME = "Deleted user"
CLOSED_REASON = "The employer closed their Gigwise account"
# Profile fields that stay: the row's identity and dates, not the person.
PROFILE_KEPT = {"id", "user", "created_at", "updated_at"}
# Names shorter than this are too common to scrub from other people's text by themselves.
MENTION_MIN_LENGTH = 4


def deleted_email(user_id: int) -> str:
    return f"deleted-{user_id}@deleted.invalid"


def person_mentions(user: User) -> list[str]:
    """How other people's text names the person: their address, and the name Gigwise shows."""
    mentions = [user.email]
    shown = user.get_full_name().strip() or user.email.split("@")[0]
    if len(shown) >= MENTION_MIN_LENGTH:
        mentions.append(shown)
    return mentions


def person_purge(*, user: User) -> None:
    """Remove or anonymise everything personal of `user`; call it inside one transaction."""
    mentions = person_mentions(user)
    _marketplace_anonymise(user)
    _ai_rows_delete(user)
    _account_rows_delete(user)
    _profiles_reset(user)
    _mentions_scrub(user, mentions)
    _user_anonymise(user)


def _marketplace_anonymise(user: User) -> None:
    now = timezone.now()
    # As a freelancer: live proposals are withdrawn so no employer acts on them; the figures
    # and status stay for the employer's records, the pitch and the answers go.
    Proposal.objects.filter(
        freelancer=user, status__in=[Proposal.Status.SUBMITTED, Proposal.Status.ARCHIVED]
    ).update(status=Proposal.Status.WITHDRAWN, decided_at=now, updated_at=now)
    Proposal.objects.filter(freelancer=user).exclude(cover_letter="", answers=[]).update(
        cover_letter="", answers=[]
    )
    Invite.objects.filter(freelancer=user, status=Invite.Status.PENDING).update(
        status=Invite.Status.DECLINED, answered_at=now
    )
    ShortlistEntry.objects.filter(Q(freelancer=user) | Q(project__employer=user)).delete()
    # Reviews are public: ratings stay in the other side's reputation, the words go.
    Review.objects.filter(author=user).exclude(text="").update(text="")
    Report.objects.filter(reporter=user).exclude(details="").update(details="")
    _projects_close(user, now)
    Invoice.objects.filter(freelancer=user).update(
        seller_name=DELETED_NAME, seller_email=deleted_email(user.pk), seller_country="",
        seller_tax_id="", notes="",
    )  # fmt: skip
    Invoice.objects.filter(employer=user).update(
        buyer_name=DELETED_NAME, buyer_company="", buyer_email=deleted_email(user.pk),
        buyer_country="",
    )  # fmt: skip


def _projects_close(user: User, now) -> None:
    """Drafts nobody else touched go; open projects close, declining their live proposals."""
    Project.objects.filter(
        employer=user,
        status=Project.Status.DRAFT,
        contracts__isnull=True,
        proposals__isnull=True,
        threads__isnull=True,
        invites__isnull=True,
    ).delete()
    open_projects = Project.objects.filter(employer=user, status=Project.Status.OPEN)
    live = Proposal.objects.select_for_update(of=("self",)).filter(
        project__in=open_projects, status__in=[Proposal.Status.SUBMITTED, Proposal.Status.ARCHIVED]
    )
    for proposal in live.select_related("project", "freelancer"):
        proposal_decline_locked(proposal=proposal, reason=CLOSED_REASON)
    # An update, not a save: a save would re-embed the project for matching after commit.
    open_projects.update(status=Project.Status.CLOSED, closed_at=now, updated_at=now)


def _ai_rows_delete(user: User) -> None:
    MatchEvent.objects.filter(Q(actor=user) | Q(freelancer=user)).delete()
    profiles = FreelancerProfile.objects.filter(user=user).values("pk")
    projects = Project.objects.filter(employer=user).values("pk")
    embeddings_remove(Embedding.Kind.FREELANCER, profiles)
    embeddings_remove(Embedding.Kind.PROJECT, projects)
    for model in (LearningPlan, Enrollment, LearnerSettings):
        model.objects.filter(profile__user=user).delete()
    ProposalDraft.objects.filter(freelancer=user).delete()
    AlertDelivery.objects.filter(user=user).delete()
    SavedSearch.objects.filter(user=user).delete()


# Rows that are the person's alone, keyed by `user`: deleted whole.
OWN_ROWS = (
    ApiToken, Consent, ConsentEvent, SelfDeclaredAttribute, Notification, NotificationPreference,
    ThreadReadState, EmailAddress, Authenticator, UserSession,
)  # fmt: skip


def _account_rows_delete(user: User) -> None:
    for model in OWN_ROWS:
        model.objects.filter(user=user).delete()
    _jobs_delete(user)
    # django-axes keys sign-in records by the login typed, which is the e-mail address.
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=user.email).delete()
    _sessions_end(user)


def _jobs_delete(user: User) -> None:
    """The person's jobs, and the files the exports among them built (ZIPs of data, invoices)."""
    stores = ((export_storage(), export_name), (billing_export_storage(), billing_export_name))
    for job_id in Job.objects.filter(user=user).values_list("pk", flat=True):
        for storage, name_of in stores:
            name = name_of(job_id=job_id)
            if storage.exists(name):
                storage.delete(name)
    Job.objects.filter(user=user).delete()


def _sessions_end(user: User) -> None:
    """Delete the person's sessions on every device (database sessions carry the user id).

    The unusable password set below would refuse them anyway (Django checks the password hash
    stored in a session); deleting them also removes what they hold.
    """
    user_id = str(user.pk)
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=ended).delete()


def _profiles_reset(user: User) -> None:
    """Every profile field back to its default; the rows stay, as pages of others link them."""
    FreelancerSkill.objects.filter(profile__user=user).delete()
    PortfolioItem.objects.filter(profile__user=user).delete()
    for profile in FreelancerProfile.objects.filter(user=user):
        profile.preferred_categories.clear()
        if profile.photo:
            profile.photo.storage.delete(profile.photo.name)
    for model in (FreelancerProfile, EmployerProfile):
        # An update, not a save: the profile's signals would queue work for an empty profile.
        model.objects.filter(user=user).update(**_defaults(model))


def _defaults(model: type[Model]) -> dict:
    values = {
        field.name: field.get_default()
        for field in model._meta.concrete_fields
        if field.name not in PROFILE_KEPT
    }
    # Nobody needs to see an empty profile's fields.
    for name in ("rate_visibility", "country_visibility", "photo_visibility"):
        if name in values:
            values[name] = FieldVisibility.NOBODY
    return values


def _scrubbed(text: str, patterns: Iterable[re.Pattern]) -> str:
    for pattern in patterns:
        text = pattern.sub(DELETED_NAME, text)
    return text


def _mentions_scrub(user: User, mentions: list[str]) -> None:
    """Other people's notifications and the admin's history name the person: not any more."""
    patterns = [re.compile(rf"(?<!\w){re.escape(m)}(?!\w)", re.IGNORECASE) for m in mentions]
    found = Q()
    for mention in mentions:
        found |= Q(title__icontains=mention) | Q(body__icontains=mention)
    notifications = list(Notification.objects.exclude(user=user).filter(found))
    for notification in notifications:
        notification.title = _scrubbed(notification.title, patterns)
        notification.body = _scrubbed(notification.body, patterns)
    Notification.objects.bulk_update(notifications, ["title", "body"])
    named = Q()
    for mention in mentions:
        named |= Q(object_repr__icontains=mention)
    entries = list(LogEntry.objects.filter(named))
    for entry in entries:
        entry.object_repr = _scrubbed(entry.object_repr, patterns)
    LogEntry.objects.bulk_update(entries, ["object_repr"])


def _user_anonymise(user: User) -> None:
    User.objects.filter(pk=user.pk).update(
        email=deleted_email(user.pk),
        first_name="",
        last_name="",
        is_active=False,
        is_staff=False,
        is_superuser=False,
        last_login=None,
    )
    # Once: a second run keeps the first run's moment and unusable password.
    User.objects.filter(pk=user.pk, deleted_at__isnull=True).update(
        password=make_password(None),  # unusable: nobody can sign in as this row again
        deleted_at=timezone.now(),
    )
    user.groups.clear()
    user.user_permissions.clear()
    user.refresh_from_db()
