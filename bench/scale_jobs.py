"""The jobs of bench/bench_scale.py: management commands run as subprocesses over the large demo.

Each command runs under `/usr/bin/time -v`, which gives its peak memory (maximum resident set
size) and CPU time; its own output gives what it wrote. The environment is bench/load/run.py's
production one (load_settings, DEBUG off), with tasks queued to a Redis database of the bench's
own that no worker reads: what a job only enqueues (the plans after `aggregate_market`) is not
part of its time, as in production.
"""

import importlib.util
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# bench/load/run.py starts gunicorn with production settings: reused, not copied. It is loaded
# by path, as "run" alone would be bench/run.py.
_spec = importlib.util.spec_from_file_location("load_run", BENCH / "load" / "run.py")
load_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load_run)

# Not the load test's database 12: the two may run on one machine, and both flush theirs.
REDIS_URL = "redis://127.0.0.1:6379/13"


@dataclass
class Job:
    name: str
    wall: float
    cpu: float
    peak_mb: float
    output: str
    rows: int = 0
    what: str = "rows"
    note: str = ""
    extra: dict = field(default_factory=dict)


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def production_env(db_url: str, static_root: str) -> dict[str, str]:
    env = load_run.base_env(db_url, static_root)
    env.update(REDIS_URL=REDIS_URL, CELERY_BROKER_URL=REDIS_URL, CELERY_RESULT_BACKEND=REDIS_URL)
    return env


def run_job(name: str, env: dict, *args: str) -> Job:
    """`manage.py *args` under /usr/bin/time -v; raises with its output's end if it fails."""
    log(f"{name}: manage.py {' '.join(a for a in args if not a.startswith('--email'))[:90]}")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as usage:
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-v", "-o", usage.name, sys.executable, "manage.py", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        report = usage.read()
    if done.returncode:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
        raise RuntimeError(f"{name} exited with {done.returncode}")

    def number(label: str) -> float:
        match = re.search(rf"{re.escape(label)}: ([\d.]+)", report)
        return float(match[1]) if match else 0.0

    cpu = number("User time (seconds)") + number("System time (seconds)")
    peak = number("Maximum resident set size (kbytes)") / 1024
    return Job(name, wall, cpu, peak, done.stdout)


def set_up(env: dict) -> list[Job]:
    """A new database: schema, taxonomy and the large demo (which embeds everyone itself)."""
    eager = {**env, "CELERY_TASK_ALWAYS_EAGER": "1"}  # no worker runs the seed's tasks
    jobs = [run_job("migrate", env, "migrate", "--noinput")]
    jobs.append(run_job("import_skills", env, "import_skills"))
    seed = run_job("seed_demo --size large", eager, "seed_demo", "--size", "large",
                   "--allow-without-debug")  # fmt: skip
    print(seed.output)
    users = re.search(r"([\d,]+) demo users", seed.output)
    seed.rows, seed.what = (int(users[1].replace(",", "")) if users else 0), "users"
    phases = re.search(r"Time per phase: (.*)", seed.output)
    seed.note = f"per phase: {phases[1]}" if phases else ""
    return [*jobs, seed]


def prerequisites(env: dict) -> list[Job]:
    """What the seed leaves to other commands and the pages or jobs read: courses (learning
    plans) and related skills (the feed), each only when its table is empty."""
    from learning.models import Course
    from matching.models import SkillRelation

    jobs = []
    if not Course.objects.exists():
        jobs.append(run_job("import_courses", env, "import_courses"))
    if not SkillRelation.objects.exists():
        jobs.append(run_job("relate_skills", env, "relate_skills"))
    return jobs


def autovacuum_catch_up() -> list[str]:
    """VACUUM ANALYZE the tables autovacuum would have processed by now (its default rules:
    dead rows past 50 + 20% of the table, inserted ones past 1,000 + 20%, changed ones since
    the last ANALYZE past 50 + 10%). With autovacuum off, as on a development server, a table
    bulk-written since its last ANALYZE (the embeddings) has no statistics and is planned as
    a few rows, and rows the seed updated stay dead; production's autovacuum is on."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE n_dead_tup > 50 + 0.2 * n_live_tup "
            "OR n_ins_since_vacuum > 1000 + 0.2 * n_live_tup "
            "OR n_mod_since_analyze > 50 + 0.1 * n_live_tup ORDER BY relname"
        )
        due = [name for (name,) in cursor.fetchall()]
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
        started = time.perf_counter()
        for name in due:
            cursor.execute(f'VACUUM (ANALYZE) "{name}"')
    if due:
        log(
            f"VACUUM ANALYZE of {len(due)} tables autovacuum (here {autovacuum}) would have "
            f"processed, in {time.perf_counter() - started:.1f} s: {', '.join(due)}"
        )
    return due


def market_rows() -> int:
    """The raw rows `market_aggregate` reads (every one, whatever its time window)."""
    from accounts.models import FreelancerProfile
    from projects.models import Contract, FreelancerSkill, Project, ProjectSkill, Proposal

    models = (FreelancerProfile, FreelancerSkill, Project, ProjectSkill, Contract, Proposal)
    return sum(model.objects.count() for model in models)


def job_aggregate(env: dict) -> Job:
    job = run_job("aggregate_market", env, "aggregate_market")
    found = re.search(r"([\d,]+) rate rows and ([\d,]+) demand rows", job.output)
    written = sum(int(n.replace(",", "")) for n in found.groups()) if found else 0
    job.rows, job.what = market_rows(), "raw rows read"
    job.note = f"{written:,} summary rows written"
    return job


def spread(queryset, n: int) -> list[int]:
    """The keys of about n rows spread evenly over the table (the demo's kinds of people
    repeat along it)."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    return ids[:: max(1, len(ids) // max(n, 1))][:n]


def job_plans(env: dict, n: int) -> Job:
    """`recommend_courses` for a sample of n freelancers (everyone would take hours)."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import FreelancerProfile
    from learning.selectors import plan_profile_ids
    from learning.tasks import ACTIVE_DAYS, PLANS_PER_TASK

    profiles = FreelancerProfile.objects.all()
    emails = list(profiles.filter(pk__in=spread(profiles, n)).values_list("user__email", flat=True))
    job = run_job(f"learning plans, {len(emails)}", env, "recommend_courses",
                  *(f"--email={e}" for e in emails))  # fmt: skip
    found = re.search(r"Computed (\d+) learning plans", job.output)
    job.rows, job.what = (int(found[1]) if found else 0), "plans"
    total = profiles.count()
    active = len(plan_profile_ids(active_since=timezone.now() - timedelta(days=ACTIVE_DAYS)))
    each = job.wall / max(job.rows, 1)
    job.note = (
        f"sample of {job.rows} of {total:,} freelancers spread over the ids; {each:.2f} s a "
        f"plan (with start-up), so {each * total / 3600:.1f} h for everyone and "
        f"{each * PLANS_PER_TASK:.0f} s for a nightly batch of {PLANS_PER_TASK} "
        "(soft limit 240 s); "
        f"{active:,} active now (plan or sign-in in {ACTIVE_DAYS} days)"
    )
    return job


def job_embed(env: dict, n: int) -> Job:
    """Delete n freelancers' embeddings, then `embed_all --kind freelancer` puts them back."""
    from accounts.models import FreelancerProfile
    from matching.models import Embedding

    ids = spread(FreelancerProfile.objects.all(), n)
    rows = Embedding.objects.filter(kind=Embedding.Kind.FREELANCER, object_id__in=ids)
    deleted, _ = rows.delete()
    log(f"deleted the embeddings of {deleted:,} freelancers")
    job = run_job(f"embed_all, {deleted:,} missing", env, "embed_all", "--kind", "freelancer",
                  "-v", "0")  # fmt: skip
    found = re.search(
        r"(\d+) embedded, (\d+) unchanged .*?; (\d+) distinct texts encoded in ([\d.]+) s",
        job.output,
    )
    embedded, unchanged, encoded, seconds = (
        (int(found[1]), int(found[2]), int(found[3]), float(found[4])) if found else (0, 0, 0, 0)
    )
    job.rows, job.what = embedded, "rows embedded"
    job.extra = {"encoded": encoded, "seconds": seconds, "checked": embedded + unchanged}
    job.note = (
        f"{encoded:,} distinct texts encoded; {embedded + unchanged:,} rows checked in the "
        f"command's {seconds:.0f} s ({embedded / max(seconds, 1e-9):.1f} embedded rows/s there), "
        "wall with start-up and model load"
    )
    return job
