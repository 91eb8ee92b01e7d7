"""The load test: gunicorn on PostgreSQL and Redis with the medium demo, driven by locust.

Set-up, in a throw-away PostgreSQL database (dropped at the end, even after a failure):
migrate, the taxonomy and courses, `seed_demo --size medium`, the embeddings (`embed_all`), then
what `make run` runs after seeding for the feed and suggested talent (`relate_skills`,
`aggregate_market`, `train_estimator`), and `collectstatic` into a temporary folder. Then
gunicorn with production settings (DEBUG off, hashed static files, Redis cache in database 12,
a real Celery worker on the same Redis) on 127.0.0.1, and locust headless with
bench/load/locustfile.py: freelancers browse the feed, search, read projects and send
proposals; employers post projects, read suggested talent and shortlist. Each locust user
signs in as its own demo account.

Prints requests per second, p50/p95/p99 per page and failures, the landing page's figures as
the floor measured in the same run (the ratio of each page to it), the targets with PASS or
MISS, and compares the proposals locust saw accepted with the Proposal rows created. Writes
the same as JSON (bench/load/results.json by default).

    .venv/bin/python bench/load/run.py                      # 50 users, 3 minutes (issue 11)
    .venv/bin/python bench/load/run.py --users 10 --run-time 30s      # a short trial
    .venv/bin/python bench/load/run.py --keep-db            # keep the seeded database ...
    .venv/bin/python bench/load/run.py --reuse-db gigwise_load_1234   # ... run on it, then drop it

Targets (issue 11): no failure, p95 of the feed and of search at most 150 ms, proposals
accepted equal to proposal rows created. The exit status is 0 when the run completed, even
with a MISS (benchmarks print figures); 1 when it crashed.
"""

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))  # bench/: throwaway_db

import redis  # noqa: E402
from throwaway_db import PostgresThrowawayDb  # noqa: E402

VENV_BIN = Path(sys.executable).parent
REDIS_URL = "redis://127.0.0.1:6379/12"
P95_TARGET_MS = 150
P95_TARGET_PAGES = ("feed", "search")
BASELINE = "landing (baseline)"
# The pages of the report, in this order; anything else locust names comes after them.
PAGES = (
    "feed",
    "search",
    "project",
    "proposal form",
    "submit proposal",
    "my projects",
    "suggested talent",
    "proposals",
    "shortlist",
    "project form",
    "post project",
    "login form",
    "login",
    BASELINE,
)


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(db_url: str, static_root: str) -> dict[str, str]:
    """Production settings for plain HTTP on loopback (bench/load/load_settings.py)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="load_settings",
        PYTHONPATH=os.pathsep.join([str(HERE), str(ROOT)]),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=db_url,
        REDIS_URL=REDIS_URL,
        CELERY_BROKER_URL=REDIS_URL,
        CELERY_RESULT_BACKEND=REDIS_URL,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STATICFILES_MANIFEST="1",
        LOAD_STATIC_ROOT=static_root,
        LOAD_LOGIN_RATE_LIMIT="600/m/ip",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    return env


def manage(env: dict, *args: str, quiet: bool = True) -> float:
    started = time.perf_counter()
    log("manage.py " + " ".join(args))
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    return time.perf_counter() - started


def set_up(env: dict, size: str) -> dict[str, float]:
    """Migrate, reference data, the demo and what the feed and suggested talent read."""
    # While seeding, tasks run in-process and skip the encoder (a folder that does not
    # exist): embedding one object at a time would take minutes; embed_all batches them.
    seed_env = {**env, "CELERY_TASK_ALWAYS_EAGER": "1", "MATCHING_MODEL": "/nonexistent-model"}
    seconds = {
        "migrate": manage(env, "migrate", "--noinput"),
        "import_skills": manage(env, "import_skills"),
        "import_courses": manage(env, "import_courses"),
        "seed_demo": manage(
            seed_env, "seed_demo", "--size", size, "--allow-without-debug", quiet=False
        ),
        "embed_all": manage({**env, "CELERY_TASK_ALWAYS_EAGER": "1"}, "embed_all", "-v", "0"),
    }
    eager = {**env, "CELERY_TASK_ALWAYS_EAGER": "1"}
    for command in ("relate_skills", "aggregate_market", "train_estimator"):
        seconds[command] = manage(eager, command)
    return seconds


def django_here(env: dict) -> None:
    """Django in this process on the run's database (to choose accounts and count rows)."""
    os.environ.update(env)
    sys.path[:0] = [str(HERE), str(ROOT)]
    import django

    django.setup()


def accounts_choose(path: Path) -> dict:
    """Demo freelancers with skills and employers with an open project that has proposals."""
    from django.db.models import Exists, OuterRef

    from accounts.models import User
    from projects.demo.plan import DEMO_DOMAIN, DEMO_PASSWORD
    from projects.models import FreelancerSkill, Project, Proposal

    demo = User.objects.filter(
        email__endswith=f"@{DEMO_DOMAIN}", is_active=True, onboarded_at__isnull=False
    )
    skilled = FreelancerSkill.objects.filter(profile__user=OuterRef("pk"))
    freelancers = list(
        demo.filter(role=User.Role.FREELANCER)
        .filter(Exists(skilled))
        .order_by("?")
        .values_list("email", flat=True)
    )
    pending = Proposal.objects.filter(
        project__employer=OuterRef("pk"),
        project__status=Project.Status.OPEN,
        status=Proposal.Status.SUBMITTED,
    )
    employers = list(
        demo.filter(role=User.Role.EMPLOYER)
        .filter(Exists(pending))
        .order_by("?")
        .values_list("email", flat=True)
    )
    accounts = {"password": DEMO_PASSWORD, "freelancers": freelancers, "employers": employers}
    path.write_text(json.dumps(accounts))
    return accounts


def proposals_count() -> int:
    from django.db import connection

    from projects.models import Proposal

    connection.close()  # a fresh read, whatever the last transaction saw
    return Proposal.objects.count()


def wait_for(url: str, seconds: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def start(cmd: list[str], env: dict, logfile: Path) -> subprocess.Popen:
    log(" ".join(cmd[:3]) + " ...")
    out = logfile.open("w")
    # A session of its own, so that teardown stops the process and its children only.
    return subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    with_pgid = os.getpgid(proc.pid)
    os.killpg(with_pgid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(with_pgid, signal.SIGKILL)
        proc.wait()


def stats_read(prefix: Path) -> dict[str, dict]:
    def number(text: str) -> float:
        return float(text) if text and text != "N/A" else 0.0

    rows = {}
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            if not int(row["Request Count"]):
                continue  # reset with the figures once everyone signed in (the sign-ins)
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": number(row["Requests/s"]),
                "p50": number(row["50%"]),
                "p95": number(row["95%"]),
                "p99": number(row["99%"]),
                "avg": number(row["Average Response Time"]),
                "max": number(row["Max Response Time"]),
            }
    return rows


def failures_read(prefix: Path) -> list[dict]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(newline="") as f:
        return [
            {
                "method": r["Method"],
                "name": r["Name"],
                "error": r["Error"],
                "n": int(r["Occurrences"]),
            }
            for r in csv.DictReader(f)
        ]


def report(results: dict) -> None:
    stats, base = results["stats"], results["stats"].get(BASELINE)
    names = [n for n in PAGES if n in stats] + sorted(
        n for n in stats if n not in PAGES and n != "Aggregated"
    )
    print()
    print(
        f"{'page':<20} {'requests':>8} {'fail':>5} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'p50/floor':>9} {'p95/floor':>9}"
    )
    for name in [*names, "Aggregated"]:
        s = stats.get(name)
        if not s:
            continue
        ratio50 = f"{s['p50'] / base['p50']:.1f}x" if base and base["p50"] else ""
        ratio95 = f"{s['p95'] / base['p95']:.1f}x" if base and base["p95"] else ""
        print(
            f"{name:<20} {s['requests']:>8} {s['failures']:>5} {s['rps']:>6.2f} "
            f"{s['p50']:>7.0f} {s['p95']:>7.0f} {s['p99']:>7.0f} {ratio50:>9} {ratio95:>9}"
        )
    print()
    for failure in results["failures"]:
        what = f"{failure['method']} {failure['name']}"
        print(f"  failure: {failure['n']} x {what}: {failure['error']}")
    print("Targets:")
    for target in results["targets"]:
        print(f"  {'PASS' if target['pass'] else 'MISS'}  {target['what']}: {target['figure']}")


def targets_judge(results: dict) -> list[dict]:
    stats = results["stats"]
    total = stats.get("Aggregated", {"failures": 0, "requests": 0})
    targets = [
        {
            "what": "no failure",
            "figure": f"{total['failures']} of {total['requests']} requests failed",
            "pass": total["failures"] == 0 and total["requests"] > 0,
        }
    ]
    for page in P95_TARGET_PAGES:
        p95 = stats.get(page, {}).get("p95")
        targets.append(
            {
                "what": f"p95 of {page} <= {P95_TARGET_MS} ms",
                "figure": f"{p95:.0f} ms" if p95 is not None else "not measured",
                "pass": p95 is not None and p95 <= P95_TARGET_MS,
            }
        )
    sent, rows = results["proposals_accepted_by_client"], results["proposal_rows_created"]
    targets.append(
        {
            "what": "proposals accepted (client) == Proposal rows created",
            "figure": f"{sent} accepted, {rows} rows",
            "pass": sent == rows and sent > 0,
        }
    )
    return targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--run-time", default="3m", help="locust's format: 30s, 1m, 3m")
    parser.add_argument("--size", default="medium", help="seed_demo --size (default medium)")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument(
        "--celery",
        choices=["worker", "eager"],
        default="worker",
        help="a real Celery worker (default) or tasks in the web process",
    )
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse-db", metavar="NAME", help="a database kept by --keep-db")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    if args.users < 1 or args.workers < 1:
        parser.error("--users and --workers must be at least 1")

    # `timeout` and Ctrl-C alike: tear down (the finally below) instead of dying mid-run.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = dt.datetime.now(dt.UTC)
    workdir = Path(tempfile.mkdtemp(prefix="gigwise-load-"))
    db = PostgresThrowawayDb(prefix="gigwise_load")
    if args.reuse_db:
        db.name = args.reuse_db
    # A kept database keeps its collected static files too (collectstatic compresses every
    # file: minutes on a busy machine), in the system's temporary folder, never the tree's.
    keep = args.keep_db or args.reuse_db
    static = Path(tempfile.gettempdir()) / f"{db.name}-static" if keep else workdir / "static"
    env = base_env(db.url, str(static))
    if args.celery == "eager":
        env["CELERY_TASK_ALWAYS_EAGER"] = "1"
    web = worker = None
    created = False
    try:
        setup_seconds: dict[str, float] = {}
        if not args.reuse_db:
            db.create()
            created = True
            log(f"database {db.name}")
            setup_seconds = set_up(env, args.size)
        redis.Redis.from_url(REDIS_URL).flushdb()  # cache, rate limits and queue of the run
        if not (static / "staticfiles.json").exists():
            setup_seconds["collectstatic"] = manage(env, "collectstatic", "--noinput")
        django_here(env)
        accounts = accounts_choose(workdir / "accounts.json")
        log(
            f"{len(accounts['freelancers'])} freelancer and {len(accounts['employers'])} "
            "employer accounts to sign in with"
        )
        port = free_port()
        if args.celery == "worker":
            worker = start(
                [str(VENV_BIN / "celery"), "-A", "marketplace", "worker", "--concurrency", "1",
                 "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
                env,
                workdir / "celery.log",
            )  # fmt: skip
        web = start(
            [str(VENV_BIN / "gunicorn"), "marketplace.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--timeout", "60", "--graceful-timeout", "10"],
            env,
            workdir / "gunicorn.log",
        )  # fmt: skip
        host = f"http://127.0.0.1:{port}"
        wait_for(f"{host}/", 90, web)
        load = os.getloadavg()
        before = proposals_count()
        log(f"locust: {args.users} users, spawn {args.spawn_rate}/s, {args.run_time} on {host}")
        prefix = workdir / "locust"
        counts_file = workdir / "counts.json"
        locust_started = time.time()
        subprocess.run(
            [str(VENV_BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
             "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
             "--run-time", args.run_time, "--host", host, "--csv", str(prefix),
             "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"],
            env={**os.environ, "LOAD_ACCOUNTS": str(workdir / "accounts.json"),
                 "LOAD_COUNTS": str(counts_file)},
            cwd=ROOT,
            check=False,
        )  # fmt: skip
        time.sleep(2)  # the last responses' transactions have committed
        rows = proposals_count() - before
        counts = json.loads(counts_file.read_text()) if counts_file.exists() else {}
        results = {
            "started": started.isoformat(timespec="seconds"),
            "users": args.users,
            "spawn_rate": args.spawn_rate,
            "run_time": args.run_time,
            "size": args.size,
            "gunicorn_workers": args.workers,
            "celery": args.celery,
            "cores": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "setup_seconds": {k: round(v, 1) for k, v in setup_seconds.items()},
            "stats": stats_read(prefix),
            "failures": failures_read(prefix),
            "client": counts,
            "measured_after_seconds": (
                round(counts["measured_from"] - locust_started, 1)
                if counts.get("measured_from")
                else None
            ),
            "proposals_accepted_by_client": counts.get("proposals_accepted", 0),
            "proposal_rows_created": rows,
        }
        results["targets"] = targets_judge(results)
        report(results)
        if counts.get("measured_from"):
            after = counts["measured_from"] - locust_started
            print(f"\nFigures from {after:.0f} s into the run, once all users had signed in; "
                  f"sign-ins (password hashing) took {counts.get('login_ms')} ms.")  # fmt: skip
        else:
            print("\nNot every user signed in: the figures include the ramp-up.")
        print(
            f"\nload average before {results['load_average_before']}, after "
            f"{results['load_average_after']}; client counts {counts}"
        )
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        log(f"wrote {args.json}")
        for logname in ("gunicorn.log", "celery.log"):
            text = (workdir / logname).read_text() if (workdir / logname).exists() else ""
            errors = [line for line in text.splitlines() if "Traceback" in line or "ERROR" in line]
            if errors:
                log(f"{logname}: {len(errors)} error lines; first: {errors[0][:200]}")
        return 0
    finally:
        stop(web)
        stop(worker)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django may never have been set up
            pass
        if created and args.keep_db:
            log(f"kept database {db.name} (--reuse-db {db.name}; drop it when done)")
        elif created:
            db.drop()
            log(f"dropped database {db.name}")
        if args.reuse_db and not args.keep_db:
            db.drop()
            shutil.rmtree(static, ignore_errors=True)
            log(f"dropped database {db.name} (reused; --keep-db keeps it)")
        with contextlib.suppress(Exception):
            redis.Redis.from_url(REDIS_URL).flushdb()
        if os.environ.get("LOAD_KEEP_WORKDIR"):
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
