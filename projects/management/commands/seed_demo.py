"""`manage.py seed_demo`: fill the database with an invented marketplace to try Gigwise on."""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from tqdm import tqdm

from marketplace.commands import DatabaseCommand
from projects.demo.crowd import EMBEDDED_BY_THE_SEED
from projects.demo.plan import DEMO_SIZES, crowd_sizes
from projects.demo.postings import PostingsFileError
from projects.services.demo import DemoSeedError, demo_seed


class ProgressBars:
    """One progress bar per phase of the bulk seed, on stderr (off with --verbosity 0)."""

    def __init__(self, *, disable: bool):
        self.disable = disable
        self.bars: dict[str, tqdm] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        bar = self.bars.get(phase)
        if bar is None:
            bar = self.bars[phase] = tqdm(total=total, desc=phase, unit="row", disable=self.disable)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()


class Command(DatabaseCommand):
    help = (
        "Create demo freelancers, employers, three demo logins and a marketplace of projects, "
        "proposals, contracts, reviews and messages (idempotent: what exists is kept). Needs "
        "the skill taxonomy from `import_skills`."
    )

    def add_arguments(self, parser):
        sizes = ", ".join(f"{name} ≈ {total + 3:,} users" for name, total in DEMO_SIZES.items())
        parser.add_argument(
            "--size", choices=list(DEMO_SIZES), default="small", help=f"How many: {sizes}."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="The same seed gives the same people (default 0)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every user on the demo e-mail domain, and their marketplace, first.",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed even with DEBUG off. The demo logins share a published password, "
            "one of them is a superuser: never on a site real people use.",
        )
        parser.add_argument(
            "--no-embed",
            action="store_true",
            help="Leave the large demo's embeddings to a later `embed_all`.",
        )

    def handle(self, *args, size, seed, reset, allow_without_debug, no_embed, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_demo creates logins with a published password (one is a superuser), so it "
                "runs only with DEBUG=1. Pass --allow-without-debug for a demo server."
            )
        # Each demo notification enqueues its e-mail task on commit (a no-op: the seed records
        # them as sent); with eager Celery every one of those would log a line.
        trace = logging.getLogger("celery.app.trace")
        level = trace.level
        trace.setLevel(max(level, logging.WARNING))
        self.verbosity = options["verbosity"]
        bars = ProgressBars(disable=self.verbosity < 1)
        # The crowd of a large demo is written in bulk, which no save signal sees: its people
        # are embedded before the stories (whose new projects are matched to them), its
        # projects after. `embed_all` skips what is already embedded, so a re-run is quick.
        embed = size in EMBEDDED_BY_THE_SEED and not no_embed
        embedded: dict[str, float] = {}
        try:
            report = demo_seed(
                size=size,
                seed=seed,
                reset=reset,
                data_dir=settings.GIGWISE_DATA_DIR,
                progress=bars,
                people_ready=(lambda: self._embed("freelancer", embedded)) if embed else None,
            )
            if embed:
                self._embed("project", embedded)
        except (DemoSeedError, PostingsFileError) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            trace.setLevel(level)

        if report.deleted_users:
            self.stdout.write(f"Deleted {report.deleted_users:,} demo users.")
        if report.created:
            how = "bulk inserts" if report.bulk else "the profile services"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo {size} (seed {seed}): created {report.created_freelancers:,} "
                    f"freelancers, {report.created_employers:,} employers and "
                    f"{report.created_logins} of the 3 demo logins through {how} "
                    f"in {report.people_seconds:.1f} s."
                )
            )
            if report.postings_used:
                self.stdout.write(
                    f"Profiles shaped by {report.postings_used} real job postings "
                    f"in {settings.GIGWISE_DATA_DIR}."
                )
            else:
                self.stdout.write(
                    "No job postings found: profiles come from the built-in generator."
                )
        else:
            freelancers, employers = crowd_sizes(size)
            self.stdout.write(
                f"Demo data already present ({report.users:,} users, {size} needs "
                f"{freelancers + employers + 3:,}): nothing to create ({report.seconds:.2f} s). "
                "Use --reset to seed it again."
            )
        self.stdout.write(
            f"{report.users:,} demo users · {report.countries} countries · "
            f"{report.categories_covered} of {report.categories_total} skill categories covered · "
            f"{report.new_profiles:,} new freelancer profiles (joined in the last 90 days)."
        )
        self._market_write(report, size)
        self._phases_write(report, embedded)
        self.stdout.write(f"Demo logins (password: {report.password}):")
        for role, email in report.logins.items():
            self.stdout.write(f"  {role:<11} {email}")
        staff = report.logins["staff"]
        self.stdout.write(
            "The demo staff enters the admin with a second factor: add the key "
            f"{report.staff_totp_secret} to an authenticator app, or print the current code "
            f"with `python manage.py totp_code --email {staff}`."
        )

    def _embed(self, kind: str, embedded: dict[str, float]) -> None:
        started = time.monotonic()
        try:
            call_command("embed_all", kind=kind, stdout=self.stdout, verbosity=self.verbosity)
        except CommandError as error:  # no model here: matching ranks on skills alone
            self.stderr.write(f"Embeddings skipped ({error}); run `embed_all` later.")
        embedded[f"{kind} embeddings"] = time.monotonic() - started

    def _phases_write(self, report, embedded: dict[str, float]) -> None:
        phases = {**report.phases, **embedded}
        if len(phases) > 1:
            parts = " · ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
            self.stdout.write(f"Time per phase: {parts}.")
        if report.market is not None:
            self.stdout.write(f"Total {report.seconds + sum(embedded.values()):.1f} s.")

    def _market_write(self, report, size: str) -> None:
        market = report.market
        if market is None:
            return
        if market.present:
            self.stdout.write(
                "Demo marketplace already present: nothing to create. Use --reset to seed it "
                "again (for another size or seed)."
            )
        else:
            if not market.postings_used:
                source = "all written by the built-in generator: no job postings found"
            elif market.postings_used == market.projects:
                source = "all from real job postings"
            else:
                source = f"{market.postings_used:,} from real job postings, the rest generated"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo marketplace ({size}): {market.projects:,} projects ({source}), "
                    f"played through the marketplace services in {report.market_seconds:.1f} s."
                )
            )
        if report.crowd_projects:
            self.stdout.write(
                f"And {report.crowd_projects:,} open projects for the crowd, written in bulk "
                f"in {report.phases.get('crowd projects', 0):.1f} s."
            )
        for kind, counts in report.summary.items():
            parts = ", ".join(f"{name.replace('_', ' ')} {n:,}" for name, n in counts.items())
            self.stdout.write(f"  {kind:<11} {parts or 'none'}")
