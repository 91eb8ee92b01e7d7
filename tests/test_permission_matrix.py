"""Every URL of the marketplace, as every role: who gets the page, who gets a 404, who logs in.

One world (two employers A and B, two freelancers X and Y, staff) and one table: for each named
URL of the `projects` and `accounts` namespaces, what each role gets. A URL missing from the
table fails `test_every_url_is_in_the_matrix`, so a new page cannot skip its permission check.
Somebody else's object answers 404, and the 404 never carries the object's private text.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services import api_token_create
from projects.models import (
    Contract,
    Job,
    LedgerEntry,
    Milestone,
    PortfolioItem,
    Project,
    Proposal,
    Review,
)
from projects.services.notification_email import notification_unsubscribe_token
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    LedgerEntryFactory,
    MessageFactory,
    MilestoneFactory,
    NotificationFactory,
    ProjectFactory,
    ProposalFactory,
    ReportFactory,
    ReviewFactory,
    StaffFactory,
    ThreadFactory,
)
from tests.projects.factories import FreelancerSkillFactory

# Private text planted in the world: none of it may reach someone who gets a 404.
DRAFT_TITLE = "Secret draft: rebuild the payroll engine"
INVITE_ONLY_TITLE = "Invite-only: confidential merger data room"
IN_PROGRESS_TITLE = "In progress: clinic booking system for Acme"
COMPLETED_TITLE = "Completed: warehouse dashboard for Acme"
HIDDEN_TITLE = "Hidden by staff: work from home and earn"
COVER_LETTER = "Cover letter only the employer may read: my rate drops for you"
BID = "1987.65"
HIRED_COVER_LETTER = "Hired cover letter: I built three of these"
CONTRACT_TERMS = "Terms between A and X: weekly demo on Fridays"
LEDGER_AMOUNT = Decimal("4321.09")
MESSAGE_BODY = "Private message: the staging password is in the vault"
NOTIFICATION_TITLE = "Private notification for X: milestone approved"
API_TOKEN_NAME = "Payroll export token of freelancer X"
JOB_TITLE = "Private job of X: invoices for Acme as PDF"

ROLES = ("anonymous", "X", "Y", "A", "B", "staff")


@dataclass
class World:
    A: Any
    B: Any
    X: Any
    Y: Any
    staff: Any
    draft: Project
    open_public: Project
    invite_only: Project
    in_progress: Project
    completed: Project
    hidden: Project
    suspended: Any
    proposal: Proposal
    invite: Any
    contract: Contract
    ended_contract: Contract
    milestones: dict[str, Milestone]
    thread: Any
    message: Any
    notification: Any
    report: Any
    skill: Any
    portfolio_item: PortfolioItem
    api_token: ApiToken
    job: Job

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


def build_world() -> World:
    """A's projects in every state, X's proposal, an invite, a contract A-X with milestones in
    every state and a ledger, an ended contract with both reviews, a thread, notifications and a
    report. B, Y and staff own nothing of it."""
    a, b = EmployerFactory(), EmployerFactory()
    x, y = FreelancerFactory(), FreelancerFactory()
    staff = StaffFactory()
    draft = ProjectFactory(
        employer=a, title=DRAFT_TITLE, status=Project.Status.DRAFT, published_at=None
    )
    open_public = ProjectFactory(employer=a, title="Open public: a booking web app")
    invite_only = ProjectFactory(
        employer=a, title=INVITE_ONLY_TITLE, visibility=Project.Visibility.INVITE_ONLY
    )
    in_progress = ProjectFactory(
        employer=a, title=IN_PROGRESS_TITLE, status=Project.Status.IN_PROGRESS
    )
    completed = ProjectFactory(employer=a, title=COMPLETED_TITLE, status=Project.Status.COMPLETED)
    ProjectFactory(employer=b, title="B's own open project")
    # Hidden by a moderator: gone for everyone but its owner and staff, Y's proposal or not.
    hidden = ProjectFactory(employer=a, title=HIDDEN_TITLE, is_hidden=True)
    ProposalFactory(project=hidden, freelancer=y)
    suspended = FreelancerFactory(is_active=False)

    proposal = ProposalFactory(
        project=open_public, freelancer=x, cover_letter=COVER_LETTER, bid_amount=Decimal(BID)
    )
    invite = InviteFactory(project=invite_only, freelancer=x)

    hired = ProposalFactory(
        project=in_progress,
        freelancer=x,
        status=Proposal.Status.HIRED,
        cover_letter=HIRED_COVER_LETTER,
    )
    contract = ContractFactory(project=in_progress, freelancer=x, proposal=hired)
    Contract.objects.filter(pk=contract.pk).update(terms=CONTRACT_TERMS)
    contract.terms = CONTRACT_TERMS
    today = timezone.localdate()
    milestones = {
        status: MilestoneFactory(
            contract=contract,
            title=f"Milestone {status}",
            status=status,
            position=position,
            due_date=today + dt.timedelta(days=7 + position),
        )
        for position, status in enumerate(Milestone.Status.values)
    }
    LedgerEntryFactory(
        contract=contract,
        milestone=milestones[Milestone.Status.RELEASED],
        kind=LedgerEntry.Kind.FUND,
        amount=LEDGER_AMOUNT,
    )
    LedgerEntryFactory(
        contract=contract,
        milestone=milestones[Milestone.Status.RELEASED],
        kind=LedgerEntry.Kind.RELEASE,
        amount=Decimal("3888.98"),
    )
    LedgerEntryFactory(
        contract=contract,
        milestone=milestones[Milestone.Status.RELEASED],
        kind=LedgerEntry.Kind.FEE,
        amount=Decimal("432.11"),
    )

    ended = ContractFactory(
        project=completed,
        freelancer=x,
        proposal=ProposalFactory(project=completed, freelancer=x, status=Proposal.Status.HIRED),
        status=Contract.Status.COMPLETED,
        ended_at=timezone.now() - dt.timedelta(days=2),
    )
    ReviewFactory(contract=ended)
    ReviewFactory(
        contract=ended, author=x, subject=a, direction=Review.Direction.OF_EMPLOYER, text="Fair"
    )

    thread = ThreadFactory(project=in_progress, freelancer=x, contract=contract)
    MessageFactory(thread=thread, sender=x, body="Thanks, on it.")
    message = MessageFactory(thread=thread, sender=a, body=MESSAGE_BODY)
    notification = NotificationFactory(
        user=x,
        title=NOTIFICATION_TITLE,
        url=reverse("projects:contract-detail", args=[contract.pk]),
    )
    NotificationFactory(user=a, kind="proposal_received", title="A proposal arrived")
    report = ReportFactory(reporter=x, target=open_public)
    skill = FreelancerSkillFactory(profile=x.freelancer_profile)
    portfolio_item = PortfolioItem.objects.create(
        profile=x.freelancer_profile, title="Clinic booking app", description="Django, HTMX"
    )
    api_token, _raw = api_token_create(user=x, name=API_TOKEN_NAME)
    job = Job.objects.create(user=x, kind="test.pdfs", title=JOB_TITLE)
    return World(
        A=a,
        B=b,
        X=x,
        Y=y,
        staff=staff,
        draft=draft,
        open_public=open_public,
        invite_only=invite_only,
        in_progress=in_progress,
        completed=completed,
        hidden=hidden,
        suspended=suspended,
        proposal=proposal,
        invite=invite,
        contract=contract,
        ended_contract=ended,
        milestones=milestones,
        thread=thread,
        message=message,
        notification=notification,
        report=report,
        skill=skill,
        portfolio_item=portfolio_item,
        api_token=api_token,
        job=job,
    )


# --- what each role gets -------------------------------------------------------------------------
LOGIN = "login"  # 302 to the login page, with ?next=
DASHBOARD = "dashboard"  # 302 to the dashboard (role_required sends staff, who have no role, there)
REDIRECT = "redirect"  # 302 somewhere else: the action was taken (or refused with a message)


def _roles(anonymous, x, y, a, b, staff) -> dict[str, Any]:
    return dict(zip(ROLES, (anonymous, x, y, a, b, staff), strict=True))


PUBLIC = _roles(200, 200, 200, 200, 200, 200)
LOGGED_IN = _roles(LOGIN, 200, 200, 200, 200, 200)
FREELANCERS = _roles(LOGIN, 200, 200, 404, 404, DASHBOARD)
EMPLOYERS = _roles(LOGIN, 404, 404, 200, 200, DASHBOARD)
X_ONLY = _roles(LOGIN, 200, 404, 404, 404, DASHBOARD)  # X's own object, a freelancer page
A_ONLY = _roles(LOGIN, 404, 404, 200, 404, DASHBOARD)  # A's own object, an employer page
PARTIES = _roles(LOGIN, 200, 404, 200, 404, 404)  # the two parties; staff are not one
PARTIES_AND_STAFF = _roles(LOGIN, 200, 404, 200, 404, 200)  # staff may look, read-only
CONTRACT_EMPLOYER = _roles(LOGIN, 404, 404, 200, 404, 404)  # acting as the contract's employer
CONTRACT_FREELANCER = _roles(LOGIN, 200, 404, 404, 404, 404)


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


@dataclass(frozen=True)
class Case:
    name: str  # the URL name, "namespace:name"
    label: str  # what this case is about, for the test id
    expect: dict[str, Any]
    args: Callable[[World], list] = lambda w: []
    method: str = "get"
    query: str = ""
    data: dict = field(default_factory=dict)
    secrets: tuple[str, ...] = ()
    # Roles that must not see the secrets; by default, those that get a 404.
    hidden_from: tuple[str, ...] | None = None

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name} ({self.label})"

    def secret_roles(self) -> tuple[str, ...]:
        if self.hidden_from is not None:
            return self.hidden_from
        return tuple(role for role, expected in self.expect.items() if expected == 404)


def _m(status: str) -> Callable[[World], list]:
    return lambda w: [w.contract.pk, w.milestones[status].pk]


U, F, S, C, R = (
    Milestone.Status.UNFUNDED,
    Milestone.Status.FUNDED,
    Milestone.Status.SUBMITTED,
    Milestone.Status.CHANGES_REQUESTED,
    Milestone.Status.RELEASED,
)
POST_ONLY_FOR_ANY = _roles(LOGIN, 405, 405, 405, 405, 405)
POST_ONLY_FOR_FREELANCERS = _roles(LOGIN, 405, 405, 404, 404, DASHBOARD)
POST_ONLY_FOR_EMPLOYERS = _roles(LOGIN, 404, 404, 405, 405, DASHBOARD)
ALL_PRIVATE = (
    DRAFT_TITLE,
    INVITE_ONLY_TITLE,
    IN_PROGRESS_TITLE,
    COVER_LETTER,
    HIRED_COVER_LETTER,
    CONTRACT_TERMS,
    str(LEDGER_AMOUNT),
    MESSAGE_BODY,
    NOTIFICATION_TITLE,
    API_TOKEN_NAME,
)

CASES: list[Case] = [
    # --- the dashboard and the freelancer's profile ---------------------------------------------
    Case("projects:dashboard", "every role", LOGGED_IN),
    Case("projects:onboarding-skills", "skill picker", FREELANCERS),
    Case("projects:onboarding-preferences", "preferences", FREELANCERS),
    Case("projects:skill-autocomplete", "suggestions", LOGGED_IN, query="q=pyth"),
    Case(
        "projects:freelancer-skill-add",
        "empty form",
        FREELANCERS,
        method="post",
    ),
    Case("projects:freelancer-skill-add", "GET", POST_ONLY_FOR_FREELANCERS),
    Case(
        "projects:freelancer-skill-remove",
        "X's skill",
        _with(X_ONLY, X=REDIRECT),
        args=lambda w: [w.skill.pk],
        method="post",
    ),
    Case(
        "projects:freelancer-skill-remove",
        "GET",
        _with(X_ONLY, X=405, Y=405),
        args=lambda w: [w.skill.pk],
    ),
    Case("projects:portfolio", "own list", FREELANCERS),
    Case("projects:portfolio-edit", "X's item", X_ONLY, args=lambda w: [w.portfolio_item.pk]),
    Case("projects:portfolio-delete", "X's item", X_ONLY, args=lambda w: [w.portfolio_item.pk]),
    # --- projects ---------------------------------------------------------------------------------
    Case(
        "projects:project-list",
        "browse",
        PUBLIC,
        secrets=(DRAFT_TITLE, INVITE_ONLY_TITLE, IN_PROGRESS_TITLE, HIDDEN_TITLE),
        hidden_from=ROLES,
    ),
    Case(
        "projects:project-mine",
        "own list",
        EMPLOYERS,
        secrets=(DRAFT_TITLE, INVITE_ONLY_TITLE),
        hidden_from=("X", "Y", "B"),
    ),
    Case("projects:project-create", "form", EMPLOYERS),
    Case(
        "projects:project-detail",
        "draft",
        _roles(404, 404, 404, 200, 404, 200),
        args=lambda w: [w.draft.pk],
        secrets=(DRAFT_TITLE,),
    ),
    Case("projects:project-detail", "open, public", PUBLIC, args=lambda w: [w.open_public.pk]),
    Case(
        "projects:project-detail",
        "open, invite only, X invited",
        _roles(404, 200, 404, 200, 404, 200),
        args=lambda w: [w.invite_only.pk],
        secrets=(INVITE_ONLY_TITLE,),
    ),
    Case(
        "projects:project-detail",
        "in progress, X hired",
        _roles(404, 200, 404, 200, 404, 200),
        args=lambda w: [w.in_progress.pk],
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:project-detail",
        "completed, X hired",
        _roles(404, 200, 404, 200, 404, 200),
        args=lambda w: [w.completed.pk],
        secrets=(COMPLETED_TITLE,),
    ),
    Case(
        "projects:project-detail",
        "hidden by staff, Y proposed",
        _roles(404, 404, 404, 200, 404, 200),
        args=lambda w: [w.hidden.pk],
        secrets=(HIDDEN_TITLE,),
    ),
    Case(
        "projects:project-edit",
        "draft",
        A_ONLY,
        args=lambda w: [w.draft.pk],
        secrets=(DRAFT_TITLE,),
    ),
    Case(
        "projects:project-edit",
        "in progress: not editable, back to the page",
        _with(A_ONLY, A=REDIRECT),
        args=lambda w: [w.in_progress.pk],
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:project-edit",
        "draft, empty form",
        A_ONLY,
        args=lambda w: [w.draft.pk],
        method="post",
        secrets=(DRAFT_TITLE,),
    ),
    Case(
        "projects:project-preview",
        "draft",
        A_ONLY,
        args=lambda w: [w.draft.pk],
        secrets=(DRAFT_TITLE,),
    ),
    *(
        case
        for action, project in (
            ("publish", "draft"),
            ("close", "open_public"),
            ("cancel", "open_public"),
        )
        for case in (
            Case(
                f"projects:project-{action}",
                f"confirm, {project}",
                A_ONLY,
                args=lambda w, project=project: [getattr(w, project).pk],
                secrets=(DRAFT_TITLE,) if project == "draft" else (),
            ),
            Case(
                f"projects:project-{action}",
                project,
                _with(A_ONLY, A=REDIRECT),
                args=lambda w, project=project: [getattr(w, project).pk],
                method="post",
                secrets=(DRAFT_TITLE,) if project == "draft" else (),
            ),
        )
    ),
    # --- proposals, invites, talent ---------------------------------------------------------------
    Case(
        "projects:proposal-submit",
        "open, public",
        FREELANCERS,
        args=lambda w: [w.open_public.pk],
    ),
    Case(
        "projects:proposal-submit",
        "open, public, empty form",
        FREELANCERS,
        args=lambda w: [w.open_public.pk],
        method="post",
    ),
    Case(
        "projects:proposal-submit",
        "invite only, X invited",
        X_ONLY,
        args=lambda w: [w.invite_only.pk],
        secrets=(INVITE_ONLY_TITLE,),
    ),
    Case(
        "projects:proposal-submit",
        "draft",
        _roles(LOGIN, 404, 404, 404, 404, DASHBOARD),
        args=lambda w: [w.draft.pk],
        secrets=(DRAFT_TITLE,),
    ),
    Case(
        "projects:proposal-submit",
        "hidden by staff",
        _roles(LOGIN, 404, 404, 404, 404, DASHBOARD),
        args=lambda w: [w.hidden.pk],
        secrets=(HIDDEN_TITLE,),
    ),
    Case(
        "projects:project-proposals",
        "A's open project",
        A_ONLY,
        args=lambda w: [w.open_public.pk],
        secrets=(COVER_LETTER,),
        hidden_from=("anonymous", "X", "Y", "B", "staff"),
    ),
    Case(
        "projects:my-proposals",
        "own list",
        FREELANCERS,
        secrets=(INVITE_ONLY_TITLE, COVER_LETTER),
        hidden_from=("Y", "A", "B"),
    ),
    Case(
        "projects:my-proposals",
        "filtered by state",
        FREELANCERS,
        query="status=submitted",
        secrets=(INVITE_ONLY_TITLE,),
        hidden_from=("Y", "A", "B"),
    ),
    Case(
        "projects:proposal-detail",
        "X's proposal on A's project",
        PARTIES,
        args=lambda w: [w.proposal.pk],
        secrets=(COVER_LETTER, BID),
    ),
    Case(
        "projects:proposal-edit",
        "X's proposal",
        X_ONLY,
        args=lambda w: [w.proposal.pk],
        secrets=(COVER_LETTER,),
    ),
    Case(
        "projects:proposal-edit",
        "X's proposal, empty form",
        X_ONLY,
        args=lambda w: [w.proposal.pk],
        method="post",
        secrets=(COVER_LETTER,),
    ),
    Case(
        "projects:proposal-withdraw",
        "X's proposal",
        _with(X_ONLY, X=REDIRECT),
        args=lambda w: [w.proposal.pk],
        method="post",
    ),
    Case(
        "projects:proposal-withdraw",
        "GET",
        POST_ONLY_FOR_FREELANCERS,
        args=lambda w: [w.proposal.pk],
    ),
    Case(
        "projects:proposal-decline",
        "X's proposal, no reason",
        _with(A_ONLY, A=REDIRECT),
        args=lambda w: [w.proposal.pk],
        method="post",
        secrets=(COVER_LETTER,),
    ),
    Case(
        "projects:proposal-decline",
        "GET",
        POST_ONLY_FOR_EMPLOYERS,
        args=lambda w: [w.proposal.pk],
    ),
    Case(
        "projects:proposal-hire",
        "X's proposal",
        A_ONLY,
        args=lambda w: [w.proposal.pk],
        secrets=(BID,),
    ),
    Case(
        "projects:proposal-hire",
        "X's proposal, empty form",
        A_ONLY,
        args=lambda w: [w.proposal.pk],
        method="post",
        secrets=(BID,),
    ),
    *(
        case
        for action in ("shortlist", "unshortlist", "archive", "unarchive")
        for case in (
            Case(
                f"projects:proposal-{action}",
                "X's proposal",
                _with(A_ONLY, A=REDIRECT),
                args=lambda w: [w.proposal.pk],
                method="post",
            ),
            Case(
                f"projects:proposal-{action}",
                "GET",
                POST_ONLY_FOR_EMPLOYERS,
                args=lambda w: [w.proposal.pk],
            ),
        )
    ),
    Case(
        "projects:invite-decline",
        "X's invite",
        _with(X_ONLY, X=REDIRECT),
        args=lambda w: [w.invite.pk],
        method="post",
    ),
    Case(
        "projects:invite-decline",
        "GET",
        POST_ONLY_FOR_FREELANCERS,
        args=lambda w: [w.invite.pk],
    ),
    Case("projects:freelancer-profile", "X", LOGGED_IN, args=lambda w: [w.X.pk]),
    Case(
        "projects:freelancer-profile",
        "an employer is not a freelancer",
        _roles(LOGIN, 404, 404, 404, 404, 404),
        args=lambda w: [w.A.pk],
    ),
    Case(
        "projects:freelancer-profile",
        "suspended",
        _roles(LOGIN, 404, 404, 404, 404, 404),
        args=lambda w: [w.suspended.pk],
    ),
    Case(
        "projects:invite-create",
        "suspended",
        _roles(LOGIN, 404, 404, 404, 404, DASHBOARD),
        args=lambda w: [w.suspended.pk],
    ),
    Case("projects:invite-create", "X", EMPLOYERS, args=lambda w: [w.X.pk]),
    Case(
        "projects:invite-create", "X, empty form", EMPLOYERS, args=lambda w: [w.X.pk], method="post"
    ),
    Case("projects:talent-search", "search", EMPLOYERS, query="q=django"),
    # No photo in this world: the same 404 as a hidden one (tests/accounts/test_visibility_photo).
    Case(
        "projects:freelancer-photo",
        "X has no photo",
        _roles(404, 404, 404, 404, 404, 404),
        args=lambda w: [w.X.pk],
    ),
    # --- contracts, milestones, reviews -----------------------------------------------------------
    Case(
        "projects:contract-list",
        "own list",
        LOGGED_IN,
        secrets=(IN_PROGRESS_TITLE, str(LEDGER_AMOUNT)),
        hidden_from=("Y", "B", "staff"),
    ),
    Case(
        "projects:contract-detail",
        "A-X, active",
        PARTIES_AND_STAFF,
        args=lambda w: [w.contract.pk],
        secrets=(CONTRACT_TERMS, str(LEDGER_AMOUNT), IN_PROGRESS_TITLE),
    ),
    Case(
        "projects:contract-detail",
        "A-X, completed",
        PARTIES_AND_STAFF,
        args=lambda w: [w.ended_contract.pk],
        secrets=(COMPLETED_TITLE,),
    ),
    Case(
        "projects:milestone-add",
        "A-X",
        CONTRACT_EMPLOYER,
        args=lambda w: [w.contract.pk],
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-add",
        "A-X, empty form",
        CONTRACT_EMPLOYER,
        args=lambda w: [w.contract.pk],
        method="post",
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-fund",
        "unfunded",
        _with(CONTRACT_EMPLOYER, A=REDIRECT),
        args=_m(U),
        method="post",
    ),
    Case(
        "projects:milestone-fund",
        "already released: refused with a message",
        _with(CONTRACT_EMPLOYER, A=REDIRECT),
        args=_m(R),
        method="post",
    ),
    Case("projects:milestone-fund", "GET", POST_ONLY_FOR_ANY, args=_m(U)),
    Case(
        "projects:milestone-submit",
        "funded",
        CONTRACT_FREELANCER,
        args=_m(F),
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-submit",
        "changes requested, empty form",
        CONTRACT_FREELANCER,
        args=_m(C),
        method="post",
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-request-changes",
        "submitted",
        CONTRACT_EMPLOYER,
        args=_m(S),
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-request-changes",
        "submitted, empty form",
        CONTRACT_EMPLOYER,
        args=_m(S),
        method="post",
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-approve",
        "submitted",
        _with(CONTRACT_EMPLOYER, A=REDIRECT),
        args=_m(S),
        method="post",
    ),
    Case(
        "projects:milestone-approve",
        "unfunded: refused with a message",
        _with(CONTRACT_EMPLOYER, A=REDIRECT),
        args=_m(U),
        method="post",
    ),
    Case("projects:milestone-approve", "GET", POST_ONLY_FOR_ANY, args=_m(S)),
    Case(
        "projects:contract-complete",
        "open milestones: refused with a message",
        _with(CONTRACT_EMPLOYER, A=REDIRECT),
        args=lambda w: [w.contract.pk],
        method="post",
    ),
    Case("projects:contract-complete", "GET", POST_ONLY_FOR_ANY, args=lambda w: [w.contract.pk]),
    Case(
        "projects:contract-cancel",
        "A-X",
        PARTIES,
        args=lambda w: [w.contract.pk],
        secrets=(IN_PROGRESS_TITLE, str(LEDGER_AMOUNT)),
    ),
    Case(
        "projects:contract-cancel",
        "A-X, empty form",
        PARTIES,
        args=lambda w: [w.contract.pk],
        method="post",
        secrets=(IN_PROGRESS_TITLE, str(LEDGER_AMOUNT)),
    ),
    Case(
        "projects:review-create",
        "ended, both reviewed",
        PARTIES,
        args=lambda w: [w.ended_contract.pk],
        secrets=(COMPLETED_TITLE,),
    ),
    Case(
        "projects:review-create",
        "active: not yet, empty form",
        PARTIES,
        args=lambda w: [w.contract.pk],
        method="post",
        secrets=(IN_PROGRESS_TITLE,),
    ),
    # --- messages and notifications ---------------------------------------------------------------
    Case(
        "projects:inbox",
        "own threads",
        LOGGED_IN,
        secrets=(MESSAGE_BODY,),
        hidden_from=("Y", "B", "staff"),
    ),
    Case(
        "projects:thread-detail",
        "A-X",
        PARTIES,
        args=lambda w: [w.thread.pk],
        secrets=(MESSAGE_BODY,),
    ),
    Case(
        "projects:thread-detail",
        "A-X, empty message",
        PARTIES,
        args=lambda w: [w.thread.pk],
        method="post",
        secrets=(MESSAGE_BODY,),
    ),
    Case(
        "projects:thread-messages",
        "poll",
        PARTIES,
        args=lambda w: [w.thread.pk],
        query="after=0",
        secrets=(MESSAGE_BODY,),
    ),
    Case(
        "projects:thread-for-contract",
        "A-X",
        _with(PARTIES, X=REDIRECT, A=REDIRECT),
        args=lambda w: [w.contract.pk],
    ),
    Case(
        "projects:thread-for-proposal",
        "X's proposal",
        _with(PARTIES, X=REDIRECT, A=REDIRECT),
        args=lambda w: [w.proposal.pk],
    ),
    Case(
        "projects:notification-list",
        "own notifications",
        LOGGED_IN,
        secrets=(NOTIFICATION_TITLE,),
        hidden_from=("Y", "A", "B", "staff"),
    ),
    Case(
        "projects:notification-read-all",
        "own notifications",
        _roles(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
        method="post",
    ),
    Case("projects:notification-read-all", "GET", POST_ONLY_FOR_ANY),
    Case(
        "projects:notification-read",
        "X's notification",
        _roles(LOGIN, REDIRECT, 404, 404, 404, 404),
        args=lambda w: [w.notification.pk],
        method="post",
        secrets=(NOTIFICATION_TITLE,),
    ),
    Case(
        "projects:notification-read",
        "GET",
        POST_ONLY_FOR_ANY,
        args=lambda w: [w.notification.pk],
    ),
    Case("projects:notification-preferences", "own", LOGGED_IN),
    Case(
        "projects:job-detail",
        "X's job",
        _roles(LOGIN, 200, 404, 404, 404, 404),
        args=lambda w: [w.job.pk],
        secrets=(JOB_TITLE,),
    ),
    Case(
        "projects:notification-preferences",
        "nothing ticked",
        _roles(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
        method="post",
    ),
    # The e-mail's signed one-click link: no login, whoever opens it (the token is the proof).
    Case(
        "projects:notification-unsubscribe",
        "X's link, confirm",
        PUBLIC,
        args=lambda w: [notification_unsubscribe_token(user_id=w.X.pk, kind="hired")],
    ),
    Case(
        "projects:notification-unsubscribe",
        "X's link",
        PUBLIC,
        args=lambda w: [notification_unsubscribe_token(user_id=w.X.pk, kind="hired")],
        method="post",
    ),
    Case(
        "projects:notification-unsubscribe",
        "tampered link",
        _roles(404, 404, 404, 404, 404, 404),
        args=lambda w: ["forged:token"],
    ),
    # --- moderation -------------------------------------------------------------------------------
    Case(
        "projects:report-create",
        "a public project",
        LOGGED_IN,
        query="target=project&id={open_public}",
    ),
    Case(
        "projects:report-create",
        "a draft",
        _roles(LOGIN, 404, 404, 200, 404, 404),
        query="target=project&id={draft}",
        secrets=(DRAFT_TITLE,),
    ),
    Case(
        "projects:report-create",
        "a message in A-X's thread",
        PARTIES,
        query="target=message&id={message}",
        secrets=(MESSAGE_BODY,),
    ),
    Case(
        "projects:report-create",
        "X's profile, empty form",
        LOGGED_IN,
        method="post",
        data={"target": "user", "id": "{X}"},
    ),
    Case(
        "projects:report-create",
        "nothing to report",
        _roles(LOGIN, 404, 404, 404, 404, 404),
        query="target=invoice&id=1",
    ),
    # --- accounts ---------------------------------------------------------------------------------
    Case(
        "accounts:onboarding",
        "first unfinished step",
        _roles(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, DASHBOARD),
    ),
    Case("accounts:onboarding-about", "about you", FREELANCERS),
    Case("accounts:onboarding-rate", "rate", FREELANCERS),
    Case("accounts:onboarding-company", "company", EMPLOYERS),
    Case(
        "accounts:api-tokens",
        "own tokens",
        LOGGED_IN,
        secrets=(API_TOKEN_NAME,),
        hidden_from=("Y", "A", "B", "staff"),
    ),
    Case(
        "accounts:api-tokens",
        "empty name",
        LOGGED_IN,
        method="post",
        secrets=(API_TOKEN_NAME,),
        hidden_from=("Y", "A", "B", "staff"),
    ),
    Case(
        "accounts:api-token-revoke",
        "X's token",
        _roles(LOGIN, REDIRECT, 404, 404, 404, 404),
        args=lambda w: [w.api_token.pk],
        method="post",
        secrets=(API_TOKEN_NAME,),
    ),
    Case(
        "accounts:api-token-revoke",
        "GET",
        POST_ONLY_FOR_ANY,
        args=lambda w: [w.api_token.pk],
    ),
    Case("accounts:privacy", "own settings", LOGGED_IN),
    Case(
        "accounts:privacy",
        "a wrong visibility",
        LOGGED_IN,
        method="post",
        data={"section": "visibility", "rate": "martians", "country": "nobody", "photo": "nobody"},
    ),
    Case("accounts:profile-photo", "own photo", FREELANCERS),
    Case("accounts:profile-photo", "no file", FREELANCERS, method="post"),
    Case(
        "accounts:profile-photo-remove",
        "own photo",
        _roles(LOGIN, REDIRECT, REDIRECT, 404, 404, DASHBOARD),
        method="post",
    ),
    Case("accounts:profile-photo-remove", "GET", POST_ONLY_FOR_FREELANCERS),
]


def _fill(template: str, world: World) -> str:
    """Put the world's ids into a query string: {draft} → the draft project's pk."""
    ids = {
        "open_public": world.open_public.pk,
        "draft": world.draft.pk,
        "message": world.message.pk,
        "X": world.X.pk,
    }
    return template.format(**ids)


def request_as(client, world: World, case: Case, role: str):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    url = reverse(case.name, args=case.args(world))
    if case.query:
        url = f"{url}?{_fill(case.query, world)}"
    if case.method == "post":
        data = {key: _fill(value, world) for key, value in case.data.items()}
        return client.post(url, data)
    return client.get(url)


def assert_answer(response, expected, *, label: str) -> None:
    assert response.status_code < 500, label
    if expected == LOGIN:
        assert response.status_code == 302, label
        assert response.url.startswith(f"{reverse('account_login')}?next="), label
    elif expected == DASHBOARD:
        assert response.status_code == 302, label
        assert response.url == reverse("projects:dashboard"), label
    elif expected == REDIRECT:
        assert response.status_code == 302, label
        assert not response.url.startswith(reverse("account_login")), label
    else:
        assert response.status_code == expected, label


def _namespace_url_names(namespaces=("projects", "accounts")) -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace in namespaces and pattern.name:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_is_in_the_matrix():
    names = _namespace_url_names()
    covered = {case.name for case in CASES}
    assert len(names) > 50  # the walk found the marketplace, not an empty list
    missing = sorted(names - covered)
    assert not missing, f"Add these URLs to the permission matrix: {missing}"
    assert not covered - names, f"The matrix names URLs that no longer exist: {covered - names}"


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_url_answers_each_role_as_documented(client, world, case, role):
    label = f"{case.id} as {role}"
    response = request_as(client, world, case, role)
    assert_answer(response, case.expect[role], label=label)
    body = response.content.decode()
    if role in case.secret_roles():
        for secret in case.secrets:
            assert secret not in body, f"{label} shows {secret!r}"
    elif case.secrets and response.status_code == 200:
        # The secret is real: those allowed to see the page do see it (or the check proves nothing).
        assert any(secret in body for secret in case.secrets), f"{label} lacks its private text"


@pytest.mark.parametrize("role", ["Y", "B"])
def test_no_private_text_reaches_another_freelancer_or_employer_anywhere(client, world, role):
    """Over every GET page the other freelancer and employer can open: none of A-X's secrets."""
    leaks = []
    for case in CASES:
        if case.method != "get" or case.expect[role] != 200:
            continue
        body = request_as(client, world, case, role).content.decode()
        leaks += [(case.id, secret) for secret in ALL_PRIVATE if secret in body]
    assert not leaks
