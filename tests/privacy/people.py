"""A person with rows in every app, each personal field holding a unique planted value.

`freelancer_person()` and `employer_person()` build the person, a counterparty they worked with
on an ended contract (messages both ways, a ledger, reviews both ways, an invoice) and
bystanders. `Person.planted` maps a label ("profile.headline") to its value: the purge test
fails naming the model and field of any planted value still in the database afterwards, and
the export test reads the same person back from their ZIP.

Values that are kept by design (message bodies, contract terms, time-entry notes) are written
with ordinary text, never planted.
"""

import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import (
    AIFeature,
    Consent,
    ConsentEvent,
    EmployerProfile,
    FreelancerProfile,
    SelfDeclaredAttribute,
    User,
)
from accounts.services import api_token_create
from automation.models import AlertDelivery, SavedSearch
from billing.models import TimeEntry, Timesheet
from billing.services.invoices import invoice_create
from drafting.models import ProposalDraft
from learning.models import (
    Course,
    CourseRecommendation,
    Enrollment,
    LearnerSettings,
    LearningPlan,
    SkillGap,
)
from matching.models import Embedding, MatchEvent
from privacy.models import AccountDeletion
from projects.models import (
    Contract,
    FreelancerSkill,
    Job,
    LedgerEntry,
    Milestone,
    NotificationPreference,
    PortfolioItem,
    Project,
    Review,
    SkillCategory,
)
from projects.services.messaging import message_send, thread_open_for_contract
from projects.services.moderation import audit_log_record
from projects.services.notifications import notify
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    LedgerEntryFactory,
    MilestoneFactory,
    ProjectFactory,
    ProposalFactory,
    ReportFactory,
    ReviewFactory,
    ShortlistEntryFactory,
    StaffFactory,
)
from tests.projects.factories import SkillFactory

_counter = itertools.count(1)
# Kept by design, so never planted: what the counterparty keeps must read as ordinary text.
MESSAGE_FROM_PERSON = "The staging server is ready for your review."
MESSAGE_TO_PERSON = "Thanks, the release looks good."
LEDGER = (Decimal("800.00"), Decimal("720.00"), Decimal("80.00"))  # fund, release, fee
# A photo small enough for a test, valid enough for an ImageField.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@dataclass
class Person:
    user: User
    counterparty: User
    contract: Contract  # ended, between the two, with messages, a ledger and reviews
    staff: User
    planted: dict[str, str] = field(default_factory=dict)
    rows: dict[str, Any] = field(default_factory=dict)  # what a test may want to look at

    def plant(self, label: str, kind: str = "text") -> str:
        """A value that appears nowhere else; `kind` shapes it for validated fields."""
        token = f"{next(_counter):03d}{label.replace('.', '').replace('_', '')[:12].lower()}"
        value = {
            "text": f"Planted {token} zyx",
            "name": f"Zq{token}",
            "email": f"plant{token}@example.com",
            "url": f"https://plant{token}.example.com/",
            "short": f"P{token}"[:40],
        }[kind]
        self.planted[label] = value
        return value


def _ended_contract(*, employer: User, freelancer: User, title: str) -> Contract:
    ended = timezone.now() - dt.timedelta(days=3)
    project = ProjectFactory(employer=employer, status=Project.Status.COMPLETED, title=title)
    proposal = ProposalFactory(project=project, freelancer=freelancer, status="hired")
    contract = ContractFactory(
        project=project, employer=employer, freelancer=freelancer, proposal=proposal,
        status=Contract.Status.COMPLETED, ended_at=ended,
    )  # fmt: skip
    milestone = MilestoneFactory(
        contract=contract, amount=LEDGER[0], status=Milestone.Status.RELEASED,
        released_at=ended,
    )  # fmt: skip
    for kind, amount in zip(("fund", "release", "fee"), LEDGER, strict=True):
        LedgerEntryFactory(contract=contract, milestone=milestone, kind=kind, amount=amount)
    return contract


def _people(person_factory, counterparty_factory, *, person_is_freelancer: bool) -> Person:
    staff = StaffFactory()
    holder = Person(user=None, counterparty=None, contract=None, staff=staff)  # type: ignore[arg-type]
    first, last = holder.plant("user.first_name", "name"), holder.plant("user.last_name", "name")
    email = holder.plant("user.email", "email")
    user = person_factory(first_name=first, last_name=last, email=email)
    counterparty = counterparty_factory()
    employer, freelancer = (counterparty, user) if person_is_freelancer else (user, counterparty)
    contract = _ended_contract(employer=employer, freelancer=freelancer, title="Clinic booking app")
    holder.user, holder.counterparty, holder.contract = user, counterparty, contract
    return holder


def _account_rows(person: Person) -> None:
    """Rows every kind of account can have: addresses, tokens, consents, sign-ins, jobs."""
    user = person.user
    EmailAddress.objects.create(
        user=user, email=person.plant("email2", "email"), verified=False, primary=False
    )
    api_token_create(user=user, name=person.plant("api_token.name", "short"))
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": person.plant("mfa.secret")}
    )
    Consent.objects.create(user=user, feature=AIFeature.MATCHED_FEED, granted=False)
    ConsentEvent.objects.create(
        user=user, feature=AIFeature.MATCHED_FEED, granted=False, source="privacy_page"
    )
    SelfDeclaredAttribute.objects.create(
        user=user, attribute="age_band", value=person.plant("attribute.value", "short")
    )
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        agent = person.plant(f"axes.{model.__name__}", "short")
        model.objects.create(
            username=user.email, user_agent=agent, ip_address="203.0.113.9", path_info="/login/",
            **({"failures_since_start": 1} if model is AccessAttempt else {}),
        )  # fmt: skip
    UserSession.objects.create(
        user=user, ip="203.0.113.10", session_key=f"planted-session-{user.pk}",
        user_agent=person.plant("usersession.user_agent", "short"),
    )  # fmt: skip
    NotificationPreference.objects.create(user=user, kind="hired", email=False)
    notify(
        user=user, kind="hired", title=person.plant("notification.title"),
        body=person.plant("notification.body"), event_key="test:own",
    )  # fmt: skip
    person.rows["job"] = Job.objects.create(
        user=user, kind="test.job", title=person.plant("job.title")
    )
    ReportFactory(reporter=user, target=ProjectFactory(), details=person.plant("report.details"))
    LogEntry.objects.create(
        user=person.staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=str(user),  # the admin names a user by their e-mail address
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["First name"]}}]',
    )
    audit_log_record(actor=person.staff, action="user_suspend", target=user, reason="Spam")
    # A request they made and cancelled once: the record of it is theirs too.
    AccountDeletion.objects.create(
        user=user, requested_at=timezone.now(), purge_after=timezone.now(),
        cancelled_at=timezone.now(),
    )  # fmt: skip


def _conversation(person: Person) -> None:
    """Messages both ways: the counterparty's notification names the person."""
    thread = thread_open_for_contract(contract=person.contract)
    person.rows["message"] = message_send(
        thread=thread, sender=person.user, body=MESSAGE_FROM_PERSON
    )
    person.rows["reply"] = message_send(
        thread=thread, sender=person.counterparty, body=MESSAGE_TO_PERSON
    )


def _reviews(person: Person) -> None:
    """Both sides reviewed the ended contract, so both reviews are published."""
    contract = person.contract
    ReviewFactory(
        contract=contract, author=person.user, subject=person.counterparty,
        direction=_direction(person, written_by_person=True), text=person.plant("review.text"),
    )  # fmt: skip
    person.rows["review_received"] = ReviewFactory(
        contract=contract, author=person.counterparty, subject=person.user,
        direction=_direction(person, written_by_person=False), text="Reliable and clear.",
    )  # fmt: skip


def _direction(person: Person, *, written_by_person: bool) -> str:
    of_employer = person.user.is_freelancer == written_by_person
    return Review.Direction.OF_EMPLOYER if of_employer else Review.Direction.OF_FREELANCER


def freelancer_person(tmp_media=None) -> Person:
    """A freelancer with a profile, photo, skills, portfolio, proposals, AI rows and invoices."""
    person = _people(FreelancerFactory, EmployerFactory, person_is_freelancer=True)
    user = person.user
    profile = user.freelancer_profile
    FreelancerProfile.objects.filter(pk=profile.pk).update(
        headline=person.plant("profile.headline"), bio=person.plant("profile.bio"),
        hourly_rate=Decimal("61.00"), min_rate=Decimal("55.00"), country="NZ",
        languages=["en", "mi"], years_experience=11, availability_hours_per_week=25,
    )  # fmt: skip
    profile.refresh_from_db()
    profile.photo.save(f"{person.plant('profile.photo', 'short')}.gif", ContentFile(GIF))
    person.rows["photo"] = profile.photo.name
    category = SkillCategory.objects.create(name="Planted category", slug="planted-category")
    category.preferred_by.add(profile)
    skill = SkillFactory(name="Django")
    FreelancerSkill.objects.create(profile=profile, skill=skill, level=4)
    FreelancerSkill.objects.create(profile=profile, free_text=person.plant("skill.free_text"))
    item = PortfolioItem.objects.create(
        profile=profile, title=person.plant("portfolio.title", "short"),
        description=person.plant("portfolio.description"),
        link=person.plant("portfolio.link", "url"),
    )  # fmt: skip
    item.skills.add(skill)
    _account_rows(person)
    _conversation(person)
    _reviews(person)
    _freelancer_market_rows(person, skill)
    _freelancer_ai_rows(person, skill)
    _freelancer_billing(person)
    return person


def _freelancer_market_rows(person: Person, skill) -> None:
    user, employer = person.user, person.counterparty
    open_project = ProjectFactory(employer=employer, title="Open booking project")
    person.rows["open_proposal"] = ProposalFactory(
        project=open_project, freelancer=user, cover_letter=person.plant("proposal.cover"),
        answers=[person.plant("proposal.answer")],
    )  # fmt: skip
    InviteFactory(project=ProjectFactory(employer=employer), freelancer=user)
    ShortlistEntryFactory(project=open_project, freelancer=user, note="Strong on Django")
    person.rows["open_project"] = open_project


def _freelancer_ai_rows(person: Person, skill) -> None:
    user, project = person.user, person.rows["open_project"]
    profile = user.freelancer_profile
    for actor, side in ((user, "freelancer"), (person.counterparty, "employer")):
        MatchEvent.objects.create(
            actor=actor, side=side, kind="impression", freelancer=user, project=project,
            reason=person.plant(f"match.reason.{side}"), score=0.71,
            components={"skills": 0.8, "note": person.plant(f"match.components.{side}")},
        )  # fmt: skip
    Embedding.objects.create(
        kind=Embedding.Kind.FREELANCER, object_id=profile.pk, model_version="test-model",
        text_hash="0" * 64, dimensions=3,
        vector=b"\x00\x00\x80?\x00\x00\x00\x00\x00\x00\x00\x00",  # [1.0, 0.0, 0.0] as float32
    )  # fmt: skip
    course = Course.objects.create(
        source="builtin", external_id="django-basics", provider="Gigwise",
        title="Django basics", url="https://example.com/django",
    )  # fmt: skip
    LearnerSettings.objects.create(profile=profile, free_only=True)
    Enrollment.objects.create(profile=profile, course=course, progress=40)
    plan = LearningPlan.objects.create(profile=profile, computed_at=timezone.now())
    SkillGap.objects.create(
        plan=plan, skill=SkillFactory(name="Docker"), rank=1, score=0.5,
        reason=person.plant("gap.reason"),
    )  # fmt: skip
    CourseRecommendation.objects.create(
        plan=plan, course=course, rank=1, score=0.4, reason=person.plant("recommendation.reason")
    )
    ProposalDraft.objects.create(
        freelancer=user, project=project, text=person.plant("draft.text"),
        generated_text=person.plant("draft.generated"),
        sources=[{"key": "h", "value": person.plant("draft.source")}],
        generator="template", generator_version="1", generated_at=timezone.now(),
    )  # fmt: skip
    search = SavedSearch.objects.create(
        user=user, name=person.plant("search.name", "short"),
        query=f"q={person.plant('search.query', 'short')}", last_sent_at=timezone.now(),
    )  # fmt: skip
    AlertDelivery.objects.create(
        user=user, saved_search=search, project=project, reasons=person.plant("alert.reasons"),
        digest_key="test", sent_at=timezone.now(),
    )  # fmt: skip


def _freelancer_billing(person: Person) -> None:
    """A week logged on an ended hourly contract, and an invoice the person issued for the
    fixed one: its snapshot names both parties."""
    hourly = ContractFactory(
        project=ProjectFactory(employer=person.counterparty, status=Project.Status.COMPLETED),
        employer=person.counterparty, freelancer=person.user, budget_type="hourly",
        amount=Decimal("40.00"), status=Contract.Status.COMPLETED, ended_at=timezone.now(),
    )  # fmt: skip
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday() + 14)
    sheet = Timesheet.objects.create(contract=hourly, week_start=monday)
    start = dt.datetime.combine(monday, dt.time(9), tzinfo=dt.UTC)
    TimeEntry.objects.create(
        timesheet=sheet, contract=hourly, freelancer=person.user, started_at=start,
        ended_at=start + dt.timedelta(hours=3), note="Sprint work",
    )  # fmt: skip
    person.rows["invoice"] = invoice_create(
        contract=person.contract, by=person.user, tax_id=person.plant("invoice.tax_id", "short"),
        notes=person.plant("invoice.notes"),
    )  # fmt: skip


def employer_person() -> Person:
    """An employer with a company profile, an open and a draft project, and an invoice to pay."""
    person = _people(EmployerFactory, FreelancerFactory, person_is_freelancer=False)
    user = person.user
    EmployerProfile.objects.filter(user=user).update(
        company_name=person.plant("company.name", "short"),
        website=person.plant("company.website", "url"),
        description=person.plant("company.description"), country="IE",
    )  # fmt: skip
    _account_rows(person)
    _conversation(person)
    _reviews(person)
    person.rows["draft"] = ProjectFactory(
        employer=user, status=Project.Status.DRAFT, published_at=None,
        title=person.plant("draft_project.title", "short"),
        description=person.plant("draft_project.description"),
    )  # fmt: skip
    open_project = ProjectFactory(employer=user, title="Open project of the employer")
    person.rows["open_project"] = open_project
    person.rows["their_proposal"] = ProposalFactory(
        project=open_project, freelancer=FreelancerFactory()
    )
    ShortlistEntryFactory(
        project=open_project, freelancer=person.counterparty, note=person.plant("shortlist.note")
    )
    person.rows["invoice"] = invoice_create(contract=person.contract, by=person.counterparty)
    return person


def planted_ledger(contract: Contract) -> list[Decimal]:
    return sorted(LedgerEntry.objects.filter(contract=contract).values_list("amount", flat=True))
