"""Seed the demo marketplace: invented freelancers and employers, and three known logins.

The people are planned in projects.demo (pure, seeded) and written here in one transaction.
A few hundred go through the same services a person's sign-up and profile edits use; more
than that are written with bulk_create (one password hash shared by all, demo_crowd.py), which
is the only way 100,000 users fit in minutes. Both paths write the same rows for the same plans.

The large demo is too big for one transaction to be kind: it commits chunk by chunk, so a seed
that stops keeps what it wrote and the next run carries on (people are found by their e-mail's
index, crowd projects by count); smaller demos stay all or nothing.
"""

import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import FreelancerProfile, User
from accounts.services import (
    employer_profile_update,
    freelancer_profile_update,
    user_create,
    user_mark_onboarded,
)
from projects.demo.crowd import CrowdPlanner
from projects.demo.history import HISTORY_SIZES
from projects.demo.market import MARKET_SIZES
from projects.demo.plan import (
    CROWD_EMAIL,
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    DEMO_SIZES,
    DEMO_STAFF_TOTP_SECRET,
    LOGIN_EMAILS,
    NEW_PROFILE_DAYS,
    DemoPlanner,
    EmployerPlan,
    FreelancerPlan,
    crowd_sizes,
)
from projects.demo.postings import postings_load
from projects.demo.taxonomy import shapes_attach, taxonomy_load
from projects.models import (
    AuditLogEntry,
    Contract,
    LedgerEntry,
    Message,
    Project,
    Report,
    Skill,
    SkillCategory,
)
from projects.selectors.demo import demo_market_summary
from projects.services.demo_crowd import (
    PEOPLE_CHUNK,
    PEOPLE_TABLES,
    BulkIdsMissing,
    crowd_projects_seed,
    people_write_bulk,
    tables_analyze,
)
from projects.services.demo_dates import (
    ONBOARDING_TIME,
    joined_before_first_activity,
    profiles_date_align,
)
from projects.services.demo_market import MarketReport, market_seed
from projects.services.talent import (
    freelancer_categories_set,
    freelancer_skill_add,
    portfolio_item_create,
)

# Up to this many new people go through the services one by one; beyond it, bulk_create.
SERVICES_PATH_LIMIT = 500
BATCH_SIZE = 1000


class DemoSeedError(Exception):
    """The demo cannot be seeded as asked; the message says what to do."""


@dataclass
class DemoReport:
    size: str
    seed: int
    created_freelancers: int = 0
    created_employers: int = 0
    created_logins: int = 0
    deleted_users: int = 0
    postings_used: int = 0
    bulk: bool = False
    seconds: float = 0.0
    # What the demo in the database holds afterwards.
    users: int = 0
    countries: int = 0
    categories_covered: int = 0
    categories_total: int = 0
    new_profiles: int = 0
    password: str = DEMO_PASSWORD
    staff_totp_secret: str = DEMO_STAFF_TOTP_SECRET
    logins: dict[str, str] = field(default_factory=lambda: dict(LOGIN_EMAILS))
    people_seconds: float = 0.0
    market: MarketReport | None = None  # None: not asked for (market=False)
    market_seconds: float = 0.0
    crowd_projects: int = 0  # open projects written in bulk after the stories (large)
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase
    summary: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def created(self) -> int:
        return self.created_freelancers + self.created_employers + self.created_logins


def demo_users() -> QuerySet[User]:
    """Every user on the demo e-mail domain (and nobody else)."""
    return User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")


def demo_seed(
    *,
    size: str = "small",
    seed: int = 0,
    reset: bool = False,
    data_dir: Path | str | None = None,
    bulk: bool | None = None,
    market: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    people_ready: Callable[[], None] | None = None,
) -> DemoReport:
    """Create the demo people and marketplace missing for `size` and `seed` (all on reset).

    `progress(phase, done, total)` is called as the bulk phases go; `people_ready()` once the
    people are written, before the marketplace (the command embeds them there).
    """
    mark = time.monotonic()
    if size not in DEMO_SIZES:
        raise DemoSeedError(f"Unknown demo size {size!r}; choose one of {', '.join(DEMO_SIZES)}.")
    if not Skill.objects.exists():
        raise DemoSeedError("Run `python manage.py import_skills` first.")
    report = DemoReport(size=size, seed=seed)

    def phase_end(name: str) -> float:
        nonlocal mark
        now = time.monotonic()
        report.phases[name] = now - mark
        mark = now
        return report.phases[name]

    with nullcontext() if DEMO_SIZES[size] > PEOPLE_CHUNK else transaction.atomic():
        if reset:
            with transaction.atomic():
                report.deleted_users = demo_delete()
            phase_end("reset")
        _seed_missing(report, size=size, seed=seed, data_dir=data_dir, bulk=bulk, progress=progress)
        demo_staff_totp_ensure()
        report.people_seconds = phase_end("people")
        if people_ready:
            people_ready()
            mark = time.monotonic()  # the caller times its own work
        if market:
            taxonomy = taxonomy_load()
            with transaction.atomic():
                report.market = market_seed(
                    seed=seed,
                    size=size,
                    taxonomy=taxonomy,
                    postings=postings_load(data_dir),
                    progress=progress,
                )
            report.market_seconds = phase_end("stories")
            report.crowd_projects = crowd_projects_seed(
                seed=seed,
                size=size,
                taxonomy=taxonomy,
                stories=MARKET_SIZES[size] + HISTORY_SIZES[size],
                progress=progress,
            )
            joined_before_first_activity()
            phase_end("crowd projects")
    _report_counts(report)
    if market:
        report.summary = demo_market_summary()
    # Wall time, less what `people_ready` spent (the caller reports that itself).
    report.seconds = sum(report.phases.values()) + (time.monotonic() - mark)
    return report


def demo_delete() -> int:
    """Delete every demo user and what they did in the marketplace; returns how many users.

    The audit log is append-only, in the database too, and its rows keep their actor: a demo
    login that moderated or opened the admin (the demo staff) stays, with its entries.
    """
    users = demo_users().exclude(pk__in=AuditLogEntry.objects.values("actor_id"))
    contracts = Contract.objects.filter(
        Q(employer__in=users) | Q(freelancer__in=users) | Q(project__employer__in=users)
    )
    # The ledger is append-only: LedgerEntry.delete() refuses and its foreign keys PROTECT
    # contracts and milestones. A queryset delete does not call Model.delete(), so it is the
    # deliberate way out for the demo contracts' entries, which record no real money.
    LedgerEntry.objects.filter(contract__in=contracts).delete()
    contracts.delete()  # with their milestones and reviews, before the projects they PROTECT
    # Reports point at their target by id (no foreign key): those about demo rows go too.
    targets = {
        Project: Project.objects.filter(employer__in=users),
        User: users,
        Message: Message.objects.filter(sender__in=users),
    }
    for model, rows in targets.items():
        Report.objects.filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=rows.values("pk"),
        ).delete()
    count = users.count()
    users.delete()
    return count


def demo_staff_totp_ensure() -> None:
    """Give the demo staff the published authenticator key: the admin needs a second factor."""
    staff = User.objects.filter(email=LOGIN_EMAILS["staff"]).first()
    if (
        staff is None
        or Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    ):
        return
    Authenticator.objects.create(
        user=staff,
        type=Authenticator.Type.TOTP,
        data={"secret": encrypt(DEMO_STAFF_TOTP_SECRET)},
    )


def _seed_missing(report: DemoReport, *, size, seed, data_dir, bulk, progress) -> None:
    emails = set(demo_users().values_list("email", flat=True))
    present: dict[str, set[int]] = {"f": set(), "e": set()}
    for email in emails:
        if match := CROWD_EMAIL.search(email):
            present[match["kind"]].add(int(match["index"]))
    want_f, want_e = crowd_sizes(size)
    missing_f = [i for i in range(want_f) if i not in present["f"]]
    missing_e = [i for i in range(want_e) if i not in present["e"]]
    missing_logins = [role for role, email in LOGIN_EMAILS.items() if email not in emails]
    if not (missing_f or missing_e or missing_logins):
        return

    taxonomy = taxonomy_load()
    if not taxonomy.categories:
        raise DemoSeedError(
            "No skill belongs to a category; run `python manage.py import_skills` first."
        )
    postings = postings_load(data_dir)
    shapes_attach(taxonomy, postings)
    report.postings_used = sum(len(shapes) for shapes in taxonomy.shapes.values())
    planner = DemoPlanner(seed=seed, taxonomy=taxonomy)
    crowd = CrowdPlanner(planner)  # the same people as the planner's, look-alikes beyond
    if present["f"]:
        first = min(present["f"])
        if crowd.freelancer(first).email not in emails:
            raise DemoSeedError(
                "The demo in the database was made with another seed or taxonomy; "
                "pass --reset to replace it."
            )

    now = timezone.now()
    password = make_password(DEMO_PASSWORD)  # hashed once: the slow part of creating users
    people = [("f", i) for i in missing_f] + [("e", i) for i in missing_e]
    report.bulk = len(people) > SERVICES_PATH_LIMIT if bulk is None else bulk
    write = people_write_bulk if report.bulk else _write_with_services
    chunk = PEOPLE_CHUNK if report.bulk else max(1, len(people))
    for start in range(0, len(people), chunk):
        part = people[start : start + chunk]
        with transaction.atomic():
            try:
                users = write(
                    freelancers=[crowd.freelancer(i) for kind, i in part if kind == "f"],
                    employers=[planner.employer(i) for kind, i in part if kind == "e"],
                    password=password,
                    now=now,
                )
            except BulkIdsMissing as error:
                raise DemoSeedError(f"{error} Use --size small.") from error
            profiles_date_align([u.pk for u in users])
        if progress:
            progress("people", start + len(part), len(people))
    if report.bulk:
        tables_analyze(PEOPLE_TABLES)
    report.created_freelancers, report.created_employers = len(missing_f), len(missing_e)

    with transaction.atomic():
        logins = [
            _login_create(role, planner=planner, password=password, now=now)
            for role in missing_logins
        ]
        profiles_date_align([u.pk for u in logins])
    report.created_logins = len(missing_logins)


def _joined(plan: FreelancerPlan | EmployerPlan, now: datetime) -> datetime:
    return now - timedelta(days=plan.joined_days_ago)


def _write_with_services(*, freelancers, employers, password: str, now: datetime) -> list[User]:
    skills = Skill.objects.in_bulk({s.skill_id for p in freelancers for s in p.skills} - {None})
    categories = SkillCategory.objects.in_bulk({c for p in freelancers for c in p.category_ids})
    users = [_freelancer_create(p, skills=skills, categories=categories) for p in freelancers]
    users += [_employer_create(p) for p in employers]
    for user, plan in zip(users, [*freelancers, *employers], strict=True):
        user.password = password
        user.date_joined = _joined(plan, now)
        user.onboarded_at = user.date_joined + ONBOARDING_TIME
    User.objects.bulk_update(users, ["password", "date_joined", "onboarded_at"], BATCH_SIZE)
    return users


def _freelancer_create(plan: FreelancerPlan, *, skills: dict, categories: dict) -> User:
    user = user_create(
        email=plan.email,
        password=None,
        role=User.Role.FREELANCER,
        first_name=plan.first_name,
        last_name=plan.last_name,
        email_verified=True,
    )
    profile = freelancer_profile_update(profile=user.freelancer_profile, **plan.profile)
    for item in plan.skills:
        freelancer_skill_add(
            profile=profile,
            text=item.name,
            level=item.level,
            years=item.years,
            skill=skills.get(item.skill_id),
        )
    freelancer_categories_set(
        profile=profile, categories=[categories[c] for c in plan.category_ids]
    )
    for work in plan.portfolio:
        portfolio_item_create(
            profile=profile,
            title=work.title,
            description=work.description,
            link=work.link,
            skills=[skills[s] for s in work.skill_ids],
        )
    return user


def _employer_create(plan: EmployerPlan) -> User:
    user = user_create(
        email=plan.email,
        password=None,
        role=User.Role.EMPLOYER,
        first_name=plan.first_name,
        last_name=plan.last_name,
        email_verified=True,
    )
    employer_profile_update(profile=user.employer_profile, **plan.profile)
    return user


def _login_create(role: str, *, planner: DemoPlanner, password: str, now: datetime) -> User:
    joined_days_ago = 400
    if role == "freelancer":
        plan = planner.login_freelancer()
        skills = Skill.objects.in_bulk([s.skill_id for s in plan.skills if s.skill_id])
        categories = SkillCategory.objects.in_bulk(plan.category_ids)
        user = _freelancer_create(plan, skills=skills, categories=categories)
        joined_days_ago = plan.joined_days_ago
    elif role == "employer":
        plan = planner.login_employer()
        user = _employer_create(plan)
        joined_days_ago = plan.joined_days_ago
    else:
        user = user_create(
            email=LOGIN_EMAILS["staff"],
            password=None,
            first_name="Demo",
            last_name="Staff",
            is_staff=True,
            is_superuser=True,
            email_verified=True,
        )
    user_mark_onboarded(user=user)
    user.password = password
    user.date_joined = now - timedelta(days=joined_days_ago)
    user.onboarded_at = user.date_joined + ONBOARDING_TIME
    user.save(update_fields=["password", "date_joined", "onboarded_at"])
    return user


def _report_counts(report: DemoReport) -> None:
    users = demo_users()
    profiles = FreelancerProfile.objects.filter(user__in=users)
    report.users = users.count()
    report.countries = profiles.exclude(country="").values("country").distinct().count()
    report.categories_total = SkillCategory.objects.filter(skills__isnull=False).distinct().count()
    report.categories_covered = (
        SkillCategory.objects.filter(skills__freelancers__profile__in=profiles).distinct().count()
    )
    since = timezone.now() - timedelta(days=NEW_PROFILE_DAYS)
    report.new_profiles = profiles.filter(user__date_joined__gte=since).count()
