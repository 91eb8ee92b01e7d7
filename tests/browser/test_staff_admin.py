"""Staff in a real browser, at desktop and phone sizes: log in with password and authenticator
code, hide a reported project with a reason, and find it in the audit log (issue 10's acceptance,
issue 12's journey 5). And a staff member without an authenticator app sets one up from the QR
code, under the real CSP."""

import base64
import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.urls import reverse
from playwright.sync_api import expect

from projects.demo.totp import totp_code, totp_seconds_left
from projects.models import AuditLogEntry, Report
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.journeys import check, image_loaded, screenshot
from tests.conftest import STAFF_TOTP_SECRET
from tests.factories import PASSWORD, ProjectFactory, ReportFactory, StaffFactory

pytestmark = pytest.mark.browser

REASON = "Advance-fee scam: asks freelancers to pay a joining fee by wire transfer"


def current_code(secret: str) -> str:
    """The code an authenticator app shows, not one about to change while it is typed."""
    if totp_seconds_left() < 3:
        time.sleep(totp_seconds_left() + 0.2)
    return totp_code(secret)


VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_staff_log_in_with_a_code_hide_a_reported_project_and_see_the_audit_log(
    live_server, page, screenshot_dir, viewport
):
    staff = StaffFactory(email="moderator@example.com")
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": encrypt(STAFF_TOTP_SECRET)}
    )
    scam = ProjectFactory(title="Earn $5,000 a week from home, joining fee only $99")
    report = ReportFactory(target=scam, details="They asked me to wire a joining fee first.")
    page.set_viewport_size(viewport)

    # The admin sends them to the site's log-in; a mistyped password keeps the e-mail typed.
    page.goto(live_server.url + reverse("admin:index"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to Gigwise")
    check(page)
    page.get_by_label("E-mail address").fill(staff.email)
    page.get_by_label("Password").fill("not-my-password")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_have_text(
        "The e-mail address or the password is not correct."
    )
    expect(page.get_by_label("E-mail address")).to_have_value(staff.email)
    check(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    # Then the code: a wrong one is refused next to the field, the right one lets them in.
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    check(page)
    screenshot(page, screenshot_dir, "staff-code-page", viewport)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Incorrect code.")).to_be_visible()
    expect(page.get_by_label("Code")).to_have_attribute("aria-invalid", "true")
    check(page)
    page.get_by_label("Code").fill(current_code(STAFF_TOTP_SECRET))
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("#site-name")).to_have_text("Gigwise administration")
    check(page)
    screenshot(page, screenshot_dir, "staff-admin-home", viewport)

    # The open report, and from it the project it is about.
    content = page.locator("#content")
    content.get_by_role("link", name="Reports", exact=True).click()
    expect(page.get_by_role("heading", name="Select report to change")).to_be_visible()
    check(page)
    page.get_by_role("link", name=re.compile(r"project: Earn \$5,000")).click()
    expect(page.get_by_role("heading", level=2, name=scam.title)).to_be_visible()
    check(page)

    # Back to the projects, where it is hidden with a reason.
    page.locator(".breadcrumbs").get_by_role("link", name="Projects", exact=True).click()
    page.locator(f"input[name=_selected_action][value='{scam.pk}']").check()
    check(page)
    run_action(page, "hide_projects", "Hide from everyone but the owner", REASON)
    expect(page.get_by_text("Hide from everyone but the owner: done for 1.")).to_be_visible()
    check(page)

    # The report is closed as acted upon, with a note for the reporter.
    page.locator(".breadcrumbs").get_by_role("link", name="Home").click()
    content.get_by_role("link", name="Reports", exact=True).click()
    page.locator(f"input[name=_selected_action][value='{report.pk}']").check()
    run_action(page, "resolve_reports", "Resolve: action taken", "Hidden: advance-fee scam")
    expect(page.get_by_text("Resolve: action taken: done for 1.")).to_be_visible()
    check(page)

    # Who, what, when and why, in the audit log; and nothing there can be changed.
    page.locator(".breadcrumbs").get_by_role("link", name="Home").click()
    content.get_by_role("link", name="Audit log entries").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    hidden = rows.filter(has_text="Hid a project")
    expect(hidden).to_contain_text(f"Project #{scam.pk}")
    expect(hidden).to_contain_text(REASON)
    expect(hidden).to_contain_text(staff.email)
    expect(rows.filter(has_text="Resolved a report")).to_contain_text(
        f"Report #{report.pk} about Project #{scam.pk}"
    )
    expect(page.get_by_role("link", name=re.compile("Add audit log entry"))).to_have_count(0)
    check(page)
    screenshot(page, screenshot_dir, "staff-audit-log", viewport)
    hidden.locator("th a").click()
    expect(page.get_by_role("heading", name="View audit log entry")).to_be_visible()
    expect(page.locator("#content form input[type=submit]")).to_have_count(0)
    screenshot(page, screenshot_dir, "staff-audit-entry", viewport)
    check(page)

    scam.refresh_from_db()
    assert scam.is_hidden
    assert Report.objects.get(pk=report.pk).status == Report.Status.RESOLVED
    assert AuditLogEntry.objects.filter(actor=staff).count() == 2
    assert scam.hidden_reason == REASON


def run_action(page, action: str, title: str, reason: str) -> None:
    """Run a moderation action on the ticked rows: it asks why on a page of its own first."""
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    check(page)
    page.get_by_label("Reason").fill(reason)
    page.locator("#content form input[type=submit]").click()


def test_staff_without_an_authenticator_set_one_up_from_the_qr_code_under_the_real_csp(
    live_server, browser, screenshot_dir
):
    staff = StaffFactory(email="new.moderator@example.com")
    context = browser.new_context(viewport=DESKTOP)  # no bypass_csp: the real policy applies
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("E-mail address").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    # No authenticator yet: sent to set one up, after confirming the password (allauth asks).
    expect(page.get_by_text("Staff accounts need two-factor authentication")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    qr = page.locator("main img[src^='data:image/svg+xml;base64,']")
    expect(qr).to_be_visible()
    image_loaded(page, qr)  # the CSP let the QR code load
    screenshot(page, screenshot_dir, "staff-activate-totp", DESKTOP)
    secret = page.locator("#authenticator_secret").input_value()
    assert base64.b32decode(secret)
    page.get_by_label("Authenticator code").fill(current_code(secret))
    page.get_by_role("button", name="Activate").click()

    # Recovery codes, then the admin asks for a code once, as this session had none.
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    page.goto(live_server.url + reverse("admin:index"))
    expect(page.get_by_text("Enter the code from your authenticator app")).to_be_visible()
    page.get_by_label("Code").fill(current_code(secret))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#site-name")).to_have_text("Gigwise administration")
    context.close()

    assert problems == []


def test_the_two_factor_pages_have_no_serious_axe_violations(live_server, page, screenshot_dir):
    staff = StaffFactory(email="third.moderator@example.com")
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("E-mail address").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_text("Staff accounts need two-factor authentication")).to_be_visible()
    check(page)  # allauth's password confirmation
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    check(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill("123")
    page.get_by_role("button", name="Activate").click()
    expect(page.locator("#id_code_error")).to_be_visible()
    check(page)  # with the error shown next to the field
    page.get_by_label("Authenticator code").fill(current_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    check(page)

    page.goto(live_server.url + reverse("admin:index"))
    expect(page.get_by_text("Enter the code from your authenticator app")).to_be_visible()
    screenshot(page, screenshot_dir, "staff-code-again", DESKTOP)
    check(page)
    page.get_by_label("Code").fill(current_code(secret))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#site-name")).to_have_text("Gigwise administration")
    check(page)
