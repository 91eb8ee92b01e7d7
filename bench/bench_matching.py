"""Matching: retrieval over 100,000 and 1,000,000 vectors, encoding, and the two pages at scale.

1. Top-50 by cosine plus re-ranking by the scorer over 100,000 and 1,000,000 stored 384-d
   vectors, against a bare NumPy matrix-vector scan of the same matrix in the same run; and the
   approximate index (HNSW) at the same sizes, against the exact search, with its recall@50.
2. Encoding profile-length texts with the real model: batches of 64 against one text at a time.
3. "Gigs for you" and "Suggested talent" with 10,000 freelancers and 2,000 open projects in a
   throw-away SQLite database (random unit vectors stand in for embeddings, so the figures are
   about ranking, not the model): queries per page, p50 and p95 over repeated requests.

    DEBUG=1 .venv/bin/python bench/bench_matching.py [--vectors 100000,1000000]
        [--ann-vectors 100000,1000000] [--freelancers 10000] [--projects 2000] [--requests 20]
        [--skip-pages]

Prints figures; it never passes or fails on time.
"""

import argparse
import json
import random
import statistics
import time
from pathlib import Path

import numpy as np
from report import figure
from throwaway_db import django_on_throwaway_db

ROOT = Path(__file__).resolve().parent.parent
DIM = 384
WORDS = [
    *("django python postgres react api design copywriting seo shopify bookkeeping translation",),
    *("spanish video editing kubernetes terraform aws figma brand logo data analysis excel",),
    *("marketing ads wordpress mobile ios android flutter testing support sales",),
]
WORDS = " ".join(WORDS).split()


def unit_vectors(rng: np.random.Generator, n: int) -> np.ndarray:
    matrix = rng.standard_normal((n, DIM)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix


def timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_retrieval(n: int) -> None:
    from matching.features import Gig, Talent
    from matching.index import VectorIndex
    from matching.keywords import keyword_similarities
    from matching.scoring import score
    from matching.weights import default_weights

    rng = np.random.default_rng(7)
    py = random.Random(7)
    index = VectorIndex(kind="freelancer", version="bench")
    index.ids = np.arange(1, n + 1, dtype=np.int64)
    index.matrix = unit_vectors(rng, n)
    index.position = {int(pk): i for i, pk in enumerate(index.ids)}
    query = unit_vectors(rng, 1)[0]
    gig = Gig(
        id=1,
        employer_id=1,
        required_ids=frozenset({1, 2, 3}),
        budget_type="hourly",
        budget_min=30,
        budget_max=60,
        hours_per_week=20,
        text=" ".join(WORDS[:12]),
    )
    weights = default_weights()

    def talent(pk: int) -> Talent:
        return Talent(
            id=pk,
            user_id=pk,
            skill_ids=frozenset(py.sample(range(1, 20), 4)),
            hourly_rate=py.uniform(15, 90),
            years_experience=py.randint(0, 15),
            hours_per_week=py.choice([10, 20, 40]),
            text=" ".join(py.choices(WORDS, k=15)),
        )

    talents = {pk: talent(pk) for pk in range(1, 51)}

    def scan() -> None:
        index.matrix @ query

    def top50_and_rerank() -> None:
        found = index.search(query, 50)
        pool = {pk: talents[(pk % 50) + 1] for pk, _ in found}
        overlap = keyword_similarities(gig.text, {pk: t.text for pk, t in pool.items()})
        for (pk, similarity), t in zip(found, pool.values(), strict=True):
            score(gig, t, similarity=similarity, keywords=overlap[pk], weights=weights)

    bare = timed(scan, 30)
    full = timed(top50_and_rerank, 30)
    search_only = timed(lambda: index.search(query, 50), 30)
    print(f"retrieval over {n:,} vectors ({DIM}-d float32, {index.matrix.nbytes / 1e6:.0f} MB):")
    print(f"  bare NumPy scan (matrix @ query)     {bare * 1000:7.2f} ms  (baseline)")
    print(
        f"  top-50 search                        {search_only * 1000:7.2f} ms  "
        f"({search_only / bare:.2f}x the scan)"
    )
    print(f"  top-50 + re-rank (keywords, scorer)  {full * 1000:7.2f} ms  ({full / bare:.2f}x)")
    scan_name = "bare NumPy scan (matrix @ query)"
    figure(
        f"exact top-50 over {n:,}",
        search_only * 1000,
        "ms",
        baseline=bare * 1000,
        baseline_name=scan_name,
    )
    figure(
        f"exact top-50 + re-rank over {n:,}",
        full * 1000,
        "ms",
        baseline=bare * 1000,
        baseline_name=scan_name,
        target="within 2x the scan",
    )


def clustered_vectors(rng: np.random.Generator, n: int, kinds: int = 500) -> np.ndarray:
    """Unit vectors around `kinds` centres: real profiles cluster by kind of work, and an
    HNSW graph behaves on them as it would on real embeddings (uniform noise is its worst case).
    """
    centres = rng.standard_normal((kinds, DIM)).astype(np.float32)
    matrix = centres[rng.integers(0, kinds, n)] + 0.6 * rng.standard_normal((n, DIM))
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix.astype(np.float32)


def bench_approximate(n: int, queries: int = 50) -> None:
    from matching.index import ApproximateIndex, VectorIndex

    rng = np.random.default_rng(11)
    rows = clustered_vectors(rng, n)
    exact, approximate = (
        cls(kind="freelancer", version="bench") for cls in (VectorIndex, ApproximateIndex)
    )
    for index in (exact, approximate):
        index.ids = np.arange(1, n + 1, dtype=np.int64)
        index.matrix = rows
        index.position = {int(pk): i for i, pk in enumerate(index.ids)}
    picks = rng.integers(0, n, queries)
    # A query near one profile, as a project is near the people who fit it (noise of norm 0.5).
    noise = rng.standard_normal((queries, DIM)).astype(np.float32) / np.sqrt(DIM)
    asked = (rows[picks] + 0.5 * noise).astype(np.float32)
    asked /= np.linalg.norm(asked, axis=1, keepdims=True)
    # The exact side first: once the graph's worker threads exist they compete with BLAS.
    want = [{pk for pk, _ in exact.search(query, 50)} for query in asked]
    scan = timed(lambda: [exact.search(q, 50) for q in asked], 3) / queries
    started = time.perf_counter()
    approximate.graph()
    build = time.perf_counter() - started
    recall = [
        len(expected & {pk for pk, _ in approximate.search(query, 50)}) / 50
        for expected, query in zip(want, asked, strict=True)
    ]
    graph = timed(lambda: [approximate.search(q, 50) for q in asked], 3) / queries
    print(f"approximate index (usearch HNSW) over {n:,} clustered vectors:")
    print(f"  graph build                          {build:7.1f} s   (once per process load)")
    print(f"  exact top-50 search                  {scan * 1000:7.2f} ms  (baseline)")
    print(
        f"  approximate top-50 search            {graph * 1000:7.2f} ms  ({graph / scan:.2f}x), "
        f"recall@50 {statistics.mean(recall):.3f} (worst query {min(recall):.2f})"
    )
    figure(
        f"approximate top-50 over {n:,}",
        graph * 1000,
        "ms",
        baseline=scan * 1000,
        baseline_name="exact top-50",
        target="<= 2 ms at recall@50 >= 0.95",
        note=f"recall@50 {statistics.mean(recall):.3f}, graph built in {build:.0f} s",
    )
    figure(f"approximate recall@50 over {n:,}", statistics.mean(recall), "recall")


def bench_encoding() -> None:
    from matching.encoder import encoder

    started = time.perf_counter()
    model = encoder()
    load = time.perf_counter() - started
    dev = ROOT / "eval" / "matching_dev.json"
    people = json.loads(dev.read_text())["freelancers"]
    texts = [f"{p['headline']}. Skills: {', '.join(p['skills'])}. {p['bio']}" for p in people]
    texts = (texts * 3)[:512]
    one = texts[:64]
    single = timed(lambda: [model.encode([t]) for t in one], 1) / len(one)
    batched = timed(lambda: model.encode(texts, batch_size=64), 1) / len(texts)
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"encoding ({model.version}, {words:.0f} words a text, model load {load:.1f} s):")
    print(f"  one text at a time   {1 / single:7.1f} texts/s  (baseline)")
    print(f"  batches of 64        {1 / batched:7.1f} texts/s  ({single / batched:.1f}x)")


def populate(freelancers: int, projects: int) -> tuple[list, list]:
    """Users, profiles, skills, projects and random embeddings in bulk (bench data only)."""
    from django.utils import timezone

    from accounts.models import FreelancerProfile, User
    from matching.encoder import installed_model_version
    from matching.models import Embedding
    from projects.models import FreelancerSkill, Project, ProjectSkill, Skill

    rng = np.random.default_rng(11)
    py = random.Random(11)
    skills = list(Skill.objects.values_list("pk", flat=True)[:300])
    # Marked onboarded, as people using the marketplace are (others are sent to the wizard).
    done = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"f{i}@bench.invalid", role=User.Role.FREELANCER, onboarded_at=done)
        for i in range(freelancers)
    )
    employer = User.objects.create(
        email="client@bench.invalid", role=User.Role.EMPLOYER, onboarded_at=done
    )
    profiles = FreelancerProfile.objects.bulk_create(
        FreelancerProfile(
            user=u,
            headline=" ".join(py.choices(WORDS, k=5)),
            bio=" ".join(py.choices(WORDS, k=25)),
            hourly_rate=py.randint(10, 120),
            years_experience=py.randint(0, 20),
            availability_hours_per_week=py.choice([10, 20, 30, 40]),
            languages=["en"],
        )
        for u in users
    )
    FreelancerSkill.objects.bulk_create(
        FreelancerSkill(profile=p, skill_id=s) for p in profiles for s in py.sample(skills, 6)
    )
    gigs = Project.objects.bulk_create(
        Project(
            employer=employer,
            title=" ".join(py.choices(WORDS, k=4)),
            description=" ".join(py.choices(WORDS, k=40)),
            budget_type="hourly",
            budget_min=20,
            budget_max=py.randint(30, 100),
            duration_weeks=6,
            status=Project.Status.OPEN,
        )
        for _ in range(projects)
    )
    ProjectSkill.objects.bulk_create(
        ProjectSkill(project=g, skill_id=s) for g in gigs for s in py.sample(skills, 4)
    )
    version = installed_model_version()
    for kind, rows in (("freelancer", profiles), ("project", gigs)):
        vectors = unit_vectors(rng, len(rows))
        Embedding.objects.bulk_create(
            (
                Embedding(
                    kind=kind,
                    object_id=r.pk,
                    model_version=version,
                    text_hash="bench",
                    dimensions=DIM,
                    vector=v.tobytes(),
                )
                for r, v in zip(rows, vectors, strict=True)
            ),
            batch_size=2000,
        )
    return users, gigs


def bench_pages(freelancers: int, projects: int, requests: int) -> None:
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    call_command("import_skills", "--builtin-only", verbosity=0)
    started = time.perf_counter()
    users, gigs = populate(freelancers, projects)
    print(
        f"pages with {freelancers:,} freelancers and {projects:,} open projects "
        f"(set up in {time.perf_counter() - started:.1f} s, SQLite):"
    )
    client = Client()
    pages = [
        ("Gigs for you", users[0], reverse("matching:gig-feed")),
        (
            "Suggested talent",
            gigs[0].employer,
            reverse("matching:suggested-talent", args=[gigs[0].pk]),
        ),
    ]
    for name, user, url in pages:
        client.force_login(user)
        client.get(url)  # the first request loads the vector matrices: timed apart
        # Each request starts by clearing the query log; so must the count, or it sees none.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code, response.get("Location"))
        times = []
        for _ in range(requests):
            begun = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - begun)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        p50 = statistics.median(times)
        print(
            f"  {name:17} {len(queries):3} queries, p50 {p50 * 1000:6.0f} ms, "
            f"p95 {p95 * 1000:6.0f} ms over {requests} requests"
        )
        figure(f"{name} p50 (test client)", p50 * 1000, "ms", note=f"{len(queries)} queries")
        figure(f"{name} p95 (test client)", p95 * 1000, "ms", note=f"{len(queries)} queries")


def sizes(text: str) -> list[int]:
    return [int(part) for part in text.replace("_", "").split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", default="100000,1000000", help="sizes, comma-separated")
    parser.add_argument("--ann-vectors", default="100000,1000000", help="sizes, comma-separated")
    parser.add_argument("--freelancers", type=int, default=10_000)
    parser.add_argument("--projects", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args()

    workdir = django_on_throwaway_db()  # noqa: F841 (the database lives in it)
    for n in sizes(args.vectors):
        bench_retrieval(n)
    for n in sizes(args.ann_vectors):
        bench_approximate(n)
    bench_encoding()
    if not args.skip_pages:
        bench_pages(args.freelancers, args.projects, args.requests)


if __name__ == "__main__":
    main()
