"""Write the demo crowd in bulk: people beyond a few hundred, and the large demo's open projects.

The services write one row at a time with every check and side effect, which is right for the
stories a visitor clicks through and hours too slow for 100,000 people or 19,500 projects. Here
the same rows are written with bulk_create in batches, as the services would leave them: a
profile with its skills, levels, categories and portfolio; a project open with its skills,
budget and search vector. Each chunk commits on its own, so a seed that stops half-way keeps
what it wrote and carries on from there. Embeddings are not written here: projects sit below
matching, and `seed_demo` runs `embed_all` afterwards.
"""

import datetime as dt
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import EmployerProfile, FreelancerProfile, User
from projects.demo.crowd import CROWD_PROJECTS, CrowdProjectPlan, crowd_project
from projects.demo.plan import DEMO_DOMAIN, LOGIN_EMAILS, DemoPlanner, FreelancerPlan
from projects.demo.taxonomy import DemoTaxonomy
from projects.models import (
    FreelancerSkill,
    PortfolioItem,
    Project,
    ProjectSkill,
    SkillCategory,
)
from projects.selectors.skills import SkillIndex
from projects.services.projects import project_skill_rows, projects_search_vectors_refresh

BATCH_SIZE = 1000
# Rows planned and written per transaction: a crash loses at most one chunk's work.
PEOPLE_CHUNK = 5000
PROJECTS_CHUNK = 2000

Progress = Callable[[str, int, int], None]  # (phase, done, total)


class BulkIdsMissing(Exception):
    """The database does not return the ids of bulk-created rows."""


def _ids_check(rows: list) -> None:
    # SQLite 3.35+ and PostgreSQL return the ids of bulk-created rows; the rows below need them.
    if any(row.pk is None for row in rows):
        raise BulkIdsMissing("This database does not return ids from bulk inserts.")


def _joined(plan, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=plan.joined_days_ago)


def people_write_bulk(*, freelancers, employers, password: str, now: dt.datetime) -> list[User]:
    """Users, verified addresses and profiles (with skills, categories, portfolio), in bulk."""
    plans = [*freelancers, *employers]
    users = [
        User(
            email=plan.email,
            first_name=plan.first_name,
            last_name=plan.last_name,
            role=User.Role.FREELANCER if isinstance(plan, FreelancerPlan) else User.Role.EMPLOYER,
            password=password,
            date_joined=_joined(plan, now),
            onboarded_at=_joined(plan, now) + dt.timedelta(minutes=20),
        )
        for plan in plans
    ]
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    _ids_check(users)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in users],
        batch_size=BATCH_SIZE,
    )
    employer_profiles = [
        EmployerProfile(user=user, **plan.profile)
        for user, plan in zip(users[len(freelancers) :], employers, strict=True)
    ]
    EmployerProfile.objects.bulk_create(employer_profiles, batch_size=BATCH_SIZE)

    profiles = [
        FreelancerProfile(user=user, **plan.profile)
        for user, plan in zip(users[: len(freelancers)], freelancers, strict=True)
    ]
    FreelancerProfile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
    _ids_check(profiles)
    FreelancerSkill.objects.bulk_create(
        [
            FreelancerSkill(
                profile=profile,
                skill_id=item.skill_id,
                free_text="" if item.skill_id else item.name,
                level=item.level,
                years=item.years,
            )
            for profile, plan in zip(profiles, freelancers, strict=True)
            for item in plan.skills
        ],
        batch_size=BATCH_SIZE,
    )
    preferred = SkillCategory.preferred_by.through
    preferred.objects.bulk_create(
        [
            preferred(skillcategory_id=category_id, freelancerprofile_id=profile.pk)
            for profile, plan in zip(profiles, freelancers, strict=True)
            for category_id in plan.category_ids
        ],
        batch_size=BATCH_SIZE,
    )
    works = [
        (PortfolioItem(profile=profile, title=w.title, description=w.description, link=w.link), w)
        for profile, plan in zip(profiles, freelancers, strict=True)
        for w in plan.portfolio
    ]
    items = PortfolioItem.objects.bulk_create([item for item, _w in works], batch_size=BATCH_SIZE)
    _ids_check(items)
    tagged = PortfolioItem.skills.through
    tagged.objects.bulk_create(
        [
            tagged(portfolioitem_id=item.pk, skill_id=skill_id)
            for item, (_item, work) in zip(items, works, strict=True)
            for skill_id in work.skill_ids
        ],
        batch_size=BATCH_SIZE,
    )
    return users


PEOPLE_TABLES = (
    User,
    EmailAddress,
    FreelancerProfile,
    EmployerProfile,
    FreelancerSkill,
    SkillCategory.preferred_by.through,
    PortfolioItem,
    PortfolioItem.skills.through,
)


def tables_analyze(models) -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL; autovacuum may come much later).

    Without them the planner guesses from the empty tables and, for one, reads all 660,000
    freelancer skills to find a page's few hundred: four times slower.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def demo_projects():
    return Project.objects.filter(employer__email__endswith=f"@{DEMO_DOMAIN}")


def crowd_projects_seed(
    *,
    seed: int,
    size: str,
    taxonomy: DemoTaxonomy,
    stories: int,
    progress: Progress | None = None,
) -> int:
    """Add the size's open crowd projects missing after the `stories` played ones; returns how many.

    Resumes by count: chunks commit whole and in index order, so the crowd projects present
    are indexes 0..n-1, and the next run plans from n.
    """
    wanted = CROWD_PROJECTS[size]
    if not wanted:
        return 0
    present = max(0, demo_projects().count() - stories)
    if present >= wanted:
        return 0
    crowd = (
        User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", role=User.Role.EMPLOYER)
        .exclude(email__in=LOGIN_EMAILS.values())
        .order_by("email")
    )
    employers = list(crowd.values_list("pk", "employer_profile__country"))
    if not employers:
        return 0
    countries = [country for _pk, country in employers]
    weights = DemoPlanner(seed=seed, taxonomy=taxonomy).category_weights
    index = SkillIndex.load()
    now = timezone.now()
    for start in range(present, wanted, PROJECTS_CHUNK):
        plans = [
            crowd_project(
                seed=seed,
                index=n,
                taxonomy=taxonomy,
                category_weights=weights,
                employer_countries=countries,
            )
            for n in range(start, min(start + PROJECTS_CHUNK, wanted))
        ]
        with transaction.atomic():
            _projects_write(plans, employer_ids=[pk for pk, _c in employers], index=index, now=now)
        if progress:
            progress("crowd projects", start + len(plans) - present, wanted - present)
    tables_analyze([Project, ProjectSkill])
    return wanted - present


def _projects_write(
    plans: list[CrowdProjectPlan], *, employer_ids: list[int], index: SkillIndex, now
) -> None:
    projects = []
    for plan in plans:
        text = plan.text
        project = Project(
            employer_id=employer_ids[plan.employer],
            title=text.title,
            description=text.description,
            category_id=text.category_id,
            budget_type=text.budget_type,
            budget_min=text.budget_min,
            budget_max=text.budget_max,
            currency=text.currency,
            experience_level=text.experience_level,
            duration_weeks=text.duration_weeks,
            hours_per_week=text.hours_per_week,
            languages=["en"],
            screening_questions=list(text.screening_questions),
            status=Project.Status.OPEN,
            published_at=now - dt.timedelta(days=plan.published_days_ago),
        )
        # The project form's rules, as the services check them; the employer and category
        # were just read from the database (one query each per project otherwise).
        project.full_clean(exclude=["employer", "category"])
        projects.append(project)
    Project.objects.bulk_create(projects, batch_size=BATCH_SIZE)
    _ids_check(projects)
    # auto_now_add stamped them now; a demo project was created shortly before it was published.
    for project, plan in zip(projects, plans, strict=True):
        project.created_at = project.updated_at = now - dt.timedelta(days=plan.created_days_ago)
    Project.objects.bulk_update(projects, ["created_at", "updated_at"], batch_size=BATCH_SIZE)
    ProjectSkill.objects.bulk_create(
        [
            row
            for project, plan in zip(projects, plans, strict=True)
            for row in project_skill_rows(
                project,
                required=plan.required_skills,
                nice=plan.nice_skills,
                resolve_id=index.resolve_id,
            )
        ],
        batch_size=BATCH_SIZE,
    )
    projects_search_vectors_refresh(project_ids=[p.pk for p in projects])
