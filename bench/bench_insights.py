"""Market insights at scale: the daily aggregation, and the pages that read its tables.

A throw-away SQLite database with 10,000 freelancers (rates, skills, time zones), 20,000
projects published over the last year and 6,000 hourly contracts. It prints:

1. The aggregation (`market_aggregate`): seconds and rows written, against a baseline measured
   in the same run: only reading the raw rows it aggregates (contracts with their projects'
   skills, bids, profile rates with skills, published projects with skills).
2. The Market page and the rate-advice fragment: queries per request, p50 and p95 over repeated
   requests, and the same page's queries with a tenth of the market (they must be equal).

    DEBUG=1 .venv/bin/python bench/bench_insights.py [--freelancers 10000] [--projects 20000]
        [--contracts 6000] [--requests 20]

Prints figures; it never passes or fails on time.
"""

import argparse
import datetime as dt
import logging
import random
import statistics
import time

from report import figure
from throwaway_db import django_on_throwaway_db

ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Africa/Nairobi", "UTC"]
LEVELS = ["entry", "intermediate", "expert"]


def populate(freelancers: int, projects: int, contracts: int, *, tag: str) -> list:
    """Bulk rows for one market (bench data only); returns the freelancer users."""
    from django.utils import timezone

    from accounts.models import FreelancerProfile, User
    from projects.models import Contract, FreelancerSkill, Project, ProjectSkill, Skill

    py = random.Random(7)
    now = timezone.now()
    skills = list(Skill.objects.values_list("pk", flat=True)[:300])
    users = User.objects.bulk_create(
        User(email=f"f{i}@{tag}.bench.invalid", role=User.Role.FREELANCER, onboarded_at=now)
        for i in range(freelancers)
    )
    profiles = FreelancerProfile.objects.bulk_create(
        FreelancerProfile(
            user=u,
            headline="bench",
            hourly_rate=py.randint(10, 150),
            currency=py.choice(["USD", "USD", "EUR", "GBP", "INR"]),
            years_experience=py.randint(0, 20),
            availability_hours_per_week=py.choice([0, 10, 20, 30, 40]),
            timezone=py.choice(ZONES),
        )
        for u in users
    )
    FreelancerSkill.objects.bulk_create(
        (FreelancerSkill(profile=p, skill_id=s) for p in profiles for s in py.sample(skills, 5)),
        batch_size=5000,
    )
    employer = User.objects.create(email=f"client@{tag}.bench.invalid", role=User.Role.EMPLOYER)
    gigs = Project.objects.bulk_create(
        (
            Project(
                employer=employer,
                title="bench",
                description="bench",
                budget_type=py.choice(["hourly", "fixed"]),
                budget_min=20,
                budget_max=py.randint(30, 3000),
                experience_level=py.choice(LEVELS),
                duration_weeks=py.randint(1, 20),
                status=py.choice([Project.Status.OPEN, Project.Status.COMPLETED]),
                published_at=now - dt.timedelta(days=365 * py.random() ** 1.5),
            )
            for _ in range(projects)
        ),
        batch_size=5000,
    )
    ProjectSkill.objects.bulk_create(
        (ProjectSkill(project=g, skill_id=s) for g in gigs for s in py.sample(skills, 3)),
        batch_size=5000,
    )
    hourly = [g for g in gigs if g.budget_type == "hourly"][:contracts]
    Contract.objects.bulk_create(
        (
            Contract(
                project=g,
                employer=employer,
                freelancer=py.choice(users),
                title="bench",
                budget_type="hourly",
                amount=py.randint(15, 120),
                start_date=now.date(),
            )
            for g in hourly
        ),
        batch_size=5000,
    )
    return users


def raw_read() -> int:
    """The baseline: read every row the aggregation reads, and nothing else."""
    from accounts.models import FreelancerProfile
    from projects.models import Contract, FreelancerSkill, Project, ProjectSkill, Proposal

    rows = list(Contract.objects.values_list("project_id", "freelancer_id", "amount", "currency"))
    rows += list(Proposal.objects.values_list("project_id", "bid_amount"))
    rows += list(ProjectSkill.objects.values_list("project_id", "skill_id"))
    rows += list(FreelancerProfile.objects.values_list("pk", "hourly_rate", "timezone"))
    rows += list(FreelancerSkill.objects.values_list("profile_id", "skill_id"))
    rows += list(Project.objects.values_list("pk", "published_at", "budget_min", "budget_max"))
    return len(rows)


def timed_requests(client, url: str, requests: int) -> tuple[float, float]:
    times = []
    for _ in range(requests):
        begun = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - begun)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def page_queries(client, url: str) -> int:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--freelancers", type=int, default=10_000)
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--contracts", type=int, default=6_000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()

    workdir = django_on_throwaway_db()  # noqa: F841 (the database lives in it)
    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per force_login otherwise
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from insights.services.market import market_aggregate

    call_command("migrate", verbosity=0)
    call_command("import_skills", "--builtin-only", verbosity=0)
    client = Client()
    small = populate(args.freelancers // 10, args.projects // 10, args.contracts // 10, tag="small")
    market_aggregate()
    url = reverse("insights:market")
    client.force_login(small[0])
    queries_small = page_queries(client, url)

    started = time.perf_counter()
    users = populate(args.freelancers, args.projects, args.contracts, tag="large")
    print(
        f"market of {args.freelancers:,} freelancers, {args.projects:,} projects and "
        f"{args.contracts:,} hourly contracts (+ a tenth of that), set up in "
        f"{time.perf_counter() - started:.1f} s, SQLite:"
    )
    started = time.perf_counter()
    rows = raw_read()
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    written = market_aggregate()
    seconds = time.perf_counter() - started
    print(
        f"  aggregation      {seconds:6.2f} s ({written['rates']:,} rate rows, "
        f"{written['demand']:,} demand rows); reading its {rows:,} raw rows alone "
        f"{baseline:5.2f} s: ratio {seconds / baseline:4.1f}x"
    )
    figure(
        f"insight aggregation, {rows:,} raw rows",
        seconds,
        "s",
        baseline=baseline,
        baseline_name="reading the raw rows alone",
        note=f"{rows / seconds:,.0f} rows/s",
    )
    client.force_login(users[0])
    for name, page in (("Market page", url), ("rate advice", reverse("insights:rate-advice"))):
        client.get(page)
        queries = page_queries(client, page)
        p50, p95 = timed_requests(client, page, args.requests)
        print(
            f"  {name:16} {queries:3} queries, p50 {p50 * 1000:6.0f} ms, "
            f"p95 {p95 * 1000:6.0f} ms over {args.requests} requests"
        )
        figure(f"{name} p50 (test client)", p50 * 1000, "ms", note=f"{queries} queries")
        figure(f"{name} p95 (test client)", p95 * 1000, "ms", note=f"{queries} queries")
    client.force_login(small[0])
    print(
        f"  Market page queries with a tenth of the market {queries_small}, "
        f"with all of it {page_queries(client, url)}"
    )


if __name__ == "__main__":
    main()
