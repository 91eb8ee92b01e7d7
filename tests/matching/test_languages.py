"""The languages a project needs when the employer did not tick them, and what missing one costs."""

from dataclasses import replace

import pytest

from matching.features import gigs_load, talents_load
from matching.languages import languages_needed
from matching.scoring import score
from matching.weights import default_weights
from tests.matching.helpers import freelancer_with, open_project


@pytest.mark.parametrize(
    ("title", "skills", "chosen", "expected"),
    [
        # Into one language: the source is the language the posting is written in.
        ("Translate our online store into Spanish", ["Translation"], [], ({"es", "en"}, True)),
        (
            "Certified translation of contracts",
            ["Legal translation", "French"],
            [],
            ({"fr", "en"}, True),
        ),
        ("Japanese > English localization for a JRPG", [], [], ({"ja", "en"}, True)),
        # Not language work: a language named is needed, nothing is added.
        ("Customer support for Spanish-speaking shoppers", ["Zendesk"], [], ({"es"}, False)),
        ("Clinic booking API", ["Django"], ["de"], ({"de"}, False)),
        ("Clinic booking API", ["Django"], [], (set(), False)),
    ],
)
def test_languages_named_in_the_title_or_skills_are_needed(title, skills, chosen, expected):
    languages, language_work = languages_needed(title, skills, chosen)
    assert (set(languages), language_work) == expected


def test_a_translator_without_the_source_language_gets_half_the_score(db):
    """A Spanish-only blogger is no translator from English, whatever the shared words say."""
    blogger = freelancer_with(
        headline="Spanish blogger",
        bio="I write Spanish-language blog posts about training.",
        skills=["Spanish", "Content writing"],
        languages=("es",),
    )
    translator = freelancer_with(
        headline="English-Spanish translator",
        skills=["Spanish", "Translation"],
        languages=("en", "es"),
    )
    project = open_project(
        title="Translate our online store into Spanish",
        description="120 product pages, natural Spanish.",
        skills=["Spanish", "Translation"],
    )
    gig = gigs_load([project.pk])[project.pk]
    talents = talents_load([blogger.pk, translator.pk])
    options = {"similarity": 0.6, "weights": default_weights(), "boost_newcomers": False}
    blocked = score(gig, talents[blogger.pk], **options)
    able = score(gig, talents[translator.pk], **options)
    assert blocked.components["language"] == 0.5
    assert "does not speak English" in blocked.explanation
    assert "speaks English and Spanish" in able.explanation
    # Half the languages of the pair: half the score it would otherwise have.
    unblocked = score(replace(gig, language_work=False), talents[blogger.pk], **options)
    assert blocked.score == pytest.approx(unblocked.score / 2, abs=0.001)
    assert able.score > 2 * blocked.score
