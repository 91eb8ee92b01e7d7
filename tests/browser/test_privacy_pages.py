"""Issue 10's pages in a real browser, at desktop and phone widths, with axe on every page: the AI
switches and their history, who sees the rate and the photo, "Your data" (the export's progress
and its ZIP, deletion with its grace period and banner), and the fairness audit on "How matching
works"."""

import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from accounts.models import AIFeature, ConsentEvent
from accounts.photos import PHOTO_NOT_AN_IMAGE
from matching.fairness.audit import fairness_audit_run
from matching.selectors import FEED_SWITCHED_OFF
from privacy.models import AccountDeletion
from privacy.services.deletion import WRONG_PASSWORD
from projects.models import Job
from tests.browser.journeys import DESKTOP, PHONE, check, image_loaded, menu, screenshot
from tests.browser.test_marketplace_accessibility import log_in
from tests.factories import PASSWORD, EmployerFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
JOB_TIMEOUT = 15_000  # ms: htmx polls the job every second
GIG = "Booking API"
FEED = "Match gigs to me"


def capture(page, screenshot_dir, name: str, viewport) -> None:
    screenshot(page, screenshot_dir, f"privacy-{name}", viewport)


def flash(page):
    """The message of the last action (not the deletion banner, an alert on every page)."""
    return page.locator(".alert:not(.gw-deletion-banner)").first


def banner(page):
    return page.locator(".gw-deletion-banner")


@pytest.fixture
def market(transactional_db, settings, tmp_path):
    """A Django developer from Kenya at 45 an hour; an employer's open project that fits them."""
    settings.MEDIA_ROOT = tmp_path / "media"  # photos and export ZIPs stay out of the repository
    settings.PRIVACY_EXPORT_ROOT = str(tmp_path / "exports")
    small_taxonomy()
    developer = freelancer_with(
        headline="Django developer", skills=["Django", "postgres"], rate=45,
        email="ada.developer@example.com", first_name="Ada",
    )  # fmt: skip
    type(developer).objects.filter(pk=developer.pk).update(country="KE")
    owner = EmployerFactory()
    project = open_project(
        title=GIG,
        description="Django endpoints on Postgres.",
        skills=["Django", "PostgreSQL"],
        employer=owner,
        budget=(30, 50),
    )
    return {"freelancer": developer.user, "owner": owner, "project": project}


# --- 1. The matched feed switched off and on again ----------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_switching_off_match_gigs_to_me_empties_the_feed_and_is_in_the_history(
    live_server, page, market, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    user = market["freelancer"]
    log_in(page, live_server.url, user)
    menu(page, viewport, None, "Gigs for you")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gigs for you")
    expect(page.get_by_role("article").filter(has_text=GIG)).to_be_visible()
    check(page)

    menu(page, viewport, "Account", "Privacy and AI choices")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy")
    expect(page.get_by_text("No changes yet: every feature is at its default.")).to_be_visible()
    switch = page.get_by_role("switch", name=FEED, exact=True)
    expect(switch).to_be_checked()
    check(page)
    switch.uncheck()
    page.get_by_role("button", name="Save AI choices", exact=True).click()
    expect(flash(page)).to_contain_text(f"“{FEED}” is now off")
    expect(page.get_by_role("switch", name=FEED, exact=True)).not_to_be_checked()
    history = page.get_by_role("region", name=re.compile(r"^History of your AI choices"))
    row = history.get_by_role("row").filter(has_text=FEED)
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(2)).to_have_text("off")
    # The other switches were not touched, so they are not in the history.
    expect(history.get_by_role("row")).to_have_count(2)  # the header and the change
    event = ConsentEvent.objects.get(user=user)
    assert (event.feature, event.granted) == (AIFeature.MATCHED_FEED, False)
    check(page)
    capture(page, screenshot_dir, "ai-switch-off", viewport)

    menu(page, viewport, None, "Gigs for you")
    main = page.get_by_role("main")
    expect(main.get_by_text(FEED_SWITCHED_OFF)).to_be_visible()
    expect(main.get_by_role("article")).to_have_count(0)
    browse = main.get_by_role("link", name="Browse projects", exact=True)
    expect(browse).to_have_attribute("href", reverse("projects:project-list"))
    settings_link = main.get_by_role("link", name="Privacy settings", exact=True)
    expect(settings_link).to_have_attribute("href", reverse("accounts:privacy"))
    check(page)
    capture(page, screenshot_dir, "feed-off", viewport)

    settings_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy")
    page.get_by_role("switch", name=FEED, exact=True).check()
    page.get_by_role("button", name="Save AI choices", exact=True).click()
    expect(flash(page)).to_contain_text(f"“{FEED}” is now on")
    history = page.get_by_role("region", name=re.compile(r"^History of your AI choices"))
    changes = history.get_by_role("row").filter(has_text=FEED)
    expect(changes).to_have_count(2)
    expect(changes.first.get_by_role("cell").nth(2)).to_have_text("on")  # newest first
    check(page)

    menu(page, viewport, None, "Gigs for you")
    expect(page.get_by_role("article").filter(has_text=GIG)).to_be_visible()
    expect(page.get_by_text(FEED_SWITCHED_OFF)).to_have_count(0)
    check(page)


# --- 2. Who sees the rate, and the photo --------------------------------------------------------


def png_file(tmp_path):
    path = tmp_path / "me.png"
    Image.new("RGB", (64, 48), (40, 120, 200)).save(path, format="PNG")
    return path


def not_a_picture(tmp_path):
    path = tmp_path / "holiday.png"
    path.write_text("These are my notes, not a picture.\n")
    return path


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_hides_their_rate_from_employers_and_uploads_a_photo(
    live_server, page, browser, market, tmp_path, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    user = market["freelancer"]
    profile_url = live_server.url + reverse("projects:freelancer-profile", args=[user.pk])
    rate = "45.00 USD an hour"

    employer_context = browser.new_context(viewport=viewport)
    try:
        boss = employer_context.new_page()
        log_in(boss, live_server.url, market["owner"])
        boss.goto(profile_url)
        expect(boss.get_by_role("heading", level=1)).to_have_text(user.display_name)
        expect(boss.get_by_role("main")).to_contain_text(rate)
        check(boss)

        log_in(page, live_server.url, user)
        menu(page, viewport, "Account", "Privacy and AI choices")
        visibility = page.get_by_role("region", name="Who sees your profile details")
        visibility.get_by_label("Your hourly rate").select_option(label="Only me")
        visibility.get_by_role("button", name="Save who sees what", exact=True).click()
        expect(flash(page)).to_contain_text("Saved who else sees your rate, country and photo.")
        expect(page.get_by_label("Your hourly rate")).to_have_value("nobody")
        expect(page.get_by_label("The country you work from")).to_have_value("everyone")
        check(page)

        boss.reload()
        main = boss.get_by_role("main")
        expect(main).to_contain_text("years of experience")
        expect(main).not_to_contain_text("an hour")
        expect(main).not_to_contain_text("45.00")
        check(boss)
        capture(boss, screenshot_dir, "profile-rate-hidden", viewport)

        page.get_by_label("Your hourly rate").select_option(
            label="Everyone, including visitors who are not signed in"
        )
        page.get_by_role("button", name="Save who sees what", exact=True).click()
        expect(flash(page)).to_contain_text("Saved who else sees your rate")
        expect(page.get_by_label("Your hourly rate")).to_have_value("everyone")
        boss.reload()
        expect(boss.get_by_role("main")).to_contain_text(rate)

        # The photo: a text file named .png is refused, with why; then a real picture is kept.
        page.get_by_role("link", name="add one", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Profile photo")
        expect(page.get_by_text("You have no photo yet.")).to_be_visible()
        check(page)
        page.get_by_label("A new photo").set_input_files(not_a_picture(tmp_path))
        page.get_by_role("button", name="Upload photo", exact=True).click()
        expect(page.locator("#id_photo_error")).to_contain_text(PHOTO_NOT_AN_IMAGE)
        expect(page.get_by_text("You have no photo yet.")).to_be_visible()
        check(page)
        capture(page, screenshot_dir, "photo-refused", viewport)

        page.get_by_label("A new photo").set_input_files(png_file(tmp_path))
        page.get_by_role("button", name="Upload photo", exact=True).click()
        expect(flash(page)).to_contain_text("Your new photo is saved.")
        current = page.get_by_role("img", name="Your current photo", exact=True)
        expect(current).to_be_visible()
        image_loaded(page, current)
        check(page)

        # A second wrong file: refused, and the photo saved before is still there.
        page.get_by_label("A new photo").set_input_files(not_a_picture(tmp_path))
        page.get_by_role("button", name="Replace photo", exact=True).click()
        expect(page.locator("#id_photo_error")).to_contain_text(PHOTO_NOT_AN_IMAGE)
        expect(page.get_by_role("img", name="Your current photo", exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="Remove photo", exact=True)).to_be_visible()
        check(page)
        capture(page, screenshot_dir, "photo", viewport)

        # Signed-in employers see photos by default.
        boss.reload()
        photo = boss.get_by_role("main").locator(
            f"img[src^='{reverse('projects:freelancer-photo', args=[user.pk])}']"
        )
        expect(photo).to_have_count(1)
        image_loaded(boss, photo)
        check(boss)
    finally:
        employer_context.close()


# --- 3. Download my data -------------------------------------------------------------------------


def open_zip(download) -> zipfile.ZipFile:
    with open(download.path(), "rb") as file:
        return zipfile.ZipFile(io.BytesIO(file.read()))


def assert_is_the_export_of(archive: zipfile.ZipFile, user) -> None:
    names = set(archive.namelist())
    assert {"index.html", "manifest.json", "account.json", "freelancer_profile.json"} <= names
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest
    account = json.loads(archive.read("account.json"))
    assert user.email in json.dumps(account)
    profile = json.loads(archive.read("freelancer_profile.json"))
    assert "Django developer" in json.dumps(profile)
    assert user.email in archive.read("index.html").decode()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_prepares_their_data_watches_the_progress_and_downloads_the_zip(
    live_server, page, market, monkeypatch, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    user = market["freelancer"]
    # Held back, as a busy worker would, so that the page shows the bar while it is queued.
    from privacy import tasks
    from privacy.services import exports

    queued = []
    monkeypatch.setattr(exports, "enqueue", lambda task, job_id: queued.append(job_id))

    log_in(page, live_server.url, user)
    menu(page, viewport, "Account", "Your data")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    check(page)
    page.get_by_role("button", name="Prepare my data", exact=True).click()
    expect(flash(page)).to_contain_text("Your data is being gathered; the progress shows below.")
    job = page.locator(".gw-job").first
    expect(job.locator("progress")).to_be_visible()
    expect(job.locator(".gw-job-state")).not_to_have_text("Finished")
    check(page)
    capture(page, screenshot_dir, "export-queued", viewport)

    # The worker builds it; htmx polling brings the finished bar and the link to this page.
    assert len(queued) == 1
    tasks.data_export_build(queued[0])
    expect(job.locator(".gw-job-state")).to_have_text("Finished", timeout=JOB_TIMEOUT)
    expect(job.locator("progress")).to_have_attribute("value", "100")
    expect(job).to_contain_text("sections")
    check(page)
    capture(page, screenshot_dir, "export-finished", viewport)
    with page.expect_download() as download_info:
        job.get_by_role("link", name="Open the result", exact=True).click()
    download = download_info.value
    assert re.fullmatch(r"gigwise-data-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    assert_is_the_export_of(open_zip(download), user)

    # Back on the page later, the finished export has its own download link.
    page.reload()
    ready = page.locator(".gw-job").first
    expect(ready).to_contain_text("ready.")
    check(page)
    with page.expect_download() as download_info:
        ready.get_by_role("link", name="Download the ZIP", exact=True).click()
    assert_is_the_export_of(open_zip(download_info.value), user)
    assert Job.objects.filter(user=user, state=Job.State.SUCCEEDED).count() == 1


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_with_eager_celery_the_export_is_ready_when_the_page_comes_back(
    live_server, page, market, viewport
):
    page.set_viewport_size(viewport)
    user = market["freelancer"]
    log_in(page, live_server.url, user)
    page.goto(live_server.url + reverse("privacy:data"))
    page.get_by_role("button", name="Prepare my data", exact=True).click()
    ready = page.locator(".gw-job").first
    expect(ready).to_contain_text("ready.", timeout=JOB_TIMEOUT)
    check(page)
    with page.expect_download() as download_info:
        ready.get_by_role("link", name="Download the ZIP", exact=True).click()
    assert_is_the_export_of(open_zip(download_info.value), user)


# --- 4. Delete my account, then keep it ---------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_freelancer_asks_to_delete_their_account_then_keeps_it(
    live_server, page, market, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    user = market["freelancer"]
    log_in(page, live_server.url, user)
    menu(page, viewport, "Account", "Your data")
    expect(banner(page)).to_have_count(0)
    page.get_by_role("link", name="Delete my account…", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my account")
    check(page)

    # The wrong password: said precisely, nothing scheduled, the explanation still there.
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account in 14 days", exact=True).click()
    expect(page.locator("#id_confirmation_error")).to_contain_text(WRONG_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my account")
    expect(page.get_by_role("heading", name="What happens", exact=True)).to_be_visible()
    expect(page.get_by_label("Your password")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_confirmation_error\b")
    )
    expect(banner(page)).to_have_count(0)
    assert not AccountDeletion.objects.filter(user=user).exists()
    check(page)
    capture(page, screenshot_dir, "delete-wrong-password", viewport)

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account in 14 days", exact=True).click()
    deletion = AccountDeletion.objects.get(user=user)
    said = f"Your account will be deleted on {deletion.purge_after:%-d %B %Y}."
    expect(flash(page)).to_contain_text(said)  # the same date, said the same way, as the banner
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    expect(banner(page)).to_contain_text(said)
    expect(page.get_by_role("button", name="Keep my account", exact=True)).to_be_visible()
    check(page)
    capture(page, screenshot_dir, "delete-pending", viewport)

    menu(page, viewport, None, "Dashboard")
    expect(banner(page)).to_contain_text(said)
    check(page)
    capture(page, screenshot_dir, "delete-banner-dashboard", viewport)
    menu(page, viewport, None, "Browse projects")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find projects")
    expect(banner(page)).to_contain_text(said)
    check(page)

    # The banner's link leads to the page where the request is cancelled.
    banner(page).get_by_role("link", name="Keep my account", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    page.get_by_role("button", name="Keep my account", exact=True).click()
    expect(flash(page)).to_contain_text("Your account will not be deleted. Nothing was removed.")
    expect(banner(page)).to_have_count(0)
    expect(page.get_by_role("link", name="Delete my account…", exact=True)).to_be_visible()
    check(page)
    menu(page, viewport, None, "Dashboard")
    expect(banner(page)).to_have_count(0)
    deletion.refresh_from_db()
    assert deletion.cancelled_at is not None


# --- 5. The fairness audit on "How matching works" ----------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_how_matching_works_shows_the_latest_fairness_audit(
    live_server, page, market, screenshot_dir, viewport
):
    page.set_viewport_size(viewport)
    url = live_server.url + reverse("matching:how-it-works")
    page.goto(url)
    fairness = page.get_by_role("heading", name="Who gets seen: the fairness audit", exact=True)
    expect(fairness).to_be_visible()
    expect(page.get_by_text("The first audit has not run yet")).to_be_visible()
    check(page)

    audit = fairness_audit_run(recompute=True)
    page.reload()
    expect(page.get_by_text(f"Latest audit, {audit.ran_at:%-d %B %Y}.")).to_be_visible()
    expect(page.get_by_text(audit.summary)).to_be_visible()
    table = page.get_by_role("region", name=re.compile(r"^Latest fairness audit by group"))
    expect(table.get_by_role("columnheader", name="Ratio to the best", exact=True)).to_be_visible()
    expect(table.get_by_role("row")).not_to_have_count(1)  # a row per group under the header
    expect(page.get_by_text("The first audit has not run yet")).to_have_count(0)
    check(page)
    capture(page, screenshot_dir, "how-matching-works", viewport)
