"""Builders for matching tests: a freelancer and a project written the way users write them."""

from decimal import Decimal

from accounts.services import freelancer_profile_update
from projects.services.projects import ProjectDetails, project_create, project_publish
from projects.services.talent import freelancer_skill_add
from tests.factories import EmployerFactory, FreelancerFactory


def freelancer_with(
    *, headline="", bio="", skills=(), rate=None, years=5, hours=30, languages=("en",), **user
):
    person = FreelancerFactory(**user)
    profile = freelancer_profile_update(
        profile=person.freelancer_profile,
        headline=headline,
        bio=bio,
        hourly_rate=Decimal(str(rate)) if rate else None,
        years_experience=years,
        availability_hours_per_week=hours,
        languages=list(languages),
    )
    for text in skills:
        freelancer_skill_add(profile=profile, text=text)
    return profile


def open_project(
    *,
    title,
    description,
    skills=(),
    employer=None,
    budget=(30, 60),
    budget_type="hourly",
    level="intermediate",
    hours=None,
    languages=(),
    region="any",
):
    details = ProjectDetails(
        title=title,
        description=description,
        budget_type=budget_type,
        budget_min=Decimal(budget[0]),
        budget_max=Decimal(budget[1]),
        duration_weeks=6,
        experience_level=level,
        hours_per_week=hours,
        languages=list(languages),
        region=region,
        required_skills=list(skills),
    )
    project = project_create(employer=employer or EmployerFactory(), details=details)
    return project_publish(project=project)


def booking_market() -> dict:
    """A Django developer, and an employer's open Django/PostgreSQL project that fits them."""
    from tests.projects.factories import small_taxonomy

    small_taxonomy()
    backend = freelancer_with(headline="Django developer", skills=["Django", "postgres"], rate=45)
    owner = EmployerFactory()
    project = open_project(
        title="Booking API",
        description="Django endpoints on Postgres.",
        skills=["Django", "PostgreSQL"],
        employer=owner,
        budget=(30, 50),
    )
    return {"backend": backend, "owner": owner, "project": project}
