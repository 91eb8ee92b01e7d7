"""`manage.py seed_demo` and the demo_seed service: who gets created, and that it stays put."""

import json
import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Count, Min, Q
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from accounts.models import EmployerProfile, FreelancerProfile, User
from accounts.selectors import employer_profile_completeness
from projects.demo.history import HISTORY_SIZES
from projects.demo.market import MARKET_SIZES, description_clean
from projects.demo.plan import (
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    DEMO_STAFF_TOTP_SECRET,
    LOGIN_EMAILS,
    crowd_sizes,
)
from projects.demo.postings import PostingsFileError, postings_load
from projects.demo.taxonomy import role_from_title
from projects.demo.totp import totp_code
from projects.models import (
    AuditLogEntry,
    Contract,
    FreelancerSkill,
    Invite,
    LedgerEntry,
    Message,
    Milestone,
    Notification,
    PortfolioItem,
    Project,
    ProjectSkill,
    Proposal,
    Report,
    Review,
    ShortlistEntry,
    Skill,
    SkillAlias,
    SkillCategory,
    Thread,
    ThreadReadState,
)
from projects.selectors.messaging import unread_thread_count
from projects.selectors.profile import freelancer_profile_completeness
from projects.services.contracts import IN_ESCROW
from projects.services.demo import DemoSeedError, demo_delete, demo_seed, demo_users
from projects.services.moderation import project_hide, report_create
from projects.skill_names import compact
from tests.factories import FreelancerFactory

# Categories named as the curated taxonomy names them, a few skills each (most popular first:
# occupation_count decides the order the demo draws from).
TAXONOMY = {
    "Web & Software Development": [
        *("Django", "React", "JavaScript", "PostgreSQL", "Python", "TypeScript", "Node.js"),
        *("HTML", "CSS"),
    ],
    "Mobile Development": ["Flutter", "Swift", "Kotlin", "React Native"],
    "AI & Machine Learning": ["PyTorch", "scikit-learn", "Natural Language Processing"],
    "Data Science & Analytics": ["Data Analysis", "Excel", "Power BI", "SQL", "Tableau"],
    "Cloud & DevOps": ["AWS", "Docker", "Kubernetes", "Terraform"],
    "Cybersecurity & Networking": ["Penetration Testing", "Network Security", "OWASP"],
    "Design & Creative": ["Figma", "Logo Design", "Adobe Illustrator", "UX Research"],
    "Video, Audio & Animation": ["Video Editing", "Adobe Premiere Pro", "After Effects"],
    "Writing & Editing": ["Copywriting", "Proofreading", "Technical Writing", "Blog Writing"],
    "Translation & Languages": ["English to Spanish Translation", "Localization", "Subtitling"],
    "Marketing & Sales": ["SEO", "Google Ads", "Social Media Marketing", "Email Marketing"],
    "Finance & Accounting": ["Bookkeeping", "QuickBooks", "Financial Modeling", "Tax Preparation"],
    "Admin & Customer Support": ["Data Entry", "Virtual Assistance", "Customer Service"],
    "Legal": ["Contract Drafting", "GDPR Compliance", "Legal Research"],
}
ALIASES = {"Excel": ["Microsoft Excel"], "Power BI": ["Microsoft Power BI"]}


@pytest.fixture
def demo_taxonomy(db):
    for category_name, skills in TAXONOMY.items():
        category = SkillCategory.objects.create(name=category_name, slug=slugify(category_name))
        for rank, name in enumerate(skills):
            skill = Skill.objects.create(
                name=name,
                slug=slugify(name),
                normalised=compact(name),
                category=category,
                occupation_count=100 - rank,
            )
            for alias in ALIASES.get(name, []):
                SkillAlias.objects.create(skill=skill, alias=compact(alias))


@pytest.fixture
def no_postings(tmp_path):
    """A data folder without the reference files: the generator's own path."""
    return tmp_path


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def fingerprint() -> list[tuple]:
    """Everything a demo person is made of, except timestamps and ids."""
    rows = []
    profiles = (
        FreelancerProfile.objects.filter(user__in=demo_users())
        .select_related("user")
        .prefetch_related("skills__skill", "preferred_categories", "portfolio_items__skills")
        .order_by("user__email")
    )
    for p in profiles:
        rows.append(
            (
                p.user.email,
                p.user.get_full_name(),
                p.headline,
                p.bio,
                p.hourly_rate,
                p.currency,
                p.min_rate,
                p.country.code,
                str(p.timezone),
                tuple(p.languages),
                p.years_experience,
                p.availability_hours_per_week,
                p.budget_preference,
                p.project_size,
                p.remote_only,
                tuple(
                    sorted((s.name, s.skill_id is None, s.level, s.years) for s in p.skills.all())
                ),
                tuple(sorted(c.name for c in p.preferred_categories.all())),
                tuple(
                    sorted(
                        (
                            w.title,
                            w.description,
                            w.link,
                            tuple(sorted(s.name for s in w.skills.all())),
                        )
                        for w in p.portfolio_items.all()
                    )
                ),
            )
        )
    employers = (
        EmployerProfile.objects.filter(user__in=demo_users())
        .select_related("user")
        .order_by("user__email")
    )
    for e in employers:
        rows.append(
            (
                e.user.email,
                e.user.get_full_name(),
                e.company_name,
                e.company_size,
                e.country.code,
                str(e.timezone),
                e.website,
                e.description,
            )
        )
    rows.extend(demo_users().filter(role="").order_by("email").values_list("email", "is_staff"))
    return rows


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "freelancers": FreelancerProfile.objects.count(),
        "employers": EmployerProfile.objects.count(),
        "emails": EmailAddress.objects.count(),
        "skills": FreelancerSkill.objects.count(),
        "portfolio": PortfolioItem.objects.count(),
    }


@pytest.mark.django_db
def test_small_demo_grows_from_tiny_and_has_what_the_issue_asks_for(demo_taxonomy, no_postings):
    demo_seed(size="tiny", seed=0, data_dir=no_postings, market=False)
    tiny = fingerprint()

    report = demo_seed(size="small", seed=0, data_dir=no_postings, market=False)

    freelancers, employers = crowd_sizes("small")
    assert (report.created_freelancers, report.created_employers) == (
        freelancers - crowd_sizes("tiny")[0],
        employers - crowd_sizes("tiny")[1],
    )
    assert not report.bulk  # a small demo goes through the profile services
    users = demo_users()
    assert users.count() == report.users >= 200
    assert users.filter(role=User.Role.EMPLOYER).count() * 3 == pytest.approx(
        users.filter(role=User.Role.FREELANCER).count(), rel=0.1
    )
    # Growing kept the people that were there, unchanged.
    assert set(tiny) <= set(fingerprint())

    profiles = FreelancerProfile.objects.filter(user__in=users).prefetch_related("skills")
    assert report.countries == len({p.country.code for p in profiles}) >= 20
    for category in SkillCategory.objects.all():
        assert profiles.filter(skills__skill__category=category).exists(), category.name
    assert report.categories_covered == report.categories_total == len(TAXONOMY)

    since = timezone.now() - timedelta(days=90)
    new = profiles.filter(user__date_joined__gte=since).count()
    assert report.new_profiles == new
    assert 0.05 * len(profiles) <= new <= 0.3 * len(profiles)
    assert profiles.filter(user__date_joined__lt=since - timedelta(days=30)).count() > new

    years = [p.years_experience for p in profiles]
    assert min(years) == 0
    assert max(years) >= 15
    assert max(years) <= 25
    for p in profiles.prefetch_related("preferred_categories"):
        assert freelancer_profile_completeness(p).is_complete, p.user.email
        assert 3 <= len(p.skills.all()) <= 10, p.user.email
        assert p.headline
        assert p.bio
        assert p.languages
        assert p.hourly_rate > 0
        assert 5 <= p.availability_hours_per_week <= 40
        p.full_clean()
    usd = [p.hourly_rate for p in profiles if p.currency == "USD"]
    assert min(usd) >= 5
    assert max(usd) <= 300
    assert len(set(usd)) > 30
    assert PortfolioItem.objects.filter(profile__in=profiles).count() > len(profiles) // 3

    companies = EmployerProfile.objects.filter(user__in=users)
    assert companies.exclude(company_name="").count() == companies.count()
    for company in companies:
        assert company.description
        assert company.company_size
        assert company.country
        assert company.website.rstrip("/").endswith(
            (".example.com", ".example.org", ".example.net")
        )
        company.full_clean()
        assert employer_profile_completeness(company).is_complete, company.user.email
    assert not users.exclude(email__endswith=f"@{DEMO_DOMAIN}").exists()

    # A second run (what `make run` does every time) creates nothing.
    before = counts()
    again = demo_seed(size="small", seed=0, data_dir=no_postings, market=False)
    assert again.created == 0
    assert counts() == before


@pytest.mark.django_db
def test_demo_logins_are_verified_onboarded_and_can_sign_in(
    demo_taxonomy, no_postings, client, debug_on
):
    call_command("seed_demo", size="tiny", stdout=(out := StringIO()))

    assert DEMO_PASSWORD in out.getvalue()
    assert DEMO_STAFF_TOTP_SECRET in out.getvalue()
    assert f"totp_code --email {LOGIN_EMAILS['staff']}" in out.getvalue()
    for role, email in LOGIN_EMAILS.items():
        assert email in out.getvalue()
        user = User.objects.get(email=email)
        assert user.onboarded_at is not None, role
        assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True)
        # Through the real sign-in form, straight to the dashboard (no onboarding detour).
        response = client.post(
            reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}
        )
        if role == "staff":  # then the code from the published authenticator key
            assert response.url == reverse("mfa_authenticate")
            code = totp_code(DEMO_STAFF_TOTP_SECRET)
            response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 302, role
        assert response.url == resolve_url(settings.LOGIN_REDIRECT_URL), role
        client.logout()

    freelancer = User.objects.get(email=LOGIN_EMAILS["freelancer"]).freelancer_profile
    assert freelancer_profile_completeness(freelancer).is_complete
    assert freelancer.skills.count() == 7
    assert freelancer.portfolio_items.count() == 2
    assert freelancer.preferred_categories.exists()
    employer = User.objects.get(email=LOGIN_EMAILS["employer"]).employer_profile
    assert employer_profile_completeness(employer).is_complete
    assert User.objects.get(email=LOGIN_EMAILS["staff"]).is_staff
    # Every other demo user shares the password too.
    crowd = demo_users().exclude(email__in=LOGIN_EMAILS.values()).first()
    assert client.login(request=HttpRequest(), email=crowd.email, password=DEMO_PASSWORD)

    # The second run says so, and still prints the logins.
    call_command("seed_demo", size="tiny", stdout=(out := StringIO()))
    assert "already present" in out.getvalue()
    assert all(email in out.getvalue() for email in LOGIN_EMAILS.values())


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_people_and_another_seed_others(demo_taxonomy, no_postings):
    # Bulk writes for speed; the services path writes the same rows (test below).
    demo_seed(size="tiny", seed=7, data_dir=no_postings, bulk=True, market=False)
    first = fingerprint()

    demo_seed(size="tiny", seed=7, reset=True, data_dir=no_postings, bulk=True, market=False)
    assert fingerprint() == first

    demo_seed(size="tiny", seed=8, reset=True, data_dir=no_postings, bulk=True, market=False)
    other = fingerprint()
    assert len(other) == len(first)
    assert other != first


@pytest.mark.django_db
def test_bulk_path_writes_exactly_what_the_services_write(demo_taxonomy, no_postings):
    demo_seed(size="tiny", seed=3, data_dir=no_postings, bulk=False, market=False)
    through_services = fingerprint()

    report = demo_seed(
        size="tiny", seed=3, reset=True, data_dir=no_postings, bulk=True, market=False
    )

    assert report.bulk
    assert fingerprint() == through_services
    for profile in FreelancerProfile.objects.filter(user__in=demo_users()):
        profile.full_clean()
        assert profile.created_at == profile.user.date_joined
    assert EmailAddress.objects.filter(user__in=demo_users(), verified=True).count() == (
        demo_users().count()
    )


@pytest.mark.django_db
def test_niche_reference_skills_do_not_crowd_out_the_curated_ones(demo_taxonomy, no_postings):
    web = SkillCategory.objects.get(name="Web & Software Development")
    niche = Skill.objects.create(
        name="Paisley RiskNavigator",
        slug="paisley-risknavigator",
        normalised=compact("Paisley RiskNavigator"),
        category=web,
        source=Skill.Source.ONET,
        is_hot=True,
        occupation_count=999,
    )

    demo_seed(size="tiny", data_dir=no_postings, bulk=True, market=False)

    assert FreelancerSkill.objects.filter(profile__user__in=demo_users(), skill__category=web)
    assert not FreelancerSkill.objects.filter(skill=niche).exists()


@pytest.mark.django_db
def test_reset_deletes_only_demo_users(demo_taxonomy, no_postings):
    someone = FreelancerFactory(email="real.person@example.com")
    demo_seed(size="tiny", data_dir=no_postings, bulk=True)
    demo_total = demo_users().count()

    report = demo_seed(size="tiny", reset=True, data_dir=no_postings, bulk=True)

    assert report.deleted_users == demo_total
    assert demo_users().count() == demo_total
    assert User.objects.filter(pk=someone.pk).exists()
    assert User.objects.count() == demo_total + 1


@pytest.mark.django_db
def test_missing_people_are_recreated_and_nobody_is_duplicated(demo_taxonomy, no_postings):
    demo_seed(size="tiny", data_dir=no_postings, bulk=True, market=False)
    complete = fingerprint()
    gone = list(demo_users().order_by("email").values_list("email", flat=True)[:5])
    User.objects.filter(email__in=gone).delete()

    report = demo_seed(
        size="tiny", data_dir=no_postings, market=False
    )  # a few: through the services

    assert not report.bulk
    assert report.created == 5
    assert fingerprint() == complete


@pytest.mark.django_db
def test_a_partial_demo_from_another_seed_is_not_mixed_with_this_one(demo_taxonomy, no_postings):
    demo_seed(size="tiny", seed=1, data_dir=no_postings, bulk=True, market=False)
    demo_users().filter(email__contains=".f1@").delete()
    before = counts()

    with pytest.raises(DemoSeedError, match="--reset"):
        demo_seed(size="tiny", seed=2, data_dir=no_postings, market=False)
    assert counts() == before


@pytest.mark.django_db
def test_without_a_taxonomy_the_command_says_to_import_it(debug_on):
    with pytest.raises(CommandError, match=r"Run `python manage.py import_skills` first\."):
        call_command("seed_demo", size="tiny", stdout=StringIO())
    assert not demo_users().exists()


@pytest.mark.django_db
def test_the_command_refuses_to_publish_logins_on_a_site_without_debug(demo_taxonomy, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", size="tiny", stdout=StringIO())
    assert not demo_users().exists()


@pytest.mark.django_db
def test_real_postings_shape_headlines_skills_and_company_needs(demo_taxonomy, tmp_path):
    postings = [
        {
            "job_id": f"~0{n}",
            "title": title,
            "skills": skills,
            "description": "Not used by the demo.",
            "min_hourly_rate": 20,
            "max_hourly_rate": "45.5",
            "fixed_price": None,
        }
        for n, (title, skills) in enumerate(
            [
                ("Data Analyst - Power BI Dashboard", ["Microsoft Power BI", "Microsoft Excel"]),
                ("Looking for a Django developer", ["Django", "PostgreSQL", "Dashboard Tools"]),
                ("SEO specialist for a bakery", ["SEO", "Google Ads"]),
                ("Logo and brand refresh", ["Logo Design", "Figma"]),
            ]
            * 3
        )
    ]
    postings.append({"title": "", "skills": ["Django"]})  # no title: skipped
    (tmp_path / "upwork_jobs_sample.json").write_text(json.dumps(postings), encoding="utf-8")

    report = demo_seed(size="tiny", data_dir=tmp_path, market=False)

    assert report.postings_used == 12
    bios = list(
        FreelancerProfile.objects.filter(user__in=demo_users()).values_list("bio", flat=True)
    )
    titles = {p["title"] for p in postings if p["title"]}
    assert any(title in bio for bio in bios for title in titles)
    headlines = FreelancerProfile.objects.filter(user__in=demo_users()).values_list(
        "headline", flat=True
    )
    roles = ("Data Analyst", "Django developer", "SEO specialist")
    assert any(role in h for h in headlines for role in roles)
    descriptions = EmployerProfile.objects.values_list("description", flat=True)
    assert any("Recent requests" in d for d in descriptions)


def test_postings_reader_handles_absent_broken_and_partial_files(tmp_path):
    assert postings_load(tmp_path) == []
    assert postings_load(None) == []
    (tmp_path / "upwork_jobs_sample.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PostingsFileError, match="Cannot read job postings"):
        postings_load(tmp_path)
    (tmp_path / "upwork_jobs_sample.json").write_text(
        json.dumps(
            [
                {
                    "title": " Build a dashboard ",
                    "skills": ["Excel", "Excel", 3],
                    "fixed_price": "1,200",
                }
            ]
        ),
        encoding="utf-8",
    )
    [posting] = postings_load(tmp_path)
    assert posting.title == "Build a dashboard"
    assert posting.skills == ("Excel",)
    assert posting.fixed_price == Decimal("1200")
    assert posting.min_hourly_rate is None


@pytest.mark.skipif(
    not (Path(settings.GIGWISE_DATA_DIR) / "upwork_jobs_sample.json").is_file(),
    reason="reference data folder not present",
)
def test_the_reference_postings_file_reads():
    postings = postings_load(settings.GIGWISE_DATA_DIR)
    assert len(postings) > 300
    assert all(p.title for p in postings)
    assert sum(bool(p.skills) for p in postings) > 300


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Data Analyst - Power BI Dashboard", "Data Analyst"),
        ("Looking for a Django developer", "Django developer"),
        ("POWER BI DEVELOPER NEEDED", "Power Bi Developer"),
        ("Create Excel Dashboard", ""),
        ("Need an expert analyst", "Analyst"),
    ],
)
def test_role_from_a_posting_title(title, role):
    assert role_from_title(title) == role


def test_plans_do_not_depend_on_python_hash_randomisation():
    """Same seed, two interpreters with different hash seeds: the same people."""
    script = textwrap.dedent(
        """
        import hashlib
        import django
        django.setup()
        from projects.demo.archetypes import archetype_for
        from projects.demo.plan import DemoPlanner
        from projects.demo.taxonomy import DemoCategory, DemoTaxonomy

        def skills(i, n):
            return tuple((i * 100 + j, f"{n} {j}") for j in range(6))

        names = ["Web development", "Data analytics", "Design", "Writing", "Cloud"]
        categories = tuple(
            DemoCategory(i, n, n, archetype_for(n), skills(i, n))
            for i, n in enumerate(names)
        )
        taxonomy = DemoTaxonomy(categories, {s: n for c in categories for s, n in c.skills})
        planner = DemoPlanner(seed=5, taxonomy=taxonomy)
        plans = [planner.freelancer(i) for i in range(60)]
        plans += [planner.employer(i) for i in range(20)]
        print(hashlib.sha256(repr(plans).encode()).hexdigest())
        """
    )
    outputs = set()
    for hash_seed in ("1", "2"):
        env = {
            **os.environ,
            "PYTHONHASHSEED": hash_seed,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        }
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout.strip())
    assert len(outputs) == 1


# The marketplace: projects, proposals, contracts, milestones, reviews and messages.

MARKET_MODELS = (
    Project,
    ProjectSkill,
    Proposal,
    Invite,
    ShortlistEntry,
    Contract,
    Milestone,
    LedgerEntry,
    Review,
    Thread,
    Message,
    ThreadReadState,
    Notification,
)


def market_fingerprint() -> list[tuple]:
    """The demo marketplace without ids and timestamps: what a visitor would compare."""
    # Sorted whole: one employer may post two projects with the same title (CI once returned
    # such a pair in the other order, and ordering by title and employer alone left them tied).
    rows = sorted(
        (p.employer.email, p.title, p.status, p.visibility, p.budget_type, p.budget_min)
        for p in Project.objects.select_related("employer")
    )
    rows += sorted(
        Proposal.objects.values_list("project__title", "freelancer__email", "status", "bid_amount")
    )
    rows += sorted(Milestone.objects.values_list("contract__title", "title", "status", "amount"))
    rows += sorted(Review.objects.values_list("contract__title", "author__email", "rating_quality"))
    rows += sorted(Message.objects.values_list("thread__project__title", "sender__email", "body"))
    return rows


def ledger_balanced(contract: Contract) -> bool:
    sums = {kind: Decimal(0) for kind in LedgerEntry.Kind.values}
    for entry in contract.ledger.all():
        sums[entry.kind] += entry.amount
    escrow = sum((m.amount for m in contract.milestones.all() if m.status in IN_ESCROW), Decimal(0))
    return sums["fund"] == sums["release"] + sums["fee"] + sums["refund"] + escrow


def page(client, user, name, *args) -> str:
    client.force_login(user)
    response = client.get(reverse(f"projects:{name}", args=args))
    assert response.status_code == 200, (user.email, name)
    return response.content.decode()


@pytest.mark.django_db
def test_the_marketplace_has_every_state_and_the_demo_logins_see_their_content(
    demo_taxonomy, no_postings, client
):
    report = demo_seed(size="tiny", data_dir=no_postings, bulk=True)

    total = MARKET_SIZES["tiny"] + HISTORY_SIZES["tiny"]
    assert report.market.projects == total == Project.objects.count()
    projects = Project.objects.all()
    assert set(projects.values_list("status", flat=True)) == set(Project.Status.values)
    open_ = projects.filter(status=Project.Status.OPEN)
    assert set(open_.values_list("visibility", flat=True)) == set(Project.Visibility.values)
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Proposal.Status.values)
    assert set(Invite.objects.values_list("status", flat=True)) >= {"pending", "accepted"}
    assert ShortlistEntry.objects.exists()
    assert set(Milestone.objects.values_list("status", flat=True)) == set(Milestone.Status.values)
    assert set(Contract.objects.values_list("status", flat=True)) == set(Contract.Status.values)
    assert set(Contract.objects.values_list("budget_type", flat=True)) == {"fixed", "hourly"}
    # Proposals come from freelancers with some of the project's skills (tiny has few people).
    fitting = [
        p
        for p in Proposal.objects.select_related("project")
        if set(p.project.skills.values_list("skill_id", flat=True))
        & set(p.freelancer.freelancer_profile.skills.values_list("skill_id", flat=True))
    ]
    assert len(fitting) > 0.6 * Proposal.objects.count()
    for contract in Contract.objects.prefetch_related("ledger", "milestones"):
        assert ledger_balanced(contract), contract.title
    assert LedgerEntry.objects.filter(kind="refund").exists()

    # Reviews from one or both sides; a one-sided review within 14 days is still blind.
    now = timezone.now()
    reviewed = {c: c.reviews.count() for c in Contract.objects.filter(reviews__isnull=False)}
    assert 2 in reviewed.values()
    assert any(
        n == 1 and contract.ended_at > now - timedelta(days=14) for contract, n in reviewed.items()
    )
    assert Thread.objects.annotate(n=Count("messages")).filter(n__gte=2).exists()
    notifications = Notification.objects.all()
    assert notifications.count() > 50
    # Demo addresses receive no mail: the seed records them as sent, so nothing is e-mailed.
    assert not notifications.filter(emailed_at__isnull=True).exists()

    # Dates are spread over the last year (the history before two months ago), in order, never
    # in the future.
    published = sorted(projects.exclude(published_at=None).values_list("published_at", flat=True))
    assert now - timedelta(days=366) < published[0] < now - timedelta(days=60)
    assert published[-1] > now - timedelta(days=21)
    assert not Message.objects.filter(created_at__gt=now).exists()
    for proposal in Proposal.objects.select_related("project"):
        assert proposal.created_at >= proposal.project.published_at
    for contract in Contract.objects.filter(status="completed"):
        assert contract.ended_at < now
        assert all(r.created_at >= contract.ended_at for r in contract.reviews.all())

    employer = User.objects.get(email=LOGIN_EMAILS["employer"])
    freelancer = User.objects.get(email=LOGIN_EMAILS["freelancer"])
    mine = Project.objects.filter(employer=employer)
    assert set(mine.values_list("status", flat=True)) == set(Project.Status.values)
    assert mine.filter(visibility="invite_only", status="open").exists()
    crowded = mine.annotate(n=Count("proposals")).filter(status="open", n__gte=5).get()
    awaiting = Milestone.objects.get(contract__employer=employer, status="submitted")
    assert awaiting.contract.is_active

    proposals = Proposal.objects.filter(freelancer=freelancer)
    assert set(proposals.values_list("status", flat=True)) >= {
        "submitted", "archived", "declined", "withdrawn", "hired"
    }  # fmt: skip
    assert ShortlistEntry.objects.filter(freelancer=freelancer).exists()
    assert Invite.objects.filter(freelancer=freelancer, status="pending").exists()
    assert Milestone.objects.filter(
        contract__freelancer=freelancer, contract__status="active", status="funded"
    ).exists()
    # The time log and invoices have something to show: an active hourly contract with a weekly
    # limit, and released milestones to invoice.
    assert Contract.objects.filter(
        freelancer=freelancer, employer=employer, status="active", budget_type="hourly",
        weekly_hour_limit__gte=1,
    ).exists()  # fmt: skip
    assert Milestone.objects.filter(contract__freelancer=freelancer, status="released").exists()
    done = Contract.objects.filter(freelancer=freelancer, status="completed")
    assert Review.objects.filter(contract__in=done, subject=freelancer).exists()
    assert Notification.objects.filter(user=freelancer, read_at=None).exists()
    assert unread_thread_count(user=freelancer) > 0

    # What they see after signing in.
    assert crowded.title in page(client, employer, "project-mine")
    assert "proposal" in page(client, employer, "project-proposals", crowded.pk).lower()
    assert awaiting.title in page(client, employer, "contract-detail", awaiting.contract.pk)
    assert awaiting.contract.title in page(client, employer, "contract-list")
    page(client, employer, "dashboard")
    listed = page(client, freelancer, "my-proposals")
    for proposal in proposals.exclude(status="withdrawn").select_related("project"):
        assert escape(proposal.project.title) in listed
    contracts = page(client, freelancer, "contract-list")
    for contract in Contract.objects.filter(freelancer=freelancer):
        assert escape(contract.title) in contracts
    page(client, freelancer, "dashboard")
    page(client, freelancer, "inbox")
    page(client, freelancer, "notification-list")

    # A second run finds the marketplace and creates nothing.
    before = {model.__name__: model.objects.count() for model in MARKET_MODELS}
    again = demo_seed(size="tiny", data_dir=no_postings)
    assert again.market.present
    assert {model.__name__: model.objects.count() for model in MARKET_MODELS} == before


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_marketplace_and_reset_leaves_no_orphans(
    demo_taxonomy, no_postings
):
    someone = FreelancerFactory(email="real.person@example.com")
    demo_seed(size="tiny", seed=4, data_dir=no_postings, bulk=True)
    first = market_fingerprint()
    assert len({row[1] for row in first[: Project.objects.count()]}) > 20  # varied titles
    staff = User.objects.get(email=LOGIN_EMAILS["staff"])
    project = Project.objects.filter(status="open").first()
    project_hide(project=project, actor=staff, reason="Demo moderation")
    report_create(reporter=someone, target=project, reason="spam")

    demo_delete()

    for model in MARKET_MODELS:
        assert not model.objects.exists(), model.__name__
    # The audit log is append-only: the demo staff who moderated stays, with the entry.
    assert AuditLogEntry.objects.get().actor == staff
    assert not Report.objects.exists()
    assert set(User.objects.all()) == {someone, staff}

    demo_seed(size="tiny", seed=4, data_dir=no_postings, bulk=True)
    assert market_fingerprint() == first


@pytest.mark.django_db
def test_a_small_demo_seeds_sixty_projects_and_a_year_of_history_through_the_command(
    demo_taxonomy, no_postings, debug_on, settings
):
    settings.GIGWISE_DATA_DIR = no_postings
    call_command("seed_demo", size="small", stdout=(out := StringIO()))

    employers = User.objects.filter(role=User.Role.EMPLOYER)
    total = MARKET_SIZES["small"] + HISTORY_SIZES["small"]
    assert Project.objects.count() == total
    assert Project.objects.values("employer").distinct().count() > 20
    assert employers.filter(projects__isnull=True).exists()  # not everyone posts
    output = out.getvalue()
    assert f"Demo marketplace (small): {total} projects" in output
    assert "built-in generator" in output
    for line in ("projects", "proposals", "contracts", "milestones", "reviews", "messages"):
        assert f"\n  {line} " in output
    assert "changes requested" in output
    assert all(email in output for email in LOGIN_EMAILS.values())

    # Nobody posted or bid before they joined (an employer planned as new, given a project of a
    # year ago, used to read "On Gigwise since November 2026" beside a year of spending).
    for user in User.objects.filter(
        Q(projects__isnull=False) | Q(proposals__isnull=False)
    ).annotate(first_project=Min("projects__created_at"), first_bid=Min("proposals__created_at")):
        first = min(t for t in (user.first_project, user.first_bid) if t is not None)
        assert user.date_joined < first, user.email
        assert user.onboarded_at is None or user.onboarded_at < first, user.email

    call_command("seed_demo", size="small", stdout=(out := StringIO()))
    assert "Demo marketplace already present" in out.getvalue()


@pytest.mark.django_db
def test_projects_come_from_the_real_postings_when_present(demo_taxonomy, tmp_path):
    postings = [
        {
            "title": "Power BI dashboard for our sales team",
            "description": "🚀 About us: a retailer. 🚀 What you will do: build dashboards.",
            "skills": ["Microsoft Power BI", "Microsoft Excel", "Looker Studio"],
            "experience_level": "Expert",
            "duration": "1-3 months",
            "hours_per_week": "Less than 30",
            "min_hourly_rate": 25,
            "max_hourly_rate": 40,
            "fixed_price": None,
        },
        {
            "title": "Django booking site for a dental clinic",
            "description": "We need a booking site.",
            "skills": ["Django", "PostgreSQL"],
            "experience_level": "Entry level",
            "duration": "< 1 month",
            "fixed_price": 1500,
        },
        {"title": "Data", "skills": ["SQL"], "fixed_price": 100},  # one word: not a brief
    ]
    (tmp_path / "upwork_jobs_sample.json").write_text(json.dumps(postings), encoding="utf-8")

    report = demo_seed(size="tiny", data_dir=tmp_path, bulk=True)

    assert report.market.postings_used == 2
    hourly = Project.objects.get(title="Power BI dashboard for our sales team")
    assert hourly.description == "About us: a retailer.\n\nWhat you will do: build dashboards."
    assert (hourly.budget_type, hourly.budget_min, hourly.budget_max) == ("hourly", 25, 40)
    assert (hourly.experience_level, hourly.duration_weeks, hourly.hours_per_week) == (
        "expert",
        8,
        15,
    )
    skills = {s.name: s.skill_id is None for s in hourly.skills.all()}
    assert skills == {"Power BI": False, "Excel": False, "Looker Studio": True}
    assert hourly.category.name == "Data Science & Analytics"
    fixed = Project.objects.get(title="Django booking site for a dental clinic")
    assert (fixed.budget_type, fixed.budget_min, fixed.budget_max) == ("fixed", 1200, 1500)
    assert (fixed.experience_level, fixed.duration_weeks) == ("entry", 3)
    assert not Project.objects.filter(title="Data").exists()
    # The rest of the stories need more postings than two: the generator writes them.
    assert Project.objects.count() == MARKET_SIZES["tiny"] + HISTORY_SIZES["tiny"]


def test_posting_descriptions_lose_their_emoji_bullets_but_keep_their_text():
    cleaned = description_clean("Hi 👋 there.\n✅ Fast  ✅ Clean ⭐️\n\n\nBye")
    assert cleaned == "Hi there.\n\nFast\n\nClean\n\nBye"
    assert description_clean("Plain text, “quoted” — fine.") == "Plain text, “quoted” — fine."
