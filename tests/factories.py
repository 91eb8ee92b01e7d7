"""factory_boy factories shared by every test module."""

import datetime as _dt
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import EmployerProfile, FreelancerProfile, User
from projects.models import (
    Contract,
    Invite,
    LedgerEntry,
    Message,
    Milestone,
    Notification,
    Project,
    ProjectSkill,
    Proposal,
    Report,
    Review,
    ShortlistEntry,
    Thread,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = ""
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": True}
            )


class FreelancerFactory(UserFactory):
    role = User.Role.FREELANCER
    profile = factory.RelatedFactory(
        "tests.factories.FreelancerProfileFactory", factory_related_name="user"
    )


class EmployerFactory(UserFactory):
    role = User.Role.EMPLOYER
    profile = factory.RelatedFactory(
        "tests.factories.EmployerProfileFactory", factory_related_name="user"
    )


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class FreelancerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FreelancerProfile

    user = factory.SubFactory(UserFactory, role=User.Role.FREELANCER)
    headline = factory.Faker("job")
    bio = factory.Faker("paragraph")
    hourly_rate = Decimal("45.00")
    currency = "USD"
    country = "KE"
    languages = factory.LazyFunction(lambda: ["en"])
    years_experience = 5
    availability_hours_per_week = 30


class EmployerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerProfile

    user = factory.SubFactory(UserFactory, role=User.Role.EMPLOYER)
    company_name = factory.Faker("company")
    company_size = EmployerProfile.CompanySize.SMALL
    country = "DE"


# --- The marketplace core --------------------------------------------------------------------


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Build a booking web app, phase {n}")
    description = "A Django and PostgreSQL booking system for a chain of clinics, with reminders."
    budget_type = "fixed"
    budget_min = Decimal("1000.00")
    budget_max = Decimal("3000.00")
    currency = "USD"
    experience_level = "intermediate"
    duration_weeks = 6
    hours_per_week = 20
    languages = factory.LazyFunction(lambda: ["en"])
    status = Project.Status.OPEN
    published_at = factory.LazyFunction(timezone.now)


class ProjectSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectSkill

    project = factory.SubFactory(ProjectFactory)
    free_text = factory.Sequence(lambda n: f"Skill text {n}")
    required = True


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    project = factory.SubFactory(ProjectFactory)
    freelancer = factory.SubFactory(FreelancerFactory)
    cover_letter = "I have built three booking systems in Django; here is how I would start."
    bid_amount = Decimal("2000.00")
    currency = "USD"
    estimated_duration_weeks = 5


class InviteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invite

    project = factory.SubFactory(ProjectFactory)
    freelancer = factory.SubFactory(FreelancerFactory)
    message = "Your portfolio looks like a fit; would you send a proposal?"


class ShortlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShortlistEntry

    project = factory.SubFactory(ProjectFactory)
    freelancer = factory.SubFactory(FreelancerFactory)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    project = factory.SubFactory(ProjectFactory, status=Project.Status.IN_PROGRESS)
    employer = factory.LazyAttribute(lambda o: o.project.employer)
    freelancer = factory.SubFactory(FreelancerFactory)
    title = factory.LazyAttribute(lambda o: o.project.title)
    terms = "Deliver in milestones; payment on approval."
    budget_type = "fixed"
    amount = Decimal("2000.00")
    currency = "USD"
    start_date = factory.LazyFunction(lambda: timezone.localdate())


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    contract = factory.SubFactory(ContractFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    amount = Decimal("500.00")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + _dt.timedelta(days=14))


class LedgerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LedgerEntry

    contract = factory.SubFactory(ContractFactory)
    kind = LedgerEntry.Kind.FUND
    amount = Decimal("500.00")
    currency = "USD"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    contract = factory.SubFactory(ContractFactory, status=Contract.Status.COMPLETED)
    author = factory.LazyAttribute(lambda o: o.contract.employer)
    subject = factory.LazyAttribute(lambda o: o.contract.freelancer)
    direction = Review.Direction.OF_FREELANCER
    rating_quality = 5
    rating_communication = 4
    rating_timeliness = 5
    text = "Clear communication and clean code."


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    project = factory.SubFactory(ProjectFactory)
    employer = factory.LazyAttribute(lambda o: o.project.employer)
    freelancer = factory.SubFactory(FreelancerFactory)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    thread = factory.SubFactory(ThreadFactory)
    sender = factory.LazyAttribute(lambda o: o.thread.employer)
    body = "Could you start next Monday?"


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(FreelancerFactory)
    kind = "hired"
    title = "You were hired"
    event_key = factory.Sequence(lambda n: f"test:{n}")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    reporter = factory.SubFactory(FreelancerFactory)
    target = factory.SubFactory(ProjectFactory)
    reason = Report.Reason.SPAM
    details = "Asks to be paid outside the platform."
