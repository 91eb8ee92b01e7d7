"""What a data export contains: one section per model, and how a person's rows are found.

A section names its model and the field paths from that model to the person (`paths`, OR-ed:
a contract is theirs as employer or as freelancer), or a query of its own (`rows`) where a path
cannot say it (reviews received appear only once published). Each row is written with every
concrete field unless `exclude`d (secrets such as token digests are never exported).

`tests/privacy/test_export_complete.py` walks every installed model and fails when one with a
relation to the user (directly or through a profile) has no section here, or a relation field
that no section follows; `NOT_EXPORTED` names the few deliberate exceptions, each with why.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from accounts.models import (
    ApiToken,
    Consent,
    ConsentEvent,
    EmployerProfile,
    FreelancerProfile,
    SelfDeclaredAttribute,
    User,
)
from automation.models import AlertDelivery, SavedSearch
from billing.models import Invoice, InvoiceLine, InvoiceSequence, TimeEntry, Timesheet
from drafting.models import ProposalDraft
from learning.models import (
    CourseRecommendation,
    Enrollment,
    LearnerSettings,
    LearningPlan,
    SkillGap,
)
from matching.models import Embedding, MatchEvent
from projects.models import (
    AuditLogEntry,
    Contract,
    FreelancerSkill,
    Invite,
    Job,
    LedgerEntry,
    Message,
    Milestone,
    Notification,
    NotificationPreference,
    PortfolioItem,
    Project,
    ProjectSkill,
    Proposal,
    Report,
    Review,
    ShortlistEntry,
    SkillCategory,
    Thread,
    ThreadReadState,
)
from projects.selectors.reputation import reviews_visible_for

from . import derived
from .models import AccountDeletion
from .serialise import Extra, exported_fields, exported_many, row_record

Record = dict[str, Any]


@dataclass(frozen=True, eq=False)
class Section:
    name: str  # the file in the ZIP: <name>.json
    title: str  # the heading in index.html
    about: str  # one sentence under it: what this is
    model: type[models.Model] | None = None
    # Field paths from the model to the user, any of them. With `rows` they only name the
    # relations that query follows (the completeness test reads them).
    paths: tuple[str, ...] = ()
    rows: Callable[[User], QuerySet] | None = None
    exclude: tuple[str, ...] = ()
    extra: Extra = field(default_factory=dict)  # readable additions: {"skill": name of it}
    select_related: tuple[str, ...] = ()
    # Changes a row's record for this person (hides what belongs to somebody else).
    adjust: Callable[[Record, models.Model, User], Record] | None = None
    # A section computed now rather than stored (the current top of the feed).
    compute: Callable[[User], list[Record]] | None = None

    def queryset(self, user: User) -> QuerySet:
        if self.rows is not None:
            rows = self.rows(user)
        else:
            match = Q()
            for path in self.paths:
                match |= Q(**{path: user.pk if path == "pk" else user})
            rows = self.model._default_manager.filter(match)
            if any("__" in path for path in self.paths) or len(self.paths) > 1:
                rows = rows.distinct()
        many = [f.name for f in exported_many(self.model, self.exclude)]
        return rows.select_related(*self.select_related).prefetch_related(*many).order_by("pk")

    def records(self, user: User) -> Iterator[Record]:
        if self.compute is not None:
            yield from self.compute(user)
            return
        fields = exported_fields(self.model, self.exclude)
        many = exported_many(self.model, self.exclude)
        for row in self.queryset(user).iterator(chunk_size=500):
            record = row_record(row, fields=fields, many=many, extra=self.extra)
            yield self.adjust(record, row, user) if self.adjust else record


def _name(attribute: str) -> Mapping[str, Callable[[Any], Any]]:
    """An extra column with a related object's name, so a person can read ids."""
    first, _, rest = attribute.partition(".")
    return {attribute.replace(".", "_"): lambda row: getattr(getattr(row, first), rest, None)}


def _reviews(user: User) -> QuerySet:
    # Double-blind: a review about the person joins the export once it is published, as it
    # would on their profile; before that only its author may read it.
    published = reviews_visible_for(subject=user).values("pk")
    return Review.objects.filter(Q(author=user) | Q(pk__in=published))


def _shortlist_adjust(record: Record, row: ShortlistEntry, user: User) -> Record:
    # The employer's note is their own private memo; the freelancer learns they were listed.
    if row.project.employer_id != user.pk:
        record.pop("note", None)
    return record


def _audit_rows(user: User) -> QuerySet:
    targets = Q(target_type=ContentType.objects.get_for_model(User), target_id=user.pk)
    for model in (FreelancerProfile, EmployerProfile):
        profile = model.objects.filter(user=user).values_list("pk", flat=True).first()
        if profile is not None:
            kind = ContentType.objects.get_for_model(model)
            targets |= Q(target_type=kind, target_id=profile)
    return AuditLogEntry.objects.filter(targets | Q(actor=user))


def _audit_adjust(record: Record, row: models.Model, user: User) -> Record:
    # Entries about the person say what staff did and why; which staff member is theirs.
    if row.actor_id != user.pk:
        record.pop("actor_id", None)
    return record


def _logins(model: type[models.Model]) -> Callable[[User], QuerySet]:
    # django-axes keys its rows by the login typed (the e-mail address), not by a user id.
    return lambda user: model.objects.filter(username__iexact=user.email)


THEIRS_AS_PARTY = ("employer", "freelancer")
VIA_CONTRACT = ("contract__employer", "contract__freelancer")
VIA_PROFILE = ("profile__user",)
LOGIN_EXCLUDE = ("get_data", "post_data", "http_accept")

SECTIONS: tuple[Section, ...] = (
    # --- The account and the profiles ---
    Section("account", "Account", "Your sign-in, name, role and account dates.", User,
            ("pk",), exclude=("password",)),
    Section("email_addresses", "E-mail addresses", "Addresses on your account.", EmailAddress,
            ("user",)),
    Section("two_factor", "Two-factor authentication", "Your second factors (never their "
            "secrets).", Authenticator, ("user",), exclude=("data",)),
    Section("freelancer_profile", "Freelancer profile", "What clients see, and your "
            "preferences for matching.", FreelancerProfile, ("user",)),
    Section("employer_profile", "Company profile", "Your company as freelancers see it.",
            EmployerProfile, ("user",)),
    Section("skills", "Skills", "Skills you claimed, learned or proved.", FreelancerSkill,
            VIA_PROFILE, extra=_name("skill.name"), select_related=("skill",)),
    Section("portfolio", "Portfolio", "Work you show on your profile.", PortfolioItem,
            VIA_PROFILE),
    Section("category_preferences", "Preferred categories", "Skill categories you prefer.",
            SkillCategory, ("preferred_by__user",), exclude=("preferred_by",)),
    Section("api_tokens", "API tokens", "Names and dates of your tokens (never the tokens).",
            ApiToken, ("user",), exclude=("digest",)),
    Section("consents", "AI consents", "Your current choice for each AI feature.", Consent,
            ("user",)),
    Section("consent_history", "Consent history", "Every change of those choices.",
            ConsentEvent, ("user",)),
    Section("audit_attributes", "Attributes shared for audits", "What you shared only for "
            "the fairness audit.", SelfDeclaredAttribute, ("user",)),
    # --- The marketplace ---
    Section("projects", "Projects", "Projects you posted as an employer.", Project,
            ("employer",), exclude=("search_vector",)),
    Section("project_skills", "Project skills", "The skills your projects asked for.",
            ProjectSkill, ("project__employer",), extra=_name("skill.name"),
            select_related=("skill",)),
    Section("proposals", "Proposals", "Proposals you sent as a freelancer.", Proposal,
            ("freelancer",), extra=_name("project.title"), select_related=("project",)),
    Section("invites", "Invitations", "Invitations you sent or received.", Invite,
            ("freelancer", "project__employer"), extra=_name("project.title"),
            select_related=("project",)),
    Section("shortlists", "Shortlists", "Shortlists you kept, or were put on.",
            ShortlistEntry, ("project__employer", "freelancer"), select_related=("project",),
            adjust=_shortlist_adjust),
    Section("contracts", "Contracts", "Contracts you are a party to.", Contract,
            THEIRS_AS_PARTY),
    Section("milestones", "Milestones", "Milestones of your contracts.", Milestone,
            VIA_CONTRACT),
    Section("ledger", "Ledger entries", "Escrow money movements of your contracts.",
            LedgerEntry, VIA_CONTRACT),
    Section("reviews", "Reviews", "Reviews you wrote, and published reviews about you.",
            Review, ("author", "subject"), rows=_reviews),
    Section("threads", "Conversations", "Message threads you take part in.", Thread,
            THEIRS_AS_PARTY),
    Section("messages", "Messages", "Every message of those threads, both sides.", Message,
            ("thread__employer", "thread__freelancer", "sender")),
    Section("read_positions", "Read positions", "How far you read each thread.",
            ThreadReadState, ("user",)),
    Section("notifications", "Notifications", "Notifications sent to you.", Notification,
            ("user",)),
    Section("notification_preferences", "Notification settings", "Which notifications are "
            "e-mailed to you.", NotificationPreference, ("user",)),
    Section("reports", "Reports", "Reports you made to moderators.", Report, ("reporter",)),
    Section("audit_log", "Audit log", "What staff did or read about your account (and, for "
            "staff, what you did).", AuditLogEntry, ("actor",), rows=_audit_rows,
            adjust=_audit_adjust),
    Section("admin_log", "Admin changes", "Changes you made in the admin (staff only).",
            LogEntry, ("user",)),
    Section("jobs", "Background jobs", "Jobs you started, such as this export.", Job,
            ("user",)),
    # --- Matching and the AI features ---
    Section("match_events", "Match events", "What you did with suggested matches, and what "
            "employers did with you: with the score, its parts and the reason shown.",
            MatchEvent, ("actor", "freelancer")),
    Section("embeddings", "Embeddings", "The vectors matching computed from your profile and "
            "projects.", Embedding, rows=derived.embedding_rows, adjust=derived.embedding_adjust),
    Section("current_matches", "Current matches", "The top of your gig feed as it is now, "
            "with the reasons (employers see the same reasons about you).",
            compute=derived.current_matches),
    Section("learner_settings", "Learning settings", "What you want from courses.",
            LearnerSettings, VIA_PROFILE),
    Section("enrollments", "Courses", "Courses you enrolled in.", Enrollment, VIA_PROFILE,
            extra=_name("course.title"), select_related=("course",)),
    Section("learning_plans", "Learning plan", "Your computed learning plan.", LearningPlan,
            VIA_PROFILE),
    Section("skill_gaps", "Skill gaps", "The gaps in it.", SkillGap, ("plan__profile__user",),
            extra=_name("skill.name"), select_related=("skill",)),
    Section("course_recommendations", "Recommended courses", "The courses it recommends.",
            CourseRecommendation, ("plan__profile__user",)),
    Section("proposal_drafts", "Proposal drafts", "Drafts of proposals.", ProposalDraft,
            ("freelancer",)),
    Section("saved_searches", "Saved searches", "Searches you saved for alerts.", SavedSearch,
            ("user",)),
    Section("alert_deliveries", "Alerts sent", "Projects your alerts sent you.", AlertDelivery,
            ("user",)),
    # --- Billing ---
    Section("timesheets", "Timesheets", "Weeks of your hourly contracts.", Timesheet,
            VIA_CONTRACT),
    Section("time_entries", "Time entries", "Time logged on your hourly contracts.",
            TimeEntry, ("freelancer", "contract__employer")),
    Section("invoice_sequence", "Invoice numbering", "The last invoice number you issued.",
            InvoiceSequence, ("freelancer",)),
    Section("invoices", "Invoices", "Invoices and credit notes you issued or received.",
            Invoice, THEIRS_AS_PARTY),
    Section("invoice_lines", "Invoice lines", "The lines of those invoices.", InvoiceLine,
            ("invoice__freelancer", "invoice__employer")),
    # --- Sign-ins and this app ---
    Section("login_attempts", "Failed sign-ins", "Recent failed sign-ins with your address.",
            AccessAttempt, rows=_logins(AccessAttempt), exclude=LOGIN_EXCLUDE),
    Section("login_failures", "Failed sign-in log", "The log of failed sign-ins.",
            AccessFailureLog, rows=_logins(AccessFailureLog), exclude=LOGIN_EXCLUDE),
    Section("logins", "Sign-ins", "When and from where you signed in.", AccessLog,
            rows=_logins(AccessLog), exclude=LOGIN_EXCLUDE),
    Section("signed_in_devices", "Signed-in devices", "Where you are signed in: address, "
            "browser and when (never the session key).", UserSession, ("user",),
            exclude=("session_key", "data")),
    Section("deletion_requests", "Deletion requests", "Requests to delete your account.",
            AccountDeletion, ("user",)),
)  # fmt: skip

# Relations to the user (or a profile) that no section follows, each with why. The test fails
# when a relation is in neither.
NOT_EXPORTED: dict[str, str] = {
    "projects.Report.resolved_by": (
        "A staff member who resolved a report: the report's text is the reporter's, and what the "
        "staff member did is in their audit-log section."
    ),
}
