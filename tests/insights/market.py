"""A planted market: contracts, bids and projects with known rates and weekly demand."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from projects.models import Project
from tests.factories import ContractFactory, FreelancerFactory, ProjectFactory
from tests.projects.factories import FreelancerSkillFactory, SkillFactory


def hourly_project(skill, *, level="expert", published=None, status=Project.Status.IN_PROGRESS):
    project = ProjectFactory(
        budget_type="hourly",
        budget_min=Decimal("20"),
        budget_max=Decimal("120"),
        experience_level=level,
        status=status,
        published_at=published or timezone.now() - dt.timedelta(days=30),
    )
    project.skills.create(skill=skill, required=True)
    return project


def contracts_at(skill, rates, *, level="expert", currency="USD", zone="Europe/Berlin"):
    """One hourly contract per rate, each with a freelancer working from `zone`."""
    for rate in rates:
        freelancer = FreelancerFactory()
        freelancer.freelancer_profile.timezone = zone
        freelancer.freelancer_profile.save(update_fields=["timezone"])
        ContractFactory(
            project=hourly_project(skill, level=level),
            freelancer=freelancer,
            budget_type="hourly",
            amount=Decimal(str(rate)),
            currency=currency,
        )


def freelancer_with(
    skill, *, rate="45", years=8, available=30, zone="Europe/Berlin", currency="USD"
):
    user = FreelancerFactory()
    profile = user.freelancer_profile
    profile.hourly_rate = Decimal(rate)
    profile.years_experience = years
    profile.availability_hours_per_week = available
    profile.timezone = zone
    profile.currency = currency
    profile.save()
    FreelancerSkillFactory(profile=profile, skill=skill, level=5)
    return user


def skill(name):
    return SkillFactory(name=name)


def django_market(*, my_rate: str) -> dict:
    """41 Django contracts at 60-100 USD/h, three open projects, and an expert with `my_rate`,
    aggregated."""
    from insights.services.market import market_aggregate

    django = skill("Django")
    contracts_at(django, range(60, 101))
    for _ in range(3):
        hourly_project(django, status=Project.Status.OPEN)
    me = freelancer_with(django, rate=my_rate, years=9)
    market_aggregate()
    return {"skill": django, "me": me}
