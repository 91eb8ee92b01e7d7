"""The fairness audit: exposure in the top 10 by group against relevance, and planted bias."""

import json

import pytest
from django.core.management import call_command

from accounts.models import AIFeature, Consent, SelfDeclaredAttribute
from accounts.services import freelancer_profile_update
from matching import ranking
from matching.fairness import (
    FOUR_FIFTHS,
    NOT_ENOUGH,
    RARE_ANSWERS_LABEL,
    REGION,
    TENURE,
    audit_table,
    fairness_audit_latest,
    fairness_audit_run,
    group_figures,
)
from matching.models import FairnessAudit, MatchEvent
from matching.services import match_event_record
from tests.factories import EmployerFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

PAIRS = 12  # people per region; the top 10 of 24 equally relevant people
ZONES = {"americas": "America/New_York", "europe_africa": "Europe/Berlin"}


@pytest.fixture
def market(db):
    """Two regions of equally relevant freelancers, built in matching pairs.

    Pair i has the same profile in both regions, and fewer hours a week as i grows, so the
    top 10 of every project is exactly pairs 0-4: five people of each region. Who is created
    first alternates (ties break on the profile's id), and so do the self-declared genders.
    """
    small_taxonomy()
    people = {"americas": [], "europe_africa": []}
    for i in range(PAIRS):
        regions = ["americas", "europe_africa"] if i % 2 == 0 else ["europe_africa", "americas"]
        for region in regions:
            profile = freelancer_with(
                headline=f"Backend developer {i}",
                bio=f"Django and Postgres work, profile {i}.",
                skills=["Django", "postgres"],
                rate=40,
                hours=40 - i,
            )
            freelancer_profile_update(profile=profile, timezone=ZONES[region])
            woman = (region == "americas") == (i % 2 == 0)
            SelfDeclaredAttribute.objects.create(
                user=profile.user, attribute="gender", value="Woman" if woman else "Man"
            )
            people[region].append(profile)
    employer = EmployerFactory()
    projects = [
        open_project(
            title=f"Booking API {n}",
            description="Django endpoints on PostgreSQL.",
            skills=["Django", "PostgreSQL"],
            employer=employer,
            hours=40,
        )
        for n in range(3)
    ]
    return {**people, "employer": employer, "projects": projects}


def by_group(audit: FairnessAudit) -> dict[tuple[str, str], dict]:
    return {(g["dimension"], g["group"]): g for g in audit.groups}


def plant_bias(monkeypatch, penalised: set[int], factor: float = 0.8) -> None:
    """The scorer, but every score of the penalised profiles is cut: a bias to be caught."""
    score = ranking.score

    def biased(gig, talent, **kwargs):
        match = score(gig, talent, **kwargs)
        if talent.id in penalised:
            match.score = round(match.score * factor, 4)
        return match

    monkeypatch.setattr(ranking, "score", biased)


def test_equally_relevant_regions_are_seen_equally_and_nothing_is_flagged(market):
    audit = fairness_audit_run(recompute=True)
    groups = by_group(audit)
    assert audit.mode == FairnessAudit.Mode.RECOMPUTED
    assert audit.projects_audited == 3
    assert audit.relevant_pairs == 3 * 2 * PAIRS
    for region in ZONES:
        assert groups[REGION, region]["relevant"] == 3 * PAIRS
        assert groups[REGION, region]["in_top"] == 3 * 5
        assert groups[REGION, region]["ratio"] == 1.0
    assert groups["gender", "woman"]["ratio"] == groups["gender", "man"]["ratio"] == 1.0
    assert audit.flagged == []
    assert "No group is seen less than four-fifths as often" in audit.summary


def test_a_planted_bias_against_a_region_is_flagged_with_its_figures(market, monkeypatch):
    plant_bias(monkeypatch, {p.pk for p in market["americas"]})
    audit = fairness_audit_run(recompute=True)
    americas = by_group(audit)[REGION, "americas"]
    assert americas["in_top"] == 0
    assert americas["ratio"] == 0.0
    assert americas["flagged"]
    assert by_group(audit)[REGION, "europe_africa"]["rate"] == pytest.approx(10 / PAIRS, abs=1e-4)
    assert [(g["dimension"], g["group"]) for g in audit.flagged] == [(REGION, "americas")]
    assert "equally relevant people: The Americas (region, ratio 0.00)." in audit.summary


def test_a_planted_bias_against_a_self_declared_gender_is_flagged(market, monkeypatch):
    women = set(
        SelfDeclaredAttribute.objects.filter(value="Woman").values_list(
            "user__freelancer_profile", flat=True
        )
    )
    # Milder: a 10% cut lets some women through, still well under four-fifths.
    plant_bias(monkeypatch, women, factor=0.9)
    audit = fairness_audit_run(recompute=True)
    woman = by_group(audit)["gender", "woman"]
    assert 0 <= woman["ratio"] < FOUR_FIFTHS
    assert [(g["dimension"], g["group"]) for g in audit.flagged] == [("gender", "woman")]
    # The bias follows gender, not region: both regions lost and gained alike.
    assert by_group(audit)[REGION, "americas"]["ratio"] == 1.0


def test_the_command_prints_the_figures_and_the_flag(market, monkeypatch, capsys):
    plant_bias(monkeypatch, {p.pk for p in market["americas"]})
    call_command("fairness_audit", "--recompute")
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if row.startswith("Working region"))
    assert line.split() == [
        *("Working", "region", "The", "Americas"),
        *(str(3 * PAIRS), str(PAIRS), "0", "0.0%", "0.00", "below", "4/5"),
    ]  # relevant pairs, people, in the top 10, selection rate, ratio, flag
    assert "1 group(s) below four-fifths." in out


def test_the_command_prints_json(market, capsys):
    call_command("fairness_audit", "--json", "--recompute")
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "recomputed"
    assert data["flagged"] == []
    assert {g["dimension"] for g in data["groups"]} == {TENURE, REGION, "gender"}
    assert FairnessAudit.objects.get().pk == data["id"]


def test_without_impressions_in_the_period_the_audit_recomputes(market):
    assert fairness_audit_run().mode == FairnessAudit.Mode.RECOMPUTED


def test_the_rankings_employers_were_shown_are_audited_when_recorded(market):
    employer, project = market["employer"], market["projects"][0]
    # Shown: four Europeans, no one from the Americas.
    for profile in market["europe_africa"][:4]:
        match_event_record(
            actor=employer, kind=MatchEvent.Kind.IMPRESSION, freelancer=profile.user,
            project=project,
        )  # fmt: skip
    audit = fairness_audit_run(days=1)
    groups = by_group(audit)
    assert audit.mode == FairnessAudit.Mode.SHOWN
    assert audit.projects_audited == 1
    assert groups[REGION, "europe_africa"]["in_top"] == 4
    assert groups[REGION, "americas"]["in_top"] == 0
    assert groups[REGION, "americas"]["flagged"]
    assert "were shown between" in audit.summary
    assert fairness_audit_run(days=1, recompute=True).mode == FairnessAudit.Mode.RECOMPUTED


def test_people_who_are_not_relevant_or_set_aside_do_not_count(market):
    project = market["projects"][0]
    writer = freelancer_with(headline="Copywriter", skills=["Copywriting"])
    too_busy = freelancer_with(headline="Django dev", skills=["Django", "postgres"], hours=10)
    opted_out = market["americas"][-1]
    Consent.objects.create(
        user=opted_out.user, feature=AIFeature.SUGGESTED_TO_EMPLOYERS, granted=False
    )
    # Left out by someone's own act (the employer's "not interested"), not by rank.
    match_event_record(
        actor=market["employer"], kind=MatchEvent.Kind.NOT_INTERESTED,
        freelancer=market["americas"][-2].user, project=project,
    )  # fmt: skip
    audit = fairness_audit_run(recompute=True)
    assert by_group(audit)[REGION, "americas"]["relevant"] == 3 * PAIRS - 3 - 1
    assert audit.relevant_pairs == 3 * 2 * PAIRS - 3 - 1
    del writer, too_busy  # created only to be left out


def test_self_declared_answers_of_fewer_than_five_people_are_never_named(market):
    few = market["americas"][:3]
    SelfDeclaredAttribute.objects.filter(user__in=[p.user for p in few]).update(value="Non-binary")
    audit = fairness_audit_run(recompute=True)
    gender = [g for g in audit.groups if g["dimension"] == "gender"]
    assert "non-binary" not in json.dumps(audit.groups).lower()
    rare = next(g for g in gender if g["label"] == RARE_ANSWERS_LABEL)
    assert rare["relevant"] is rare["in_top"] is rare["ratio"] is None
    assert not rare["flagged"]


def test_a_group_too_small_to_judge_is_not_enough_data_and_never_flagged():
    groups = {pk: [(REGION, "asia_pacific" if pk < 3 else "americas")] for pk in range(20)}
    pairs = [(pk, pk >= 3) for pk in range(20)]  # Asia-Pacific's three never shown
    figures = {g.group: g for g in group_figures(pairs, groups)}
    assert figures["asia_pacific"].enough_data is False
    assert figures["asia_pacific"].ratio is None
    assert figures["asia_pacific"].flagged is False
    assert figures["americas"].ratio == 1.0
    rows = {row.group: row for row in audit_table([vars(g) for g in figures.values()])}
    assert rows["Asia and the Pacific"].verdict == NOT_ENOUGH
    assert rows["Asia and the Pacific"].relevant == "3"


def test_the_ratio_is_against_the_best_group_and_four_fifths_is_the_line():
    groups = {pk: [(TENURE, "new" if pk < 10 else "established")] for pk in range(20)}
    # New: 4 of 10 shown; established: 5 of 10. 0.4 / 0.5 = 0.8 exactly, not below.
    pairs = [(pk, pk < 4 or 10 <= pk < 15) for pk in range(20)]
    figures = {g.group: g for g in group_figures(pairs, groups)}
    assert figures["new"].ratio == 0.8
    assert not figures["new"].flagged
    pairs[3] = (3, False)  # 0.3 / 0.5 = 0.6
    figures = {g.group: g for g in group_figures(pairs, groups)}
    assert figures["new"].flagged
    assert figures["established"].ratio == 1.0


def test_the_latest_run_is_the_one_pages_read(market):
    assert fairness_audit_latest() is None
    first = fairness_audit_run(recompute=True)
    second = fairness_audit_run(recompute=True)  # safe to run twice: a second snapshot
    assert fairness_audit_latest() == second
    assert first.groups == second.groups


def test_the_nightly_task_runs_the_audit(market):
    from matching.tasks import fairness_audit

    audit_id = fairness_audit.delay().get()
    assert FairnessAudit.objects.get(pk=audit_id).projects_audited == 3


def test_the_suggested_talent_page_records_what_it_showed_for_the_audit(client, db):
    from django.urls import reverse
    from django.utils import timezone

    from matching.fairness.audit import shown_pairs
    from matching.models import MatchEvent
    from tests.factories import EmployerFactory
    from tests.matching.helpers import freelancer_with, open_project
    from tests.projects.factories import small_taxonomy

    small_taxonomy()
    owner = EmployerFactory()
    person = freelancer_with(headline="Django developer", skills=["Django"], rate=40)
    project = open_project(
        title="Booking API", description="Django.", skills=["Django"], employer=owner
    )
    client.force_login(owner)
    start = timezone.now()
    assert client.get(reverse("matching:suggested-talent", args=[project.pk])).status_code == 200

    shown = MatchEvent.objects.get(kind=MatchEvent.Kind.IMPRESSION, freelancer=person.user)
    assert (shown.actor, shown.side, shown.project) == (owner, MatchEvent.Side.EMPLOYER, project)
    assert shown.score is not None
    assert shown.components
    assert shown_pairs(start, timezone.now()) == {(project.pk, person.user_id)}
