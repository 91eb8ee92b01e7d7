"""The one world every permission case runs in, and the private text planted in it.

Two employers A and B, two freelancers X and Y, staff, and a visitor. A owns projects in every
state; X proposed on one, was invited to another and hired on three (fixed, ended, hourly); X
also has a saved search, a proposal draft, a course enrolment, an invoice, a data export and API
token. B, Y and staff own nothing of it, so whatever they are shown of it is a leak.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.models import FieldVisibility
from accounts.services import api_token_create
from automation.services.saved_searches import saved_search_create
from automation.tokens import saved_search_unsubscribe_token
from billing.services.invoices import invoice_create
from billing.services.timesheets import timesheet_submit
from drafting.models import ProposalDraft
from learning.models import Course, Enrollment
from privacy.selectors import EXPORT_KIND
from privacy.services.exports import data_export_run
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
from projects.services.exchange_rates import exchange_rates_seed
from projects.services.jobs import job_create
from tests.billing.conftest import last_monday, log, released_milestone
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
    ProjectSkillFactory,
    ProposalFactory,
    ReportFactory,
    ReviewFactory,
    StaffFactory,
    ThreadFactory,
)
from tests.projects.factories import FreelancerSkillFactory

ROLES = ("anonymous", "X", "Y", "A", "B", "staff")

# Private text planted in the world: none of it may reach someone who gets a 404.
OPEN_TITLE = "Open public: a booking web app"  # public, but not on anybody else's 404
DRAFT_TITLE = "Secret draft: rebuild the payroll engine"
INVITE_ONLY_TITLE = "Invite-only: confidential merger data room"
IN_PROGRESS_TITLE = "In progress: clinic booking system for Acme"
COMPLETED_TITLE = "Completed: warehouse dashboard for Acme"
HIDDEN_TITLE = "Hidden by staff: work from home and earn"
HOURLY_TITLE = "Hourly: on-call payroll support for Acme"
COVER_LETTER = "Cover letter only the employer may read: my rate drops for you"
# Amounts under 1,000: pages group thousands ("1,987.65") and the API does not, so a larger
# figure would read the same in neither and a "hidden" check could pass on a shown amount.
BID = "987.65"
HIRED_COVER_LETTER = "Hired cover letter: I built three of these"
CONTRACT_TERMS = "Terms between A and X: weekly demo on Fridays"
LEDGER_AMOUNT = Decimal("843.21")
MESSAGE_BODY = "Private message: the staging password is in the vault"
NOTIFICATION_TITLE = "Private notification for X: milestone approved"
API_TOKEN_NAME = "Payroll export token of freelancer X"
JOB_TITLE = "Private job of X: invoices for Acme as PDF"
TIME_NOTE = "Private entry of X: migrating the payroll database"
SEARCH_NAME = "Private search of X: payroll gigs for Acme"
DRAFT_LETTER = "Private proposal draft of X: I can start on Monday"
HEADLINE = "Private headline of X: between jobs, open to offers"
# X's rate settings: the rate is shown to X's clients only (A); the minimum rate to nobody.
RATE = "87.43"
MIN_RATE = "71.29"
SKILL_NAME = "Clinic scheduling"  # X's one skill, which A's and B's open projects ask for
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
    BID,
    MIN_RATE,
    TIME_NOTE,
    SEARCH_NAME,
    DRAFT_LETTER,
)


@dataclass
class World:
    A: Any
    B: Any
    X: Any
    Y: Any
    staff: Any
    draft: Project = None
    open_public: Project = None
    invite_only: Project = None
    in_progress: Project = None
    completed: Project = None
    hidden: Project = None
    b_project: Project = None
    suspended: Any = None
    proposal: Proposal = None
    invite: Any = None
    contract: Contract = None
    ended_contract: Contract = None
    milestones: dict[str, Milestone] = None
    thread: Any = None
    message: Any = None
    notification: Any = None
    report: Any = None
    skill: Any = None
    portfolio_item: PortfolioItem = None
    api_token: Any = None
    job: Job = None
    # The chores of X: billing, saved searches, drafts, learning, the data export.
    hourly: Contract = None
    fixed: Contract = None
    time_entry: Any = None
    timesheet: Any = None
    invoice: Any = None
    invoice_job: Job = None
    saved_search: Any = None
    unsubscribe_token: str = ""
    proposal_draft: ProposalDraft = None
    course: Course = None
    enrollment: Enrollment = None
    export_job: Job = None

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


def cast_build() -> World:
    """The five people, and the exchange rates every installation has (a transactional test
    before this one may have flushed the migration's rows; the admin offers "add" only for a
    missing currency): enough for pages that show no one's objects (the admin)."""
    exchange_rates_seed()
    return World(
        A=EmployerFactory(), B=EmployerFactory(), X=FreelancerFactory(), Y=FreelancerFactory(),
        staff=StaffFactory(),
    )  # fmt: skip


def build_world() -> World:
    """A's projects in every state, X's proposal, an invite, a contract A-X with milestones in
    every state and a ledger, an ended contract with both reviews, a thread, notifications and a
    report; X's chores (time log, invoice, saved search, draft, enrolment, data export)."""
    w = cast_build()
    a, x, y = w.A, w.X, w.Y
    profile = x.freelancer_profile
    profile.headline = HEADLINE
    profile.hourly_rate, profile.min_rate = Decimal(RATE), Decimal(MIN_RATE)
    profile.rate_visibility = FieldVisibility.CLIENTS
    profile.save()
    w.draft = ProjectFactory(
        employer=a, title=DRAFT_TITLE, status=Project.Status.DRAFT, published_at=None
    )
    w.open_public = ProjectFactory(employer=a, title=OPEN_TITLE)
    w.invite_only = ProjectFactory(
        employer=a, title=INVITE_ONLY_TITLE, visibility=Project.Visibility.INVITE_ONLY
    )
    w.in_progress = ProjectFactory(
        employer=a, title=IN_PROGRESS_TITLE, status=Project.Status.IN_PROGRESS
    )
    w.completed = ProjectFactory(employer=a, title=COMPLETED_TITLE, status=Project.Status.COMPLETED)
    w.b_project = ProjectFactory(employer=w.B, title="Open project of employer B")
    # Hidden by a moderator: gone for everyone but its owner and staff, Y's proposal or not.
    w.hidden = ProjectFactory(employer=a, title=HIDDEN_TITLE, is_hidden=True)
    ProposalFactory(project=w.hidden, freelancer=y)
    w.suspended = FreelancerFactory(is_active=False)

    w.proposal = ProposalFactory(
        project=w.open_public, freelancer=x, cover_letter=COVER_LETTER, bid_amount=Decimal(BID)
    )
    w.invite = InviteFactory(project=w.invite_only, freelancer=x)
    hired = ProposalFactory(
        project=w.in_progress,
        freelancer=x,
        status=Proposal.Status.HIRED,
        cover_letter=HIRED_COVER_LETTER,
    )
    w.contract = contract = ContractFactory(project=w.in_progress, freelancer=x, proposal=hired)
    Contract.objects.filter(pk=contract.pk).update(terms=CONTRACT_TERMS)
    contract.terms = CONTRACT_TERMS
    today = timezone.localdate()
    w.milestones = {
        status: MilestoneFactory(
            contract=contract,
            title=f"Milestone {status}",
            status=status,
            position=position,
            due_date=today + dt.timedelta(days=7 + position),
        )
        for position, status in enumerate(Milestone.Status.values)
    }
    released = w.milestones[Milestone.Status.RELEASED]
    for kind, amount in (
        (LedgerEntry.Kind.FUND, LEDGER_AMOUNT),
        (LedgerEntry.Kind.RELEASE, Decimal("758.89")),
        (LedgerEntry.Kind.FEE, Decimal("84.32")),
    ):
        LedgerEntryFactory(contract=contract, milestone=released, kind=kind, amount=amount)

    w.ended_contract = ended = ContractFactory(
        project=w.completed,
        freelancer=x,
        proposal=ProposalFactory(project=w.completed, freelancer=x, status=Proposal.Status.HIRED),
        status=Contract.Status.COMPLETED,
        ended_at=timezone.now() - dt.timedelta(days=2),
    )
    ReviewFactory(contract=ended)
    ReviewFactory(
        contract=ended, author=x, subject=a, direction=Review.Direction.OF_EMPLOYER, text="Fair"
    )
    w.thread = ThreadFactory(project=w.in_progress, freelancer=x, contract=contract)
    MessageFactory(thread=w.thread, sender=x, body="Thanks, on it.")
    w.message = MessageFactory(thread=w.thread, sender=a, body=MESSAGE_BODY)
    w.notification = NotificationFactory(
        user=x,
        title=NOTIFICATION_TITLE,
        url=reverse("projects:contract-detail", args=[contract.pk]),
    )
    NotificationFactory(user=a, kind="proposal_received", title="A proposal arrived")
    w.report = ReportFactory(reporter=x, target=w.open_public)
    w.skill = FreelancerSkillFactory(profile=x.freelancer_profile, skill__name=SKILL_NAME)
    for project in (w.open_public, w.b_project):
        ProjectSkillFactory(project=project, skill=w.skill.skill, free_text="")
    w.portfolio_item = PortfolioItem.objects.create(
        profile=x.freelancer_profile, title="Clinic booking app", description="Django, HTMX"
    )
    w.api_token, _raw = api_token_create(user=x, name=API_TOKEN_NAME)
    w.job = Job.objects.create(user=x, kind="test.pdfs", title=JOB_TITLE)
    _chores_build(w)
    return w


def _chores_build(w: World) -> None:
    """X's time log on an hourly contract with A, an invoice, a saved search, a draft, a course."""
    a, x = w.A, w.X
    start = timezone.localdate() - dt.timedelta(days=30)
    w.hourly = ContractFactory(
        employer=a, project__employer=a, project__title=HOURLY_TITLE,
        project__status=Project.Status.IN_PROGRESS, freelancer=x, budget_type="hourly",
        amount=Decimal("40.00"), weekly_hour_limit=40, start_date=start,
    )  # fmt: skip
    w.fixed = fixed = ContractFactory(
        employer=a, project__employer=a, freelancer=x, start_date=start
    )
    w.timesheet = timesheet_submit(timesheet=log(w.hourly, last_monday(), 9, 12).timesheet, by=x)
    w.time_entry = log(w.hourly, last_monday() - dt.timedelta(days=7), 9, 10, note=TIME_NOTE)
    released_milestone(fixed)
    w.invoice = invoice_create(contract=fixed, by=x)
    w.invoice_job = Job.objects.create(user=x, kind="billing.invoice_zip", title="Invoices")
    w.saved_search = saved_search_create(user=x, params={"skills": "Django"}, name=SEARCH_NAME)
    w.unsubscribe_token = saved_search_unsubscribe_token(search_id=w.saved_search.pk)
    now = timezone.now()
    w.proposal_draft = ProposalDraft.objects.create(
        freelancer=x, project=w.open_public, text=DRAFT_LETTER, generated_text=DRAFT_LETTER,
        generator="test", generator_version="1", generated_at=now,
    )  # fmt: skip
    course = {
        "source": Course.Source.BUILTIN,
        "provider": "Test Academy",
        "url": "https://e.com/c/",
    }
    w.course = Course.objects.create(external_id="perm-1", title="Django for beginners", **course)
    w.enrollment = Enrollment.objects.create(
        profile=x.freelancer_profile,
        course=Course.objects.create(external_id="perm-2", title="Docker in a day", **course),
    )
    w.export_job = job_create(user=x, kind=EXPORT_KIND, title="Your data from Gigwise")
    data_export_run(job_id=w.export_job.pk)
