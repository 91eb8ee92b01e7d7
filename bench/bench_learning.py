"""Learning: the course catalogue import, learning plans at scale, and the learning path page.

A throw-away SQLite database with the built-in taxonomy. It prints:

1. The catalogue import (`courses_import`): the built-in list (seconds, courses per second),
   against a baseline measured in the same run: only reading its file. When GIGWISE_DATA_DIR
   holds udemy_courses.csv, also the full import with the sentence encoder (courses per second,
   time spent reading the file, tagging and writing), against reading the file alone; it says
   so when the file is absent.
2. Learning plans (`learning_plan_compute`) for 50 freelancers of a market of 5,000
   freelancers (5 skills each, in stacks of related skills) and 2,000 open projects (3-4
   required skills, published over the last half year, half the stacks growing), with the
   market figures (SkillMarket) and related skills (SkillRelation) computed from them and
   random unit vectors for the embeddings: p50 and p95, against the baseline measured in the
   same run for the same freelancers: matching's `gig_feed(limit=40)` alone (a plan reads one).
3. The learning path page: queries per request, p50 and p95 over repeated requests, and the
   same with the freelancer enrolled in 10 courses (from one enrolment on, the query count
   must not grow; with none, Django skips one prefetch).

    DEBUG=1 .venv/bin/python bench/bench_learning.py [--freelancers 5000] [--projects 2000]
        [--plans 50] [--requests 20]

Prints figures; it never passes or fails on time.
"""

import argparse
import datetime as dt
import logging
import random
import statistics
import time
from pathlib import Path

import numpy as np
from report import figure
from throwaway_db import django_on_throwaway_db

DIM = 384


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def queries_of(fn) -> int:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


# 1. The catalogue ----------------------------------------------------------------------------


class Stopwatch:
    """Wraps a function of the import's module and adds up the seconds spent in it."""

    def __init__(self, module, name: str):
        self.module, self.name, self.seconds = module, name, 0.0
        self.original = getattr(module, name)

    def __enter__(self):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        setattr(self.module, self.name, timed)
        return self

    def __exit__(self, *exc):
        setattr(self.module, self.name, self.original)


def bench_catalogue() -> None:
    from django.conf import settings
    from django.db.models import Count

    import learning.services.catalogue as service
    from learning.catalogue import UDEMY_FILE, builtin_courses_read, udemy_courses_read
    from learning.models import Course, CourseSkill
    from matching.encoder import encoder_or_none
    from projects.models import Skill
    from projects.services.taxonomy import taxonomy_import

    started = time.perf_counter()
    taxonomy_import(builtin_only=True, force=True)
    print(
        f"catalogue (built-in taxonomy, {Skill.objects.count():,} skills, imported in "
        f"{time.perf_counter() - started:.2f} s), SQLite:"
    )
    started = time.perf_counter()
    read = builtin_courses_read()
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    report = service.courses_import(builtin_only=True)
    seconds = time.perf_counter() - started
    courses = report.created + report.updated + report.unchanged
    print(
        f"  built-in import   {seconds:6.2f} s, {courses / seconds:6,.0f} courses/s ({courses} "
        f"courses, {report.skills_set} skills set); reading its file alone {baseline:5.2f} s "
        f"({len(read.records)} records): ratio {seconds / baseline:4.1f}x"
    )
    figure(
        f"built-in course import ({courses} courses)",
        seconds,
        "s",
        baseline=baseline,
        baseline_name="reading its file alone",
        note=f"{courses / seconds:,.0f} courses/s",
    )
    started = time.perf_counter()
    again = service.courses_import(builtin_only=True)
    print(
        f"  built-in re-run   {time.perf_counter() - started:6.2f} s ({again.unchanged} "
        f"unchanged, {again.created} created, {again.updated} updated)"
    )

    path = Path(settings.GIGWISE_DATA_DIR) / UDEMY_FILE
    if not path.is_file():
        print(f"  full import       skipped: no {UDEMY_FILE} in {path.parent} (GIGWISE_DATA_DIR)")
        return
    started = time.perf_counter()
    model = encoder_or_none()
    load = time.perf_counter() - started
    if model is None:
        print(f"  full import       skipped: {UDEMY_FILE} is there but the encoder is not")
        return
    started = time.perf_counter()
    rows = udemy_courses_read(path)
    baseline = time.perf_counter() - started
    before = Course.objects.count()
    with (
        Stopwatch(service, "udemy_courses_read") as reading,
        Stopwatch(service, "_tagged") as tagging,
        Stopwatch(service, "CourseTagger") as setup,
    ):
        started = time.perf_counter()
        report = service.courses_import()
        seconds = time.perf_counter() - started
    udemy = Course.objects.filter(source=Course.Source.UDEMY).count()
    curated = Skill.objects.filter(source=Skill.Source.BUILTIN).count()
    rest = seconds - reading.seconds - tagging.seconds
    titles = len(rows.records) - report.outside
    print(
        f"  full import       {seconds:6.2f} s, {udemy / seconds:6,.0f} courses/s ({udemy:,} "
        f"Udemy courses of {len(rows.records):,} rows, {report.outside} outside left out, "
        f"{Course.objects.count() - before:,} new; {report.skills_set:,} skills set, "
        f"{report.untagged} untagged; encoder loaded beforehand in {load:.1f} s)"
    )
    print(
        f"    reading {reading.seconds:5.2f} s ({reading.seconds / seconds:4.0%}), tagging "
        f"{tagging.seconds:5.2f} s ({tagging.seconds / seconds:4.0%}, {titles:,} titles; the "
        f"tagger's set-up, encoding the {curated} curated skill names, {setup.seconds:5.2f} s), "
        f"writing and the built-in list {rest:5.2f} s ({rest / seconds:4.0%})"
    )
    print(
        f"    reading the file alone {baseline:5.2f} s: ratio {seconds / baseline:,.0f}x; "
        f"titles tagged after the set-up {titles / (tagging.seconds - setup.seconds):5.1f}/s"
    )
    figure(
        f"full course import ({udemy:,} courses)",
        seconds,
        "s",
        baseline=baseline,
        baseline_name="reading the file alone",
        note=f"{udemy / seconds:,.0f} courses/s",
    )
    methods = dict(
        CourseSkill.objects.filter(course__source=Course.Source.UDEMY)
        .values_list("method")
        .annotate(n=Count("pk"))
    )
    print(f"    course skills by method: {methods}")


# 2. Learning plans ----------------------------------------------------------------------------


def populate(freelancers: int, projects: int) -> list:
    """A market whose skills come in stacks, as real ones do; returns the profiles.

    Each category's skills are cut into stacks of five (in taxonomy order). A freelancer holds
    four of one stack and one of another stack of the category; a project requires three of one
    stack and, half the time, one of another, and one project in three would like a skill of
    any category. Half the stacks grow (their projects published mostly in the last quarter),
    half shrink, so the market figures and the related skills have something to say.
    """
    from django.utils import timezone

    from accounts.models import FreelancerProfile, User
    from matching.encoder import installed_model_version
    from matching.models import Embedding
    from projects.models import FreelancerSkill, Project, ProjectSkill, Skill

    py = random.Random(13)
    rng = np.random.default_rng(13)
    now = timezone.now()
    by_category: dict[int, list[int]] = {}
    for pk, category in (
        Skill.objects.filter(category__isnull=False).order_by("pk").values_list("pk", "category_id")
    ):
        by_category.setdefault(category, []).append(pk)
    stacks, stacks_of = [], {}  # stacks_of: category -> indexes into stacks
    for category, pks in sorted(by_category.items()):
        for start in range(0, len(pks) - 4, 5):
            stacks_of.setdefault(category, []).append(len(stacks))
            stacks.append(pks[start : start + 5])
    every = [pk for pks in stacks for pk in pks]
    growing = [py.random() < 0.5 for _ in stacks]
    centres = rng.standard_normal((len(stacks), DIM))
    names_of = dict(Skill.objects.values_list("pk", "name"))

    def vector(stack: int) -> bytes:
        row = centres[stack] + 1.2 * rng.standard_normal(DIM)
        return (row / np.linalg.norm(row)).astype(np.float32).tobytes()

    def names(pks) -> str:
        return ", ".join(names_of[pk] for pk in pks)

    categories = sorted(c for c, of in stacks_of.items() if len(of) > 1)

    def stack_and_neighbour() -> tuple[int, int]:
        category = py.choice(categories)
        stack, other = py.sample(stacks_of[category], 2)
        return stack, other

    users = User.objects.bulk_create(
        (
            User(email=f"f{i}@learning.bench.invalid", role=User.Role.FREELANCER, onboarded_at=now)
            for i in range(freelancers)
        ),
        batch_size=2000,
    )
    picked = []  # (stack, skills) of each freelancer
    for _ in users:
        stack, other = stack_and_neighbour()
        picked.append((stack, [*py.sample(stacks[stack], 4), py.choice(stacks[other])]))
    profiles = FreelancerProfile.objects.bulk_create(
        (
            FreelancerProfile(
                user=u,
                headline=names(own[:3]),
                bio=f"I work with {names(own)}.",
                hourly_rate=py.randint(10, 120),
                years_experience=py.randint(0, 20),
                availability_hours_per_week=py.choice([10, 20, 30, 40]),
                languages=["en"],
            )
            for u, (_, own) in zip(users, picked, strict=True)
        ),
        batch_size=2000,
    )
    FreelancerSkill.objects.bulk_create(
        (
            FreelancerSkill(profile=p, skill_id=s, level=py.randint(1, 5), years=py.randint(0, 10))
            for p, (_, own) in zip(profiles, picked, strict=True)
            for s in own
        ),
        batch_size=5000,
    )
    employer = User.objects.create(
        email="client@learning.bench.invalid", role=User.Role.EMPLOYER, onboarded_at=now
    )
    wanted = []  # (stack, required, nice) of each project
    for _ in range(projects):
        stack, other = stack_and_neighbour()
        required = py.sample(stacks[stack], 3)
        required += [py.choice(stacks[other])] if py.random() < 0.5 else []
        nice = [s for s in [py.choice(every)] if s not in required and py.random() < 0.3]
        wanted.append((stack, required, nice))

    def published(stack: int) -> dt.datetime:
        recent = py.random() < (0.7 if growing[stack] else 0.3)
        days = py.uniform(1, 88) if recent else py.uniform(95, 180)
        return now - dt.timedelta(days=days)

    gigs = Project.objects.bulk_create(
        (
            Project(
                employer=employer,
                title=names(required[:2]),
                description=f"We need someone for {names(required + nice)}.",
                budget_type="hourly",
                budget_min=20,
                budget_max=py.randint(30, 120),
                duration_weeks=py.randint(1, 20),
                status=Project.Status.OPEN,
                published_at=published(stack),
            )
            for stack, required, nice in wanted
        ),
        batch_size=2000,
    )
    ProjectSkill.objects.bulk_create(
        (
            ProjectSkill(project=g, skill_id=s, required=s in required)
            for g, (_, required, nice) in zip(gigs, wanted, strict=True)
            for s in required + nice
        ),
        batch_size=5000,
    )
    version = installed_model_version()
    if version is not None:
        for kind, rows, of in (
            (Embedding.Kind.FREELANCER, profiles, [stack for stack, _ in picked]),
            (Embedding.Kind.PROJECT, gigs, [stack for stack, _, _ in wanted]),
        ):
            Embedding.objects.bulk_create(
                (
                    Embedding(
                        kind=kind,
                        object_id=r.pk,
                        model_version=version,
                        text_hash="bench",
                        dimensions=DIM,
                        vector=vector(stack),
                    )
                    for r, stack in zip(rows, of, strict=True)
                ),
                batch_size=2000,
            )
    return profiles


def bench_plans(freelancers: int, projects: int, plans: int, workdir: Path) -> list:
    from accounts.models import FreelancerProfile
    from insights.services.demand import demand_compute
    from learning.models import LearningPlan
    from learning.services.plans import learning_plan_compute
    from matching.encoder import installed_model_version
    from matching.selectors import gig_feed
    from matching.services import skill_relations_rebuild

    started = time.perf_counter()
    profiles = populate(freelancers, projects)
    demand_compute()
    # Marketplace baskets only (an empty folder): O*NET's occupations would add relations
    # between reference skills this market does not use.
    relations = skill_relations_rebuild(data_dir=workdir)
    print(
        f"learning plans, market of {freelancers:,} freelancers and {projects:,} open projects "
        f"with SkillMarket and {relations.pairs:,} related-skill pairs, set up in "
        f"{time.perf_counter() - started:.1f} s "
        f"({'random unit vectors' if installed_model_version() else 'no model: skills only'}):"
    )
    py = random.Random(17)
    chosen = py.sample(profiles[1:], min(plans, len(profiles) - 1))
    chosen = list(
        FreelancerProfile.objects.select_related("user").filter(pk__in=[p.pk for p in chosen])
    )
    warm = FreelancerProfile.objects.select_related("user").get(pk=profiles[0].pk)
    gig_feed(user=warm.user, limit=40)  # the first feed loads the vector matrices: not timed
    learning_plan_compute(profile=warm)
    feed_queries = queries_of(lambda: gig_feed(user=chosen[0].user, limit=40))
    plan_queries = queries_of(lambda: learning_plan_compute(profile=chosen[0]))
    feeds, computes = [], []
    for profile in chosen:
        begun = time.perf_counter()
        gig_feed(user=profile.user, limit=40)
        feeds.append(time.perf_counter() - begun)
        begun = time.perf_counter()
        learning_plan_compute(profile=profile)
        computes.append(time.perf_counter() - begun)
    feed50, feed95 = percentiles(feeds)
    plan50, plan95 = percentiles(computes)
    stored = list(
        LearningPlan.objects.filter(profile__in=chosen).prefetch_related("gaps", "recommendations")
    )
    gaps = [len(p.gaps.all()) for p in stored]
    courses = [len(p.recommendations.all()) for p in stored]
    matched = [p.matched_gigs for p in stored]
    shrinking = sum(p.shrinking for p in stored)
    print(
        f"  gig_feed(limit=40) alone   {feed_queries:3} queries, p50 {feed50 * 1000:6.0f} ms, "
        f"p95 {feed95 * 1000:6.0f} ms over {len(chosen)} freelancers (baseline)"
    )
    print(
        f"  learning_plan_compute      {plan_queries:3} queries, p50 {plan50 * 1000:6.0f} ms, "
        f"p95 {plan95 * 1000:6.0f} ms: ratio p50 {plan50 / feed50:4.2f}x, "
        f"p95 {plan95 / feed95:4.2f}x"
    )
    figure(
        "learning plan recomputation p50",
        plan50 * 1000,
        "ms",
        baseline=feed50 * 1000,
        baseline_name="gig_feed(limit=40) p50",
        note=f"{len(chosen)} freelancers, {plan_queries} queries",
    )
    print(
        f"  plans: {statistics.mean(matched):.1f} matched gigs, {statistics.mean(gaps):.1f} "
        f"gaps and {statistics.mean(courses):.1f} courses on average "
        f"({sum(1 for n in courses if n == 0)} with no course, {shrinking} with a path)"
    )
    return chosen


# 3. The learning path page ------------------------------------------------------------------


def bench_page(profile, requests: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from learning.models import Course, Enrollment
    from learning.selectors import learning_path
    from learning.services.enrollments import (
        enrollment_complete,
        enrollment_progress_set,
        enrollment_start,
    )

    client = Client()
    client.force_login(profile.user)
    url = reverse("learning:path")

    def measure(label: str) -> int:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.get("Location"))
        queries = queries_of(lambda: client.get(url))
        times = []
        for _ in range(requests):
            begun = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - begun)
        p50, p95 = percentiles(times)
        path = learning_path(profile=profile)
        print(
            f"  {label:26} {queries:3} queries, p50 {p50 * 1000:6.0f} ms, p95 {p95 * 1000:6.0f} "
            f"ms over {requests} requests ({len(path.gaps)} gaps, {len(path.recommendations)} "
            f"courses, {len(path.enrollments)} enrolments)"
        )
        figure(f"learning path page p95, {label}", p95 * 1000, "ms", note=f"{queries} queries")
        return queries

    print("learning path page (/learning/), one of those freelancers logged in:")
    without = measure("no enrolments")
    courses = list(Course.objects.listed().order_by("pk")[:10])
    enrollment_start(profile=profile, course=courses[0])
    client.get(url)
    one = queries_of(lambda: client.get(url))
    for n, course in enumerate(courses[1:], start=1):
        enrollment = enrollment_start(profile=profile, course=course)
        if n <= 3:
            enrollment_complete(enrollment=enrollment)  # learned skills; the plan follows
        else:
            enrollment_progress_set(enrollment=enrollment, progress=10 * n)
    enrolled = Enrollment.objects.filter(profile=profile).count()
    ten = measure(f"enrolled in {enrolled} (3 completed)")
    print(
        f"  queries with 0 / 1 / {enrolled} enrolments: {without} / {one} / {ten} "
        f"({'equal' if one == ten else 'NOT EQUAL'} from one enrolment on; with none, Django "
        "skips the prefetch of the courses' skills)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--freelancers", type=int, default=5_000)
    parser.add_argument("--projects", type=int, default=2_000)
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()

    workdir = django_on_throwaway_db()  # the database lives in it
    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per force_login otherwise
    for name in ("celery", "sentence_transformers"):  # a line per eager task and model load
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("kombu").setLevel(logging.ERROR)  # "no hostname" (tasks run in-process)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    bench_catalogue()
    chosen = bench_plans(args.freelancers, args.projects, args.plans, Path(workdir.name))
    bench_page(chosen[0], args.requests)


if __name__ == "__main__":
    main()
