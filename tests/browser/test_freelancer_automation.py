"""Issue 9's acceptance in a real browser, at desktop and phone widths, with axe on every page:
a grounded proposal draft sent as a proposal, a saved search with its digest and unsubscribe
link, and an hourly week logged, approved, invoiced and downloaded as a PDF."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from automation.models import SavedSearch
from billing.models import Invoice, TimeEntry, Timesheet
from billing.weeks import local_zone
from drafting.models import ProposalDraft
from matching.models import SkillRelation
from projects.models import FreelancerSkill, Proposal
from projects.services.talent import portfolio_item_create
from tests.browser.journeys import DESKTOP, PHONE, check, menu, screenshot
from tests.browser.test_marketplace_accessibility import log_in
from tests.factories import ContractFactory, EmployerFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
JOB_TIMEOUT = 15_000  # ms: a digest job ranks with the matching engine before it finishes


def capture(page, screenshot_dir, name: str, viewport) -> None:
    screenshot(page, screenshot_dir, f"automation-{name}", viewport)


def flash(page):
    return page.locator(".alert").first


# --- 1. A grounded proposal draft, edited and sent ----------------------------------------------


@pytest.fixture
def drafting_market(transactional_db):
    """A Django developer with a portfolio item; an open Django and Kubernetes project."""
    small_taxonomy()
    profile = freelancer_with(
        headline="Backend developer", skills=["Django", "postgres"], rate=60, years=8,
        first_name="Ada",
    )  # fmt: skip
    django = FreelancerSkill.objects.get(profile=profile, skill__name="Django")
    FreelancerSkill.objects.filter(pk=django.pk).update(years=6)
    portfolio_item_create(
        profile=profile,
        title="Clinic booking API",
        description="Appointments and reminders for a chain of clinics.",
        link="https://example.com/clinic-booking",
        skills=[django.skill],
    )
    postgres = FreelancerSkill.objects.get(profile=profile, skill__name="PostgreSQL").skill
    kubernetes = type(postgres).objects.get(name="Kubernetes")
    SkillRelation.objects.create(skill=kubernetes, related=postgres, strength=0.4, together=5)
    project = open_project(
        title="Clinic scheduling platform",
        description="A Django service deployed on Kubernetes.",
        skills=["Django", "Kubernetes"],
        budget=(40, 90),
    )
    return {"user": profile.user, "project": project}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_drafts_a_grounded_proposal_edits_it_and_sends_it(
    live_server, page, drafting_market, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    project = drafting_market["project"]
    log_in(page, live_server.url, drafting_market["user"])
    page.goto(live_server.url + reverse("projects:project-detail", args=[project.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    check(page)

    page.get_by_role("button", name="Draft a proposal", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your draft proposal")
    expect(flash(page)).to_contain_text("Here is a first draft from your profile")
    sources = page.get_by_role("region", name="Sources", exact=True)
    expect(sources).to_contain_text("Clinic booking API")
    work = sources.get_by_role("link", name="Portfolio item “Clinic booking API”", exact=True)
    expect(work).to_have_attribute("href", "https://example.com/clinic-booking")
    gaps = page.get_by_role("region", name="What you lack for this project", exact=True)
    expect(gaps).to_contain_text("Kubernetes (required): I have not worked with it yet.")
    letter = page.get_by_label("Cover letter (edit before sending)")
    written = letter.input_value()
    assert "What I do not have yet" in written
    assert "Kubernetes (required): I have not worked with it yet." in written
    assert "Clinic booking API" in written
    assert "Django: 6 years of experience" in written
    bid = page.get_by_label("Your hourly rate")
    assert Decimal(bid.input_value()) > 0  # the suggested bid fills it
    check(page)
    capture(page, screenshot_dir, "draft", viewport)

    # Saved untouched, the letter is still the generated one: not "edited by you".
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(flash(page)).to_contain_text("Your draft is saved. Nothing has been sent.")
    expect(
        page.get_by_role("button", name="Write it again from my profile", exact=True)
    ).to_be_visible()
    assert not ProposalDraft.objects.get(project=project).is_edited
    letter = page.get_by_label("Cover letter (edit before sending)")
    bid = page.get_by_label("Your hourly rate")

    # An empty letter is refused when saving; the bid typed stays.
    letter.fill("")
    bid.fill("55")
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator("#id_cover_letter_error")).to_contain_text(
        "Write the cover letter: a draft cannot be empty."
    )
    expect(page.get_by_label("Your hourly rate")).to_have_value("55")
    expect(page.get_by_role("region", name="Sources", exact=True)).to_contain_text(
        "Clinic booking API"
    )
    check(page)

    mine = "Thank you for the clear brief.\n\n" + written
    page.get_by_label("Cover letter (edit before sending)").fill(mine)
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(flash(page)).to_contain_text("Your draft is saved. Nothing has been sent.")
    expect(page.get_by_label("Cover letter (edit before sending)")).to_have_value(mine)
    saved = ProposalDraft.objects.get(project=project)
    assert saved.text == mine.strip()
    assert saved.is_edited
    expect(
        page.get_by_role("button", name="Write it again from my profile (replaces your edits)")
    ).to_be_visible()
    assert not Proposal.objects.filter(project=project).exists()

    # A bid of zero is refused when sending; the letter typed stays.
    page.get_by_label("Your hourly rate").fill("0")
    page.get_by_role("button", name="Send proposal", exact=True).click()
    expect(page.locator("#id_bid_amount_error")).to_contain_text(
        "Your hourly rate must be more than zero."
    )
    expect(page.get_by_label(re.compile(r"^Cover letter"))).to_have_value(mine)
    assert not Proposal.objects.filter(project=project).exists()
    check(page)

    page.get_by_label("Your hourly rate").fill("55")
    page.get_by_role("button", name="Send proposal", exact=True).click()
    expect(flash(page)).to_contain_text(f"Your proposal on “{project.title}” is sent.")
    proposal = Proposal.objects.get(project=project, freelancer=drafting_market["user"])
    assert proposal.cover_letter.replace("\r\n", "\n").strip() == mine.strip()
    assert proposal.bid_amount == Decimal("55")
    check(page)

    menu(page, viewport, "My work", "My proposals")
    expect(page.get_by_role("link", name=project.title, exact=True)).to_be_visible()
    check(page)
    capture(page, screenshot_dir, "my-proposals", viewport)

    # The draft is kept, marked as no longer open to re-drafting.
    menu(page, viewport, "My work", "Proposal drafts")
    expect(page.get_by_role("main")).to_contain_text(project.title)
    expect(page.get_by_text("Closed or sent", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Re-draft 0 open drafts")).to_be_disabled()
    check(page)


# --- 2. A saved search, its digest, and the unsubscribe link ------------------------------------


@pytest.fixture
def search_market(transactional_db, settings, live_server):
    settings.SITE_URL = live_server.url  # the e-mail's links point at this server
    small_taxonomy()
    developer = freelancer_with(
        headline="Django developer", bio="I build booking systems in Django.",
        skills=["Django", "postgres"], rate=45, email="dev@example.com",
    )  # fmt: skip
    older = open_project(
        title="Django shop backend",
        description="A Django shop.",
        skills=["Django"],
        budget=(30, 60),
    )
    # A month old: before the week a new search's first digest looks back on, so not news.
    type(older).objects.filter(pk=older.pk).update(
        published_at=timezone.now() - dt.timedelta(days=30)
    )
    return {"user": developer.user}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_saves_a_search_gets_its_digest_and_unsubscribes(
    live_server, page, browser, search_market, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    user = search_market["user"]
    log_in(page, live_server.url, user)
    menu(page, viewport, None, "Browse projects")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find projects")
    filters = page.get_by_role("search", name="Filter projects")
    filters.get_by_label("Skills (any of)").fill("Django")
    filters.get_by_role("button", name="Show projects", exact=True).click()
    expect(page.get_by_role("link", name="Django shop backend")).to_be_visible()
    check(page)

    save = page.get_by_role("form", name="Get alerts for this search")
    save.get_by_label("Name").fill("Django gigs")
    save.get_by_label("Alert me").select_option("instant")
    save.get_by_role("button", name="Save this search", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Django gigs")
    expect(flash(page)).to_contain_text("Saved “Django gigs”. New matching projects reach you")
    check(page)
    search = SavedSearch.objects.get(user=user)
    assert search.frequency == SavedSearch.Frequency.INSTANT
    assert "Django" in search.query

    # The same name for other filters: refused, with the name and choice as typed.
    menu(page, viewport, None, "Browse projects")
    filters = page.get_by_role("search", name="Filter projects")
    filters.get_by_label("Search").fill("booking")
    filters.get_by_role("button", name="Show projects", exact=True).click()
    save = page.get_by_role("form", name="Get alerts for this search")
    save.get_by_label("Name").fill("Django gigs")
    save.get_by_label("Alert me").select_option("weekly")
    save.get_by_role("button", name="Save this search", exact=True).click()
    expect(page.locator("#id_name_error")).to_contain_text(
        "You already have a saved search called “Django gigs”: choose another name."
    )
    expect(page.get_by_label("Name")).to_have_value("Django gigs")
    expect(page.get_by_label("Alert me")).to_have_value("weekly")
    assert SavedSearch.objects.filter(user=user).count() == 1
    check(page)
    capture(page, screenshot_dir, "search-name-taken", viewport)

    menu(page, viewport, "My work", "Saved searches")
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved searches")
    saved = page.get_by_role("article").filter(has_text="Django gigs")
    expect(saved).to_contain_text("Instant")
    check(page)

    # A new matching project is published; the digest is sent now, as a job with a bar.
    open_project(
        title="Clinic booking in Django",
        description="Bookings for clinics, in Django.",
        skills=["Django"],
        budget=(30, 60),
    )
    mail.outbox.clear()
    page.get_by_role("button", name="Send me a digest now", exact=True).click()
    job = page.locator(".gw-job").first
    expect(job.locator(".gw-job-state")).to_have_text("Finished", timeout=JOB_TIMEOUT)
    expect(job.locator("progress")).to_have_attribute("value", "100")
    expect(job).to_contain_text("Sent 1 new project")
    check(page)
    capture(page, screenshot_dir, "saved-searches", viewport)

    menu(page, viewport, None, re.compile(r"^Notifications( \d+ unread)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    alerts = page.get_by_role("list", name="Notifications, newest first")
    expect(alerts).to_contain_text("1 new project for “Django gigs”")
    expect(alerts).to_contain_text("Clinic booking in Django")
    check(page)

    digests = [m for m in mail.outbox if "Django gigs" in m.subject]
    assert len(digests) == 1, [m.subject for m in mail.outbox]
    digest = digests[0]
    assert digest.to == [user.email]
    assert "Clinic booking in Django" in digest.body
    links = re.findall(r"https?://\S+/alerts/unsubscribe/\S+/", digest.body)
    assert links, digest.body
    assert links[0].startswith(live_server.url)
    assert digest.extra_headers["List-Unsubscribe"] == f"<{links[0]}>"

    # The link works without logging in.
    stranger = browser.new_context(viewport=viewport)
    try:
        other = stranger.new_page()
        other.goto(links[0])
        expect(other.get_by_role("heading", level=1)).to_have_text("Stop alerts for “Django gigs”?")
        check(other)
        other.get_by_role("button", name="Stop these alerts", exact=True).click()
        expect(other.get_by_role("heading", level=1)).to_have_text("Alerts stopped")
        expect(other.get_by_role("status").filter(has_text="no longer send you")).to_contain_text(
            "“Django gigs”"
        )
        check(other)
        capture(other, screenshot_dir, "unsubscribed", viewport)
    finally:
        stranger.close()
    search.refresh_from_db()
    assert search.frequency == SavedSearch.Frequency.OFF


# --- 3. An hourly week: logged, submitted, approved, invoiced, downloaded -----------------------


@pytest.fixture
def hourly(transactional_db):
    """An active hourly contract at 50.00 USD an hour, 40 h a week, started a month ago."""
    # A long address: the invoice must wrap it on a phone, not scroll the page sideways.
    employer = EmployerFactory(email="accounts.payable.department@northwind-clinics.example.com")
    return ContractFactory(
        employer=employer,
        project__employer=employer,
        title="Clinic booking backend",
        budget_type="hourly",
        amount=Decimal("50.00"),
        weekly_hour_limit=40,
        start_date=timezone.now().date() - dt.timedelta(days=30),
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_hourly_week_is_logged_approved_invoiced_and_downloaded(
    live_server, page, browser, hourly, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    freelancer = hourly.freelancer
    today = dt.datetime.now(tz=local_zone(freelancer)).date()
    monday = today - dt.timedelta(days=today.weekday() + 7)  # last week's
    tomorrow = today + dt.timedelta(days=1)

    log_in(page, live_server.url, freelancer)
    menu(page, viewport, "My work", "Contracts and time log")
    check(page)
    page.get_by_role("link", name=hourly.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(hourly.title)
    check(page)
    page.get_by_role("link", name="Open the time log", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Time log")
    check(page)

    entry = page.get_by_role("region", name="Add time by hand", exact=True)
    entry.get_by_label("Date").fill(monday.isoformat())
    entry.get_by_label("From").fill("09:00")
    entry.get_by_label("To").fill("12:00")
    entry.get_by_label("Note").fill("Booking models and migrations")
    entry.get_by_role("button", name="Log this time", exact=True).click()
    expect(flash(page)).to_contain_text("Logged 3 h.")
    week = page.get_by_role("region", name=re.compile(r"^Week of "))
    expect(week).to_contain_text("Booking models and migrations")
    expect(week).to_contain_text("3 h of 40 h")
    check(page)

    # In the future: refused, everything typed kept.
    entry = page.get_by_role("region", name="Add time by hand", exact=True)
    entry.get_by_label("Date").fill(tomorrow.isoformat())
    entry.get_by_label("From").fill("09:00")
    entry.get_by_label("To").fill("10:00")
    entry.get_by_label("Note").fill("Planning ahead")
    entry.get_by_role("button", name="Log this time", exact=True).click()
    expect(page.locator("#id_start_error")).to_contain_text("You can't log time in the future.")
    entry = page.get_by_role("region", name="Add time by hand", exact=True)
    expect(entry.get_by_label("Date")).to_have_value(tomorrow.isoformat())
    expect(entry.get_by_label("From")).to_have_value("09:00")
    expect(entry.get_by_label("To")).to_have_value("10:00")
    expect(entry.get_by_label("Note")).to_have_value("Planning ahead")
    check(page)

    # Over the first entry: refused, naming the entry it overlaps; everything typed kept.
    entry.get_by_label("Date").fill(monday.isoformat())
    entry.get_by_label("From").fill("11:00")
    entry.get_by_label("To").fill("13:30")
    entry.get_by_label("Note").fill("Code review")
    entry.get_by_role("button", name="Log this time", exact=True).click()
    day = f"{monday:%a} {monday.day} {monday:%b}"
    expect(page.locator("#id_start_error")).to_contain_text(
        f"This entry overlaps 09:00–12:00 on {day}."  # noqa: RUF001
    )
    entry = page.get_by_role("region", name="Add time by hand", exact=True)
    expect(entry.get_by_label("Date")).to_have_value(monday.isoformat())
    expect(entry.get_by_label("From")).to_have_value("11:00")
    expect(entry.get_by_label("To")).to_have_value("13:30")
    expect(entry.get_by_label("Note")).to_have_value("Code review")
    assert TimeEntry.objects.filter(contract=hourly).count() == 1
    check(page)
    capture(page, screenshot_dir, "time-log-overlap", viewport)

    # The timer, on today's week.
    page.get_by_role("link", name="This week", exact=True).click()
    timer = page.get_by_role("region", name="Timer", exact=True)
    timer.get_by_label("What are you working on?").fill("Reminder e-mails")
    timer.get_by_role("button", name="Start the timer", exact=True).click()
    expect(flash(page)).to_contain_text("The timer is running.")
    timer = page.get_by_role("region", name="Timer", exact=True)
    expect(timer.get_by_role("status")).to_contain_text("Reminder e-mails")
    check(page)
    running = TimeEntry.objects.filter(contract=hourly).get(ended_at=None)
    # Backdated a quarter of an hour so that stopping logs time (within today's week).
    earlier = running.started_at - dt.timedelta(minutes=15)
    if earlier.astimezone(local_zone(freelancer)).date() >= today - dt.timedelta(today.weekday()):
        TimeEntry.objects.filter(pk=running.pk).update(started_at=earlier)
        stopped = "Timer stopped: 0.25 h logged."
    else:
        stopped = "The timer ran under a minute"
    timer.get_by_role("button", name="Stop the timer", exact=True).click()
    expect(flash(page)).to_contain_text(stopped)
    check(page)

    # Last week goes to the employer.
    page.get_by_role("link", name=f"Week of {monday.day} {monday:%b %Y}", exact=True).click()
    page.get_by_role("button", name="Submit 3 h for approval", exact=True).click()
    expect(flash(page)).to_contain_text("Submitted 3.00 h to the employer for approval.")
    sheet = Timesheet.objects.get(contract=hourly, week_start=monday)
    assert sheet.state == Timesheet.State.SUBMITTED
    check(page)

    # The employer approves it, in their own browser.
    employer_context = browser.new_context(viewport=viewport)
    try:
        boss = employer_context.new_page()
        log_in(boss, live_server.url, hourly.employer)
        boss.goto(live_server.url + reverse("projects:contract-detail", args=[hourly.pk]))
        boss.get_by_role("link", name="Open the time log", exact=True).click()
        boss.get_by_role("link", name=f"Week of {monday.day} {monday:%b %Y}", exact=True).click()
        approve = boss.get_by_role("button", name="Approve and pay 150.00 USD", exact=True)
        check(boss)
        approve.click()
        expect(flash(boss)).to_contain_text("Approved: 150.00 USD paid.")
        expect(boss.get_by_role("region", name=re.compile(r"^Week of "))).to_contain_text(
            "Approved"
        )
        check(boss)
        capture(boss, screenshot_dir, "time-log-approved", viewport)
    finally:
        employer_context.close()
    sheet.refresh_from_db()
    assert sheet.state == Timesheet.State.APPROVED

    # The freelancer invoices the approved week.
    page.goto(live_server.url + reverse("projects:contract-detail", args=[hourly.pk]))
    page.get_by_role("link", name="Create an invoice", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Invoice")
    weeks = page.get_by_role("group", name="Approved weeks")
    expect(weeks.get_by_role("checkbox")).to_be_checked()
    page.get_by_label("Tax rate (%)").fill("10")
    page.get_by_label("Your tax id").fill("KE-123456")
    check(page)
    page.get_by_role("button", name="Issue the invoice", exact=True).click()
    invoice = Invoice.objects.get(contract=hourly)
    expect(flash(page)).to_contain_text(f"Invoice {invoice.display_number} issued.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Invoice {invoice.display_number}")
    assert invoice.total == Decimal("165.00")
    lines = page.get_by_role("table")
    expect(lines).to_contain_text("165.00 USD")
    expect(lines).to_contain_text("3 h")
    expect(page.get_by_role("article")).to_contain_text("KE-123456")
    check(page)
    capture(page, screenshot_dir, "invoice", viewport)

    # Print-friendly: printed, the site around the invoice is left out.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name="Download PDF")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    capture(page, screenshot_dir, "invoice-print", viewport)
    page.emulate_media(media="screen")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = PdfReader(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert invoice.display_number in text
    assert "165.00" in text

    menu(page, viewport, "My work", "Invoices")
    row = page.get_by_role("row").filter(has_text=invoice.display_number)
    expect(row).to_contain_text("Unpaid")
    expect(row).to_contain_text("165.00")
    check(page)
