"""From what people type to the score and the sentence both sides read."""

import pytest

from matching.features import Gig, Talent, gigs_load, talents_load
from matching.scoring import score
from matching.weights import NEWCOMER_BOOST, default_weights
from projects.skill_names import normalise
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

WEIGHTS = default_weights()


@pytest.fixture
def taxonomy(db):
    return small_taxonomy()


def load(profile, project) -> tuple[Talent, Gig]:
    return talents_load([profile.pk])[profile.pk], gigs_load([project.pk])[project.pk]


def test_aliases_on_both_sides_meet_and_the_reason_names_the_skills(taxonomy):
    profile = freelancer_with(headline="Backend developer", skills=["postgres", "Django"], rate=45)
    project = open_project(
        title="Clinic booking API",
        description="Bookings for three clinics.",
        skills=["PostgreSQL", "django", "k8s"],
        budget=(30, 50),
    )
    match = score(*reversed(load(profile, project)), similarity=None, weights=WEIGHTS)
    assert match.components["skills"] == pytest.approx(2 / 3, abs=0.001)
    assert "2 of 3 required skills, including Django and PostgreSQL (not Kubernetes)" in (
        match.explanation
    )
    assert "$45/h within the $30\u2013$50/h budget" in match.explanation
    assert "semantic" not in match.components  # no similarity given: the criterion is left out


def test_a_skill_named_only_in_the_bio_counts_most_of_a_listed_one(taxonomy):
    listed = freelancer_with(headline="Dev", skills=["Kubernetes"])
    prose = freelancer_with(headline="Dev", bio="I run k8s clusters for small teams.")
    project = open_project(title="Cluster upgrade", description="Upgrade.", skills=["Kubernetes"])
    gig = gigs_load([project.pk])[project.pk]
    talents = talents_load([listed.pk, prose.pk])
    from_list = score(gig, talents[listed.pk], similarity=None, weights=WEIGHTS)
    from_prose = score(gig, talents[prose.pk], similarity=None, weights=WEIGHTS)
    assert from_list.components["skills"] == 1.0
    assert from_prose.components["skills"] == pytest.approx(0.8)
    assert "the required skill, Kubernetes" in from_prose.explanation


@pytest.mark.parametrize(
    ("typed", "asked", "expected"),
    [
        ("Japanese to English", "Japanese to English translation", 0.8),  # within the asked
        ("Japanese to English patent translation", "Japanese-English", 0.0),  # one word
        ("Patent translation", "Legal translation", 0.0),  # a different kind of the work
        ("Mobile games", "Mobile games", 1.0),  # the same words: the skill itself
    ],
)
def test_free_text_skills_worded_within_each_other_count_like_prose(typed, asked, expected):
    gig = Gig(id=1, employer_id=1, required_free=frozenset({normalise(asked)}))
    talent = Talent(id=1, user_id=2, free_skills=frozenset({normalise(typed)}))
    match = score(gig, talent, similarity=None, weights=WEIGHTS)
    assert match.components["skills"] == pytest.approx(expected)
    assert ("not the required skill" in match.explanation) == (not expected)
    assert "the required skill" in match.explanation


def test_everyday_words_in_prose_are_not_skills(taxonomy):
    profile = freelancer_with(headline="Copywriter", bio="Ready to go: I express ideas clearly.")
    talent = talents_load([profile.pk])[profile.pk]
    assert talent.prose_skill_ids == frozenset()


@pytest.mark.parametrize(
    ("level", "years", "expected"),
    [("expert", 8, 1.0), ("expert", 5, 0.75), ("expert", 1, 0.1), ("entry", 0, 1.0)],
)
def test_experience_against_level(level, years, expected):
    gig = Gig(id=1, employer_id=1, experience_level=level, budget_max=100)
    talent = Talent(id=1, user_id=2, years_experience=years)
    match = score(gig, talent, similarity=None, weights=WEIGHTS)
    assert match.components["level"] == pytest.approx(expected)
    assert f"{years} year" in match.explanation
    assert f"{level}-level project" in match.explanation


def test_a_rate_far_above_an_hourly_budget_scores_low_and_says_so():
    gig = Gig(id=1, employer_id=1, budget_type="hourly", budget_min=20, budget_max=40)
    dear = Talent(id=1, user_id=2, hourly_rate=60)
    fair = Talent(id=2, user_id=3, hourly_rate=35)
    assert score(gig, dear, similarity=None, weights=WEIGHTS).components["rate"] == 0.0
    assert (
        "$60/h, above the $20\u2013$40/h budget"
        in score(gig, dear, similarity=None, weights=WEIGHTS).explanation
    )
    assert score(gig, fair, similarity=None, weights=WEIGHTS).components["rate"] == 1.0


def test_rates_in_other_currencies_are_compared_in_one():
    gig = Gig(id=1, employer_id=1, budget_type="hourly", budget_min=40, budget_max=50)
    euros = Talent(id=1, user_id=2, hourly_rate=45, currency="EUR")  # about $49
    match = score(gig, euros, similarity=None, weights=WEIGHTS)
    assert match.components["rate"] == 1.0
    assert "45 EUR/h" in match.explanation or "€45/h" in match.explanation


def test_too_few_hours_and_a_missing_language_lower_the_score_with_reasons():
    gig = Gig(id=1, employer_id=1, hours_per_week=40, languages=frozenset({"de"}))
    talent = Talent(id=1, user_id=2, hours_per_week=10, languages=frozenset({"en"}))
    match = score(gig, talent, similarity=None, weights=WEIGHTS)
    assert match.components["availability"] == 0.25
    assert match.components["language"] == 0.0
    assert "only 10 of the 40 h/week needed" in match.explanation
    assert "does not speak German" in match.explanation


def test_relevant_newcomers_get_a_bounded_boost_and_irrelevant_ones_none():
    gig = Gig(id=1, employer_id=1, required_ids=frozenset({7}), skill_names={7: "Django"})
    veteran = Talent(
        id=1,
        user_id=2,
        skill_ids=frozenset({7}),
        completed_jobs=40,
        joined_days_ago=900,
        years_experience=5,
    )
    newcomer = Talent(
        id=2,
        user_id=3,
        skill_ids=frozenset({7}),
        completed_jobs=0,
        joined_days_ago=10,
        years_experience=5,
    )
    off_topic = Talent(id=3, user_id=4, completed_jobs=0, joined_days_ago=10)
    old = score(gig, veteran, similarity=0.5, weights=WEIGHTS)
    new = score(gig, newcomer, similarity=0.5, weights=WEIGHTS)
    assert new.score == pytest.approx(old.score + NEWCOMER_BOOST)
    assert "new to Gigwise" in new.explanation
    assert score(gig, off_topic, similarity=0.0, weights=WEIGHTS).newcomer_boost == 0.0
    unboosted = score(gig, newcomer, similarity=0.5, weights=WEIGHTS, boost_newcomers=False)
    assert unboosted.score == old.score


def test_protected_attributes_change_nothing(taxonomy):
    """Name and country are on the profile, but two people differing only there score alike."""
    project = open_project(title="API", description="Django API.", skills=["Django"])
    a = freelancer_with(headline="Django dev", skills=["Django"], rate=40, first_name="Amara")
    b = freelancer_with(headline="Django dev", skills=["Django"], rate=40, first_name="Lukas")
    a.country, b.country = "NG", "DE"
    a.save()
    b.save()
    gig = gigs_load([project.pk])[project.pk]
    talents = talents_load([a.pk, b.pk])
    scores = {pk: score(gig, t, similarity=0.4, weights=WEIGHTS).score for pk, t in talents.items()}
    assert scores[a.pk] == scores[b.pk]


def test_shared_rare_words_count_and_common_ones_do_not():
    from matching.keywords import keyword_similarities

    pool = {
        1: "Shopify theme fixes and Liquid snippets for a store",
        2: "Bookkeeping in Xero for a small store",
        3: "",
    }
    overlap = keyword_similarities("Liquid templates for our Shopify store", pool)
    assert overlap[1] > overlap[2] > 0  # "store" is shared by both, Shopify and Liquid by one
    assert overlap[3] == 0.0
    assert keyword_similarities("", pool) == dict.fromkeys(pool, 0.0)


def test_practical_fit_lowers_a_relevant_match_but_never_lifts_an_unrelated_one():
    gig = Gig(
        id=1,
        employer_id=1,
        budget_type="hourly",
        budget_min=30,
        budget_max=50,
        required_ids=frozenset({7}),
        skill_names={7: "Django"},
    )
    fitting_stranger = Talent(id=1, user_id=2, hourly_rate=40, years_experience=5)
    expensive_expert = Talent(
        id=2, user_id=3, hourly_rate=90, years_experience=5, skill_ids=frozenset({7})
    )
    stranger = score(gig, fitting_stranger, similarity=0.1, keywords=0.0, weights=WEIGHTS)
    expert = score(gig, expensive_expert, similarity=0.6, keywords=0.3, weights=WEIGHTS)
    assert stranger.score < 0.1  # a perfect budget fit does not make unrelated work relevant
    assert stranger.components["rate"] == 1.0
    assert expert.score > 0.5  # far above budget, yet still clearly more relevant
    assert expert.components["rate"] == 0.0
