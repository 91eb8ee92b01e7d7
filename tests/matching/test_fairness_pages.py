"""Where people read the fairness audit: the staff page in the admin, the public criteria page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.fairness import MIN_GROUP_PEOPLE, RARE_ANSWERS, RARE_ANSWERS_LABEL
from matching.models import FairnessAudit
from tests.factories import FreelancerFactory

CHANGELIST = "admin:matching_fairnessaudit_changelist"
RUN = "admin:matching_fairnessaudit_run"


def group(dimension, key, label, relevant, in_top, ratio, *, people=10):
    enough = people >= MIN_GROUP_PEOPLE
    return {
        "dimension": dimension,
        "group": key,
        "label": label,
        "relevant": relevant,
        "people": people,
        "in_top": in_top,
        "rate": round(in_top / relevant, 4) if enough else None,
        "ratio": ratio if enough else None,
        "enough_data": enough,
        "flagged": enough and ratio < 0.8,
    }


@pytest.fixture
def audit(db) -> FairnessAudit:
    """A stored run with one flagged region, a small region and rare self-declared answers."""
    now = timezone.now()
    groups = [
        group("tenure", "new", "New to Gigwise", 10, 5, 0.845),
        group("tenure", "established", "Established", 98, 58, 1.0),
        group("region", "americas", "The Americas", 22, 9, 0.595),
        group("region", "europe_africa", "Europe and Africa", 32, 22, 1.0),
        group("region", "asia_pacific", "Asia and the Pacific", 3, 0, None, people=3),
        group("gender", "woman", "Woman", 40, 20, 1.0),
        {
            **group("gender", RARE_ANSWERS, RARE_ANSWERS_LABEL, 0, 0, None, people=0),
            "relevant": None,
            "people": None,
            "in_top": None,
        },
    ]
    return FairnessAudit.objects.create(
        ran_at=now,
        period_start=now,
        period_end=now,
        mode=FairnessAudit.Mode.RECOMPUTED,
        projects_audited=24,
        relevant_pairs=108,
        groups=groups,
        flagged=[g for g in groups if g["flagged"]],
        summary="Audited the top 10 suggested for each of the 24 open projects: 108 relevant "
        "freelancer-project pairs. Seen less than four-fifths as often as the best group of "
        "their kind, among equally relevant people: The Americas (region, ratio 0.59).",
        weights_version="2026-12-06.4",
    )


def test_the_public_page_says_the_audit_has_not_run_before_it_has(client, db):
    html = client.get(reverse("matching:how-it-works")).content.decode()
    assert "Who gets seen: the fairness audit" in html
    assert "The first audit has not run yet" in html


def test_the_public_page_shows_the_latest_audit_its_ratios_and_flags(client, audit):
    html = client.get(reverse("matching:how-it-works")).content.decode()
    assert f"Latest audit, {timezone.localtime(audit.ran_at):%-d %B %Y}" in html
    assert audit.summary in html
    row = html[html.index("The Americas</th>") :].split("</tr>")[0]
    assert "0.59" in row
    assert "Below four-fifths: flagged" in row
    small = html[html.index("Asia and the Pacific</th>") :].split("</tr>")[0]
    assert "Not enough people to judge" in small
    assert "At least four-fifths" in html
    assert RARE_ANSWERS_LABEL in html
    assert "docs/MATCHING.md" in html


def test_the_public_page_costs_one_query_for_the_audit(client, audit, django_assert_num_queries):
    url = reverse("matching:how-it-works")
    client.get(url)  # warm the session and the weights' caches alike
    with django_assert_num_queries(2):  # the active weights, the latest audit
        client.get(url)


def test_staff_see_the_latest_audit_above_the_runs_and_its_figures(staff_client, audit):
    html = staff_client.get(reverse(CHANGELIST)).content.decode()
    assert "Run the audit now" in html
    assert "Latest audit:" in html
    assert audit.summary in html
    assert "<strong>below 4/5</strong>" in html
    change = staff_client.get(reverse("admin:matching_fairnessaudit_change", args=[audit.pk]))
    page = change.content.decode()
    assert change.status_code == 200
    assert "Selection rate in the top 10 by group" in page
    assert "not enough data" in page
    assert 'name="_save"' not in page  # read-only


def test_staff_can_run_the_audit_now_from_the_admin(
    staff_client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse(RUN))
    assert response.status_code == 302
    assert response.url == reverse(CHANGELIST)
    # Enqueued through the outbox; eager Celery runs it at commit, before the redirect.
    assert FairnessAudit.objects.count() == 1
    assert staff_client.get(reverse(RUN)).status_code == 405  # only by the button


def test_only_staff_can_run_the_audit(client, db):
    client.force_login(FreelancerFactory())
    response = client.post(reverse(RUN))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not FairnessAudit.objects.exists()
