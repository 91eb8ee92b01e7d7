"""The chores and privacy jobs: invoice PDFs and numbering, drafts, search digests, exports, purges.

A throw-away SQLite database with the built-in taxonomy and no sentence encoder (MATCHING_MODEL
names a folder that does not exist, so matching and drafting run on the taxonomy and word
overlap alone). Each figure comes with a baseline measured in the same run, and their ratio:

1. Invoice PDFs (`billing.pdf.invoice_pdf`) of invoices of 1 and 20 lines, p50/p95 and size,
   against ReportLab building a one-page PDF of a single paragraph. Invoice creation
   (`invoice_create`, one released milestone each, gapless numbers under the sequence lock) per
   second for one freelancer, against a bare `Invoice.objects.create` loop.
2. Proposal drafts (`proposal_draft_create`, template generator) for a freelancer with 10
   skills, 5 portfolio items and 10 completed contracts, one open project each, against
   `evidence_retrieve(encoder=None)` alone for the same projects (retrieval without writing).
3. Search digests (`search_alerts_send`): 50 instant saved searches over 200 projects
   published since their last digest (first run, then a second run that sends nothing),
   against `gig_feed` for the same 50 people. Queries per digest.
4. Data export (`data_export_run`) of one freelancer with 10 contracts, 50 messages and 20
   notifications: seconds, queries and ZIP size, against serialising the same sections' rows
   with `django.core.serializers.serialize("json", ...)`. Then the purge of such people
   (`account_deletion_purge`): seconds and queries.

    DEBUG=1 .venv/bin/python bench/bench_chores.py [--pdfs 50] [--invoices 100] [--drafts 20]
        [--searches 50] [--new-projects 200] [--old-projects 300] [--exports 3] [--purges 3]

Prints figures; it never passes or fails on time.
"""

import argparse
import datetime as dt
import io
import logging
import os
import random
import statistics
import time
from decimal import Decimal

from report import figure
from throwaway_db import django_on_throwaway_db

MILESTONE = Decimal("250.00")


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def queries_of(fn):
    """(the function's result, how many queries it ran)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # DEBUG keeps the last 9,000 queries: a full log would count none
    with CaptureQueriesContext(connection) as queries:
        result = fn()
    return result, len(queries)


def timed(fn) -> tuple[list[float], list]:
    """Run each of `fn`'s calls and time it: fn is a list of zero-argument callables."""
    times, results = [], []
    for call in fn:
        begun = time.perf_counter()
        results.append(call())
        times.append(time.perf_counter() - begun)
    return times, results


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


# People and their history (the ORM directly: no password hashing, no factories) ---------------

_serial = iter(range(1, 10**9))


def person(role: str, *, first: str = "Ada", last: str = "Byron"):
    from django.utils import timezone

    from accounts.models import EmployerProfile, FreelancerProfile, User

    n = next(_serial)
    user = User.objects.create(
        email=f"{role}{n}@chores.bench.invalid",
        role=role,
        first_name=first,
        last_name=f"{last}{n}",
        password="!",  # unusable
        onboarded_at=timezone.now(),
    )
    if role == User.Role.FREELANCER:
        FreelancerProfile.objects.create(
            user=user,
            headline="Full-stack developer",
            bio="I build web applications and the APIs behind them.",
            hourly_rate=Decimal("45.00"),
            currency="USD",
            country="KE",
            languages=["en"],
            years_experience=6,
            availability_hours_per_week=30,
        )
    else:
        EmployerProfile.objects.create(user=user, company_name=f"Clinics {n} Ltd", country="DE")
    return user


def skills_pool(size: int) -> list:
    """`size` curated skills of the two largest categories: people and projects share them."""
    from django.db.models import Count

    from projects.models import Skill, SkillCategory

    categories = (
        SkillCategory.objects.annotate(n=Count("skills")).order_by("-n", "pk")[:2].values("pk")
    )
    return list(Skill.objects.filter(category__in=categories).order_by("pk")[:size])


def project(employer, skills, *, status="open", published=None, title=None, rng=None):
    from django.utils import timezone

    from projects.models import Project, ProjectSkill

    rng = rng or random.Random(0)
    names = ", ".join(s.name for s in skills)
    gig = Project.objects.create(
        employer=employer,
        title=title or f"{skills[0].name} work for a clinic chain",
        description=f"We need someone for {names}: a booking system with reminders.",
        budget_type="hourly",
        budget_min=Decimal(20),
        budget_max=Decimal(rng.randint(40, 120)),
        currency="USD",
        duration_weeks=rng.randint(2, 20),
        hours_per_week=20,
        languages=["en"],
        status=status,
        published_at=published or timezone.now(),
    )
    ProjectSkill.objects.bulk_create(
        ProjectSkill(project=gig, skill=s, required=i < 3) for i, s in enumerate(skills)
    )
    return gig


def history(freelancer, pool, *, contracts: int, messages: int, notifications: int, rng) -> None:
    """Ended contracts with a released milestone, a ledger, a thread and reviews both ways."""
    from django.utils import timezone

    from projects.models import (
        Contract,
        LedgerEntry,
        Message,
        Milestone,
        Notification,
        Proposal,
        Review,
        Thread,
    )

    now = timezone.now()
    per_thread = [messages // contracts + (i < messages % contracts) for i in range(contracts)]
    for i in range(contracts):
        employer = person("employer", first="Client")
        ended = now - dt.timedelta(days=rng.randint(30, 900))
        gig = project(employer, rng.sample(pool, 3), status="completed", published=ended, rng=rng)
        proposal = Proposal.objects.create(
            project=gig,
            freelancer=freelancer,
            cover_letter="I have built three booking systems; here is how I would start.",
            bid_amount=Decimal("2000.00"),
            currency="USD",
            estimated_duration_weeks=5,
            status="hired",
        )
        contract = Contract.objects.create(
            project=gig,
            proposal=proposal,
            employer=employer,
            freelancer=freelancer,
            title=gig.title,
            terms="Deliver in milestones; payment on approval.",
            budget_type="fixed",
            amount=Decimal("2000.00"),
            currency="USD",
            start_date=(ended - dt.timedelta(days=60)).date(),
            status=Contract.Status.COMPLETED,
            ended_at=ended,
        )
        milestone = Milestone.objects.create(
            contract=contract,
            title=f"Phase {i + 1}",
            amount=Decimal("2000.00"),
            due_date=ended.date(),
            status=Milestone.Status.RELEASED,
            released_at=ended,
        )
        LedgerEntry.objects.bulk_create(
            LedgerEntry(contract=contract, milestone=milestone, kind=kind, amount=amount)
            for kind, amount in (("fund", 2000), ("release", 1800), ("fee", 200))
        )
        thread = Thread.objects.create(project=gig, employer=employer, freelancer=freelancer)
        Message.objects.bulk_create(
            Message(
                thread=thread,
                sender=freelancer if m % 2 else employer,
                body=f"Message {m} about the staging server and the next release.",
            )
            for m in range(per_thread[i])
        )
        for author, subject, direction in (
            (employer, freelancer, Review.Direction.OF_FREELANCER),
            (freelancer, employer, Review.Direction.OF_EMPLOYER),
        ):
            Review.objects.create(
                contract=contract,
                author=author,
                subject=subject,
                direction=direction,
                rating_quality=rng.randint(3, 5),
                rating_communication=rng.randint(3, 5),
                rating_timeliness=rng.randint(3, 5),
                text="Clear communication and clean code. Would hire again.",
            )
    Notification.objects.bulk_create(
        Notification(
            user=freelancer,
            kind="hired",
            title=f"You were hired ({n})",
            body="The client accepted your proposal.",
            event_key=f"bench:{freelancer.pk}:{n}",
        )
        for n in range(notifications)
    )


def talent(freelancer, skills, *, portfolio: int, rng) -> None:
    from projects.models import FreelancerSkill, PortfolioItem

    profile = freelancer.freelancer_profile
    FreelancerSkill.objects.bulk_create(
        FreelancerSkill(profile=profile, skill=s, level=rng.randint(2, 5), years=rng.randint(1, 9))
        for s in skills
    )
    for i in range(portfolio):
        shown = rng.sample(skills, 2)
        item = PortfolioItem.objects.create(
            profile=profile,
            title=f"{shown[0].name} project {i + 1}",
            description=f"A booking system built with {shown[0].name} and {shown[1].name}.",
            link=f"https://portfolio{i}.example.com/",
        )
        item.skills.set(shown)


# 1. Invoices ---------------------------------------------------------------------------------


def bench_invoices(pdfs: int, invoices: int) -> None:
    from django.db import transaction
    from django.utils import timezone
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from billing.models import Invoice
    from billing.pdf import _fonts, invoice_pdf
    from billing.services.invoices import invoice_create
    from projects.models import Contract, Milestone

    freelancer, employer = person("freelancer"), person("employer")
    gig = project(employer, skills_pool(3), status="in_progress")
    contract = Contract.objects.create(
        project=gig,
        employer=employer,
        freelancer=freelancer,
        title=gig.title,
        budget_type="fixed",
        amount=Decimal("100000.00"),
        currency="USD",
        start_date=timezone.now().date(),
    )
    now = timezone.now()
    milestones = Milestone.objects.bulk_create(
        Milestone(
            contract=contract,
            title=f"Milestone {i + 1}: booking screens, reminders and the admin",
            amount=MILESTONE,
            due_date=now.date(),
            status=Milestone.Status.RELEASED,
            released_at=now,
        )
        for i in range(invoices + 21)
    )
    ids = [m.pk for m in milestones]
    one = invoice_create(contract=contract, by=freelancer, milestone_ids=ids[:1])
    twenty = invoice_create(
        contract=contract, by=freelancer, milestone_ids=ids[1:21], tax_rate=Decimal("20")
    )
    font = _fonts()[0]
    print(
        f"invoices (text in {'DejaVu Sans, embedded' if font == 'GwSans' else 'Helvetica'}), "
        "SQLite:"
    )

    def baseline_pdf() -> bytes:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(buffer, pagesize=A4)
        text = Paragraph("Invoice INV-1-00001: 250.00 USD.", getSampleStyleSheet()["Normal"])
        document.build([text])
        return buffer.getvalue()

    baseline_pdf(), invoice_pdf(one)  # fonts registered, modules warm: not timed
    base_times, base_out = timed([baseline_pdf] * pdfs)
    base50, base95 = percentiles(base_times)
    print(
        f"  ReportLab, one paragraph        p50 {ms(base50)}, p95 {ms(base95)}, "
        f"{len(base_out[0]) / 1024:5.1f} KB over {pdfs} (baseline)"
    )
    for label, invoice in (("1 line", one), ("20 lines", twenty)):
        invoice = Invoice.objects.select_related("contract", "credits").get(pk=invoice.pk)
        _, queries = queries_of(lambda invoice=invoice: invoice_pdf(invoice))
        times, out = timed([lambda invoice=invoice: invoice_pdf(invoice)] * pdfs)
        p50, p95 = percentiles(times)
        print(
            f"  invoice_pdf, {label:9}          p50 {ms(p50)}, p95 {ms(p95)}, "
            f"{len(out[0]) / 1024:5.1f} KB, {queries} query: ratio p50 {p50 / base50:4.1f}x, "
            f"p95 {p95 / base95:4.1f}x"
        )
        figure(
            f"invoice PDF, {label}, p50",
            p50 * 1000,
            "ms",
            baseline=base50 * 1000,
            baseline_name="ReportLab, one paragraph",
        )

    # Throughput: one released milestone an invoice, each under the freelancer's sequence lock.
    rest = ids[21:]
    _, create_queries = queries_of(
        lambda: invoice_create(contract=contract, by=freelancer, milestone_ids=rest[:1])
    )
    begun = time.perf_counter()
    for pk in rest[1:]:
        invoice_create(contract=contract, by=freelancer, milestone_ids=[pk])
    service = time.perf_counter() - begun
    made = len(rest) - 1
    issued = Invoice.objects.filter(freelancer=freelancer).order_by("number")
    numbers = list(issued.values_list("number", flat=True))
    gapless = numbers == list(range(1, len(numbers) + 1))
    fields = {
        f: getattr(one, f)
        for f in (
            "freelancer", "employer", "contract", "currency", "subtotal", "tax_amount", "total",
            "escrow_paid", "platform_fee", "due_date", "seller_name", "seller_email",
            "seller_country", "buyer_name", "buyer_company", "buyer_email", "buyer_country",
        )
    }  # fmt: skip
    start = numbers[-1] + 1
    begun = time.perf_counter()
    for number in range(start, start + made):
        Invoice.objects.create(number=number, issued_at=timezone.now(), **fields)
    bare = time.perf_counter() - begun
    start += made
    begun = time.perf_counter()
    with transaction.atomic():
        for number in range(start, start + made):
            Invoice.objects.create(number=number, issued_at=timezone.now(), **fields)
    batched = time.perf_counter() - begun
    print(
        f"  Invoice.objects.create loop      {made / bare:7.0f} invoices/s ({made}, a commit each: "
        f"baseline); in one transaction {made / batched:6.0f} invoices/s"
    )
    print(
        f"  invoice_create, 1 milestone each {made / service:7.0f} invoices/s ({made}, "
        f"{create_queries} queries each): ratio {service / bare:4.1f}x the time; numbers "
        f"1-{len(numbers)} {'gapless' if gapless else 'WITH GAPS'}"
    )
    figure(
        "invoice_create throughput",
        made / service,
        "invoices/s",
        baseline=made / bare,
        baseline_name="Invoice.objects.create, a commit each",
    )


# 2. Proposal drafts ----------------------------------------------------------------------------


def bench_drafts(drafts: int) -> None:
    from drafting.retrieval import evidence_retrieve
    from drafting.services import proposal_draft_create
    from matching.encoder import encoder_or_none

    rng = random.Random(7)
    pool = skills_pool(30)
    freelancer = person("freelancer")
    held = rng.sample(pool, 10)
    talent(freelancer, held, portfolio=5, rng=rng)
    history(freelancer, pool, contracts=10, messages=20, notifications=0, rng=rng)
    profile = freelancer.freelancer_profile
    employer = person("employer")
    others = [s for s in pool if s not in held]
    gigs = [
        project(employer, rng.sample(held, 2) + rng.sample(others, 2), rng=rng)
        for _ in range(drafts + 1)
    ]
    encoder = encoder_or_none()
    print(
        f"proposal drafts, a freelancer with 10 skills, 5 portfolio items, 10 completed "
        f"contracts; {drafts} open projects of 4 skills (2 of theirs); encoder "
        f"{'LOADED' if encoder else 'absent: relevance by word overlap'}:"
    )
    warm = gigs.pop()
    evidence_retrieve(profile=profile, project=warm, encoder=None)  # skill index: not timed
    proposal_draft_create(freelancer=freelancer, project=warm)
    _, retrieve_queries = queries_of(
        lambda: evidence_retrieve(profile=profile, project=gigs[0], encoder=None)
    )
    base_times, _ = timed(
        [lambda g=g: evidence_retrieve(profile=profile, project=g, encoder=None) for g in gigs]
    )
    (_, created), draft_queries = queries_of(
        lambda: proposal_draft_create(freelancer=freelancer, project=gigs[0])
    )
    assert created
    times, results = timed(
        [lambda g=g: proposal_draft_create(freelancer=freelancer, project=g) for g in gigs[1:]]
    )
    assert all(made for _, made in results)
    base50, base95 = percentiles(base_times)
    p50, p95 = percentiles(times)
    print(
        f"  evidence_retrieve alone   {retrieve_queries:3} queries, p50 {ms(base50)}, "
        f"p95 {ms(base95)} over {len(gigs)} projects (baseline)"
    )
    print(
        f"  proposal_draft_create     {draft_queries:3} queries, p50 {ms(p50)}, p95 {ms(p95)} "
        f"over {len(times)}: ratio p50 {p50 / base50:4.2f}x, p95 {p95 / base95:4.2f}x"
    )
    figure(
        "proposal draft p50",
        p50 * 1000,
        "ms",
        baseline=base50 * 1000,
        baseline_name="evidence_retrieve alone",
    )


# 3. Search digests -----------------------------------------------------------------------------


def bench_digests(searches: int, new_projects: int, old_projects: int) -> None:
    from django.core import mail
    from django.http import QueryDict
    from django.utils import timezone

    import automation.services.alerts as alerts
    from automation.models import AlertDelivery, SavedSearch
    from automation.services.saved_searches import saved_search_create
    from matching.selectors import gig_feed

    rng = random.Random(11)
    pool = skills_pool(30)
    now = timezone.now()
    employers = [person("employer") for _ in range(10)]
    for _ in range(old_projects):
        published = now - dt.timedelta(days=rng.uniform(2, 60))
        project(rng.choice(employers), rng.sample(pool, 3), published=published, rng=rng)
    for _ in range(new_projects):
        published = now - dt.timedelta(minutes=rng.uniform(1, 50))
        project(rng.choice(employers), rng.sample(pool, 3), published=published, rng=rng)
    people = []
    for _ in range(searches + 1):
        freelancer = person("freelancer")
        own = rng.sample(pool, 5)
        talent(freelancer, own, portfolio=0, rng=rng)
        search = saved_search_create(
            user=freelancer,
            params=QueryDict(f"skill={','.join(str(s.pk) for s in own[:3])}"),
            frequency=SavedSearch.Frequency.INSTANT,
        )
        SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=now - dt.timedelta(hours=1))
        people.append(freelancer)
    print(
        f"search digests, {searches} instant saved searches (3 skills each, of a pool of 30) "
        f"over {new_projects} projects published since their last digest and {old_projects} "
        "older open ones (3 skills each):"
    )
    warm = people.pop()
    gig_feed(user=warm)  # not timed
    SavedSearch.objects.filter(user=warm).delete()
    _, feed_queries = queries_of(lambda: gig_feed(user=people[0]))
    feed_times, feeds = timed([lambda u=u: gig_feed(user=u) for u in people])
    feed50, feed95 = percentiles(feed_times)
    print(
        f"  gig_feed, each person     {feed_queries:3} queries, p50 {ms(feed50)}, "
        f"p95 {ms(feed95)}, {sum(feed_times):5.2f} s for the {len(people)} "
        f"({statistics.mean(len(f.matches) for f in feeds):.0f} matches each) (baseline)"
    )

    digest_times: list[float] = []
    original = alerts.saved_search_digest_send

    def digest(**kwargs):
        begun = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            digest_times.append(time.perf_counter() - begun)

    alerts.saved_search_digest_send = digest
    try:
        for run, moment in (("first run", timezone.now()), ("second run", timezone.now())):
            digest_times.clear()
            mail.outbox = []
            begun = time.perf_counter()
            sent, queries = queries_of(lambda moment=moment: alerts.search_alerts_send(now=moment))
            seconds = time.perf_counter() - begun
            p50, p95 = percentiles(digest_times)
            print(
                f"  search_alerts_send, {run:10} {seconds:5.2f} s, {sent:5,} projects sent, "
                f"{len(mail.outbox)} e-mails, {queries / len(digest_times):5.1f} queries per "
                f"digest; a digest p50 {ms(p50)}, p95 {ms(p95)}: ratio p50 "
                f"{p50 / feed50:4.2f}x, total {seconds / sum(feed_times):4.2f}x"
            )
            figure(
                f"search digests, {run}",
                seconds,
                "s",
                baseline=sum(feed_times),
                baseline_name="gig_feed for each person",
            )
    finally:
        alerts.saved_search_digest_send = original
    per_person = AlertDelivery.objects.filter(user__in=people).count() / len(people)
    print(f"  {per_person:.1f} projects matched per search (at most 20 listed in a digest)")


# 4. Data export and purge ----------------------------------------------------------------------


def bench_privacy(exports: int, purges: int) -> None:
    from django.core import serializers
    from django.utils import timezone

    from accounts.models import User
    from privacy.models import AccountDeletion
    from privacy.sections import SECTIONS
    from privacy.selectors import EXPORT_KIND
    from privacy.services.deletion import account_deletion_purge
    from privacy.services.exports import TITLE, data_export_run
    from projects.models import Job
    from projects.services.jobs import job_create

    rng = random.Random(5)
    pool = skills_pool(30)
    people = []
    for _ in range(1 + purges):
        freelancer = person("freelancer")
        talent(freelancer, rng.sample(pool, 8), portfolio=3, rng=rng)
        history(freelancer, pool, contracts=10, messages=50, notifications=20, rng=rng)
        people.append(User.objects.get(pk=freelancer.pk))
    subject, doomed = people[0], people[1:]
    print(
        "data export and purge, freelancers with 10 ended contracts (reviews both ways, a "
        "ledger), 50 messages, 20 notifications, 8 skills, 3 portfolio items:"
    )

    def baseline():
        rows = chars = 0
        for section in SECTIONS:
            if section.compute is not None:
                continue
            objects = list(section.queryset(subject))
            rows += len(objects)
            chars += len(serializers.serialize("json", objects))
        return rows, chars

    (rows, chars), base_queries = queries_of(baseline)
    base_times, _ = timed([baseline] * exports)
    base = statistics.median(base_times)
    print(
        f"  serialize('json') of the stored sections' rows  {base:5.2f} s, {base_queries} "
        f"queries, {rows} rows, {chars / 1024:6.1f} KB of JSON (baseline, median of {exports})"
    )

    def export() -> Job:
        job = job_create(user=subject, kind=EXPORT_KIND, title=TITLE, total=len(SECTIONS))
        data_export_run(job_id=job.pk)
        return Job.objects.get(pk=job.pk)

    _, queries = queries_of(export)
    times, jobs = timed([export] * exports)
    seconds = statistics.median(times)
    result = jobs[-1].result
    print(
        f"  data_export_run (ZIP)                           {seconds:5.2f} s, {queries} queries, "
        f"{result['rows']} rows in {result['sections']} sections, "
        f"{result['bytes'] / 1024:5.1f} KB ZIP (median of {exports}, {jobs[-1].state}): "
        f"ratio {seconds / base:4.1f}x"
    )
    figure(
        "data export (ZIP), one person",
        seconds,
        "s",
        baseline=base,
        baseline_name="serialize('json') of the same rows",
    )

    now = timezone.now()
    deletions = [
        AccountDeletion.objects.create(
            user=user, requested_at=now - dt.timedelta(days=15), purge_after=now
        )
        for user in doomed
    ]
    outcome, first_queries = queries_of(
        lambda: account_deletion_purge(deletion_id=deletions[0].pk, now=now)
    )
    purge_times, outcomes = timed(
        [lambda d=d: account_deletion_purge(deletion_id=d.pk, now=now) for d in deletions[1:]]
    )
    again, again_queries = queries_of(
        lambda: account_deletion_purge(deletion_id=deletions[0].pk, now=now)
    )
    print(
        f"  account_deletion_purge, one person              "
        f"{statistics.median(purge_times or [0]):5.2f} s (median of {len(purge_times)}), "
        f"{first_queries} queries ({outcome}, {', '.join(outcomes)}); "
        f"again: {again}, {again_queries} queries"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=50)
    parser.add_argument("--invoices", type=int, default=100)
    parser.add_argument("--drafts", type=int, default=20)
    parser.add_argument("--searches", type=int, default=50)
    parser.add_argument("--new-projects", type=int, default=200)
    parser.add_argument("--old-projects", type=int, default=300)
    parser.add_argument("--exports", type=int, default=3)
    parser.add_argument("--purges", type=int, default=3)
    args = parser.parse_args()

    # No sentence encoder: matching and drafting run on the taxonomy and word overlap.
    os.environ["MATCHING_MODEL"] = "/nonexistent/gigwise-bench-no-model"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    workdir = django_on_throwaway_db()  # the database lives in it
    from django.conf import settings

    settings.PRIVACY_EXPORT_ROOT = os.path.join(workdir.name, "exports")
    settings.BILLING_EXPORT_ROOT = os.path.join(workdir.name, "invoice-exports")
    settings.MEDIA_ROOT = os.path.join(workdir.name, "media")
    for name in ("celery", "matching.encoder", "matching"):  # a line per eager task
        logging.getLogger(name).setLevel(logging.CRITICAL)
    logging.getLogger("kombu").setLevel(logging.ERROR)
    from django.core.management import call_command

    from projects.models import Skill
    from projects.services.taxonomy import taxonomy_import

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    taxonomy_import(builtin_only=True, force=True)
    print(
        f"set-up: migrations and the built-in taxonomy ({Skill.objects.count()} skills) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    for step in (
        lambda: bench_invoices(args.pdfs, args.invoices),
        lambda: bench_drafts(args.drafts),
        lambda: bench_digests(args.searches, args.new_projects, args.old_projects),
        lambda: bench_privacy(args.exports, args.purges),
    ):
        begun = time.perf_counter()
        step()
        print(f"  ({time.perf_counter() - begun:.1f} s with its set-up)")


if __name__ == "__main__":
    main()
