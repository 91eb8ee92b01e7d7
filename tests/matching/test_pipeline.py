"""Embeddings, retrieval and the two lists, with the real encoder; and without it."""

import pytest
from django.core.management import call_command

from matching import encoder as encoder_module
from matching.encoder import EncoderUnavailable, encoder
from matching.models import Embedding, MatchEvent
from matching.selectors import (
    EMPTY_PROFILE,
    MIN_SHOWN_SCORE,
    TAXONOMY_ONLY,
    gig_feed,
    project_match_for_freelancer,
    suggested_talent,
)
from matching.services import embeddings_refresh, match_event_record
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

FREELANCER = Embedding.Kind.FREELANCER
PROJECT = Embedding.Kind.PROJECT


@pytest.fixture
def market(db):
    small_taxonomy()
    backend = freelancer_with(
        headline="Backend engineer",
        bio="I build REST APIs in Python and keep Postgres databases fast.",
        skills=["Django", "postgres"],
        rate=45,
    )
    writer = freelancer_with(
        headline="Copywriter for SaaS brands",
        bio="Landing pages, onboarding e-mails and product stories that convert.",
        skills=["Copywriting"],
        rate=40,
    )
    api = open_project(
        title="Web API for a booking system",
        description="We need server-side endpoints in Django for appointments, on PostgreSQL.",
        skills=["Django"],
    )
    copy = open_project(
        title="Rewrite our homepage",
        description="Persuasive website words for a small accounting app.",
        skills=["Copywriting"],
    )
    embed_all()
    return {"backend": backend, "writer": writer, "api": api, "copy": copy}


def embed_all():
    from accounts.models import FreelancerProfile
    from projects.models import Project

    embeddings_refresh(
        kind=FREELANCER, object_ids=list(FreelancerProfile.objects.values_list("pk", flat=True))
    )
    embeddings_refresh(kind=PROJECT, object_ids=list(Project.objects.values_list("pk", flat=True)))


def test_unchanged_text_is_not_embedded_again_and_changed_text_is(market):
    profile = market["backend"]
    again = embeddings_refresh(kind=FREELANCER, object_ids=[profile.pk])
    assert (again.embedded, again.unchanged) == (0, 1)
    profile.headline = "Backend engineer and team lead"
    profile.save()
    changed = embeddings_refresh(kind=FREELANCER, object_ids=[profile.pk])
    assert changed.embedded == 1
    assert Embedding.objects.filter(kind=FREELANCER, object_id=profile.pk).count() == 1


def test_vectors_are_normalised_and_markup_does_not_break_encoding(db):
    vectors = encoder().encode(["<b>Django</b> &amp; <script>x</script>", "Übersetzung 日本語", ""])
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[0] == pytest.approx(1.0, abs=1e-4)


def test_each_side_sees_the_right_match_first_with_reasons(market):
    feed = gig_feed(user=market["backend"].user)
    assert [m.gig_id for m in feed.matches][:1] == [market["api"].pk]
    assert "the required skill, Django" in feed.matches[0].explanation
    talent = suggested_talent(project=market["copy"])
    assert talent.matches[0].talent_id == market["writer"].pk
    assert "Copywriting" in talent.matches[0].explanation
    assert feed.notice == talent.notice == ""


def test_paraphrase_outranks_keyword_overlap_semantically(market):
    user = market["backend"].user
    api = project_match_for_freelancer(user=user, project=market["api"])
    copy = project_match_for_freelancer(user=user, project=market["copy"])
    assert api.components["semantic"] > copy.components["semantic"]


def test_the_feed_leaves_out_what_fits_too_little_and_says_how_many(market):
    feed = gig_feed(user=market["backend"].user)
    assert [m.gig_id for m in feed.matches] == [market["api"].pk]
    assert feed.too_weak == 1  # the copywriting job: shown on its page, not suggested
    assert (
        project_match_for_freelancer(user=market["backend"].user, project=market["copy"]).score
        < MIN_SHOWN_SCORE
    )


def test_not_interested_leaves_the_feed_at_once_and_twice_is_one_row(market):
    user = market["backend"].user
    for _ in range(2):
        match_event_record(
            actor=user,
            kind=MatchEvent.Kind.NOT_INTERESTED,
            freelancer=user,
            project=market["api"],
            reason="Too far from my time zone",
        )
    assert market["api"].pk not in [m.gig_id for m in gig_feed(user=user).matches]
    assert MatchEvent.objects.filter(kind=MatchEvent.Kind.NOT_INTERESTED).count() == 1


def test_an_empty_profile_is_told_what_to_add_not_shown_random_gigs(market):
    empty = freelancer_with()
    feed = gig_feed(user=empty.user)
    assert feed.matches == []
    assert feed.empty_reason == EMPTY_PROFILE


def test_without_the_model_files_matching_falls_back_to_the_taxonomy(market, settings, tmp_path):
    settings.MATCHING_MODEL = str(tmp_path)  # an empty folder: no config.json
    encoder_module.encoder_reset()
    try:
        with pytest.raises(EncoderUnavailable, match=r"config\.json is missing"):
            encoder()
        feed = gig_feed(user=market["backend"].user)
        assert feed.notice == TAXONOMY_ONLY
        assert feed.matches[0].gig_id == market["api"].pk
        assert "semantic" not in feed.matches[0].components
        with pytest.raises(Exception, match=r"config\.json is missing"):
            call_command("embed_all")
    finally:
        encoder_module.encoder_reset()


def test_embed_all_is_resumable_and_reports_what_it_did(market, capsys):
    # As if a run had stopped after the first freelancer: the next run does only what is left.
    Embedding.objects.filter(kind=FREELANCER, object_id=market["writer"].pk).delete()
    call_command("embed_all", verbosity=0)
    out = capsys.readouterr().out
    assert "freelancers: 1 embedded, 1 unchanged" in out
    assert "projects: 0 embedded, 2 unchanged" in out


def test_embed_all_can_leave_the_back_fill_to_the_workers(
    market, capsys, django_capture_on_commit_callbacks
):
    Embedding.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):  # the workers (eager in the suite)
        call_command("embed_all", "--as-tasks", "--batch-size", "1", verbosity=0)
    out = capsys.readouterr().out
    assert "freelancers: 2 tasks of up to 1 sent for 2 rows" in out
    assert "projects: 2 tasks of up to 1 sent for 2 rows" in out
    assert Embedding.objects.filter(kind=FREELANCER).count() == 2
    assert Embedding.objects.filter(kind=PROJECT).count() == 2


def test_the_embedded_text_is_the_text_the_scorer_reads(market):
    from matching.features import gig_texts, gigs_load, talent_texts, talents_load

    profiles = [market["backend"].pk, market["writer"].pk]
    projects = [market["api"].pk, market["copy"].pk]
    assert talent_texts(profiles) == {pk: t.text for pk, t in talents_load(profiles).items()}
    assert gig_texts(projects) == {pk: g.text for pk, g in gigs_load(projects).items()}


def test_a_worker_says_at_start_whether_it_can_embed(db, settings, tmp_path, caplog):
    from matching.signals import encoder_check

    encoder_check()
    assert "Matching encoder ready" in caplog.text
    settings.MATCHING_MODEL = str(tmp_path)
    encoder_module.encoder_reset()
    try:
        encoder_check()
        assert "cannot embed text" in caplog.text
        assert "config.json is missing" in caplog.text
    finally:
        encoder_module.encoder_reset()


def test_the_demo_freelancers_feed_starts_with_work_asking_for_their_skills(db):
    from accounts.models import User
    from projects.demo.plan import LOGIN_EMAILS

    call_command("import_skills", "--builtin-only", verbosity=0)
    call_command("seed_demo", "--size", "tiny", "--allow-without-debug", verbosity=0)
    feed = gig_feed(user=User.objects.get(email=LOGIN_EMAILS["freelancer"]))
    best = feed.matches[0]
    assert best.components["skills"] >= 0.75
    assert "of 4 required skills" in best.explanation


def test_a_large_back_fill_leaves_the_planner_fresh_statistics(market, monkeypatch):
    # Without them a back-filled table of 100,000 rows was planned as a handful, and each
    # batch's lookup took 200 ms instead of 3 (bench/bench_scale.py, the large demo).
    from django.db import connection

    from matching.management.commands import embed_all as command

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's; CI runs this on PostgreSQL")
    monkeypatch.setattr(command, "ANALYZE_AFTER_ROWS", 1)
    Embedding.objects.all().delete()
    call_command("embed_all", verbosity=0)
    with connection.cursor() as cursor:
        table = Embedding._meta.db_table
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        assert cursor.fetchone()[0] == Embedding.objects.count() == 4
