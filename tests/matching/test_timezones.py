"""Time zones: working-day overlap as a criterion, and no overlap at all as a hard filter."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from matching.features import gigs_load, talents_load
from matching.scoring import score
from matching.selectors import gig_feed, suggested_talent
from matching.timezones import format_offset, overlap_hours, utc_offset
from matching.weights import default_weights
from tests.factories import EmployerFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

JANUARY = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    ("offset", "region", "hours"),
    [
        (1, "europe_africa", 8),  # Berlin in winter: inside the band
        (5.5, "europe_africa", 5.5),  # India: 2.5 hours east of the band's edge
        (-5, "europe_africa", 4),
        (9, "americas", 0),  # Tokyo and the Americas share no working day
        (9, "asia_pacific", 8),
        (3, "any", None),  # the project names no region: the criterion does not apply
        (None, "americas", None),
    ],
)
def test_overlap_hours(offset, region, hours):
    assert overlap_hours(offset, region) == hours


def test_offsets_follow_the_zone_and_read_as_people_write_them():
    assert utc_offset("Asia/Kolkata", JANUARY) == 5.5
    assert utc_offset("America/New_York", JANUARY) == -5
    assert utc_offset("Not/AZone") is None
    assert format_offset(5.5) == "UTC+5:30"
    assert format_offset(-5) == "UTC\u22125"


@pytest.fixture
def people(db):
    small_taxonomy()
    found = {}
    for name, zone in [("berlin", "Europe/Berlin"), ("kolkata", "Asia/Kolkata")]:
        profile = freelancer_with(headline="Django developer", skills=["Django"], rate=40)
        profile.timezone = zone
        profile.save()
        found[name] = profile
    found["tokyo"] = freelancer_with(headline="Django developer", skills=["Django"], rate=40)
    found["tokyo"].timezone = "Asia/Tokyo"
    found["tokyo"].save()
    return found


def test_the_reason_states_the_overlap_and_a_full_day_scores_higher(people):
    project = open_project(
        title="Django API", description="Django.", skills=["Django"], region="europe_africa"
    )
    gig = gigs_load([project.pk])[project.pk]
    talents = talents_load(p.pk for p in people.values())
    weights = default_weights()
    berlin = score(
        gig, talents[people["berlin"].pk], similarity=None, weights=weights, boost_newcomers=False
    )
    kolkata = score(
        gig, talents[people["kolkata"].pk], similarity=None, weights=weights, boost_newcomers=False
    )
    assert berlin.components["timezone"] == 1.0
    assert "works in Europe and Africa hours (UTC+" in berlin.explanation
    assert kolkata.components["timezone"] == pytest.approx(5.5 / 8)
    assert "5.5 h of working-day overlap with Europe and Africa (UTC+5:30)" in kolkata.explanation
    assert berlin.score > kolkata.score


def test_no_shared_working_day_keeps_both_sides_apart(people):
    owner = EmployerFactory()
    project = open_project(
        title="Django API",
        description="Django.",
        skills=["Django"],
        employer=owner,
        region="americas",
    )
    shown = {m.talent_id for m in suggested_talent(project=project).matches}
    assert people["tokyo"].pk not in shown  # 9 hours ahead: no shared working day
    assert people["berlin"].pk in shown  # a few hours shared: ranked, lower
    feed = gig_feed(user=people["tokyo"].user).matches
    assert project.pk not in {m.gig_id for m in feed}
    anywhere = open_project(title="Django fix", description="Django.", skills=["Django"])
    assert anywhere.pk in {m.gig_id for m in gig_feed(user=people["tokyo"].user).matches}
