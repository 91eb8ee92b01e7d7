"""The course tagger: skills from a course's title and subject, as the catalogue import runs it."""

import numpy as np
import pytest

from learning.tagging import CourseTagger, CourseText, everyday_words
from matching.encoder import encoder_or_none
from projects.models import Skill, SkillAlias

pytestmark = pytest.mark.django_db


def names(tags) -> set[str]:
    found = dict(Skill.objects.filter(pk__in=[t.skill_id for t in tags]).values_list("pk", "name"))
    return {found[t.skill_id] for t in tags}


def tag(title: str, subject: str = "Web Development", *, encoder=None) -> set[str]:
    return names(CourseTagger(encoder=encoder).tag([CourseText(title, subject)])[0])


def test_names_and_aliases_in_the_title_are_found(builtin_taxonomy):
    assert tag("Learn Symfony 3 framework by practical examples") == {"Symfony"}
    assert tag("Complete PHP Course With Bootstrap3 CMS System") >= {"PHP"}
    assert tag("Xero Bookkeeping Course & Certification", "Business Finance") == {
        "Xero",
        "Bookkeeping",
    }


def test_a_latin_word_glued_to_another_script_is_read(builtin_taxonomy):
    assert "Microsoft Excel" in tag(
        "Excelを使ってビジネスシミュレーション 基礎編", "Business Finance"
    )


def test_a_subject_outside_the_marketplace_teaches_no_skill(builtin_taxonomy):
    assert tag("Play the Python riff on bass", "Musical Instruments") == set()


def test_the_subject_named_skill_gives_way_to_the_specific_ones(builtin_taxonomy):
    assert tag("Complete Web Development with HTML, CSS and JavaScript") == {
        "HTML",
        "CSS",
        "JavaScript",
    }
    # Alone, it is what the course teaches.
    assert tag("Web Development for absolute beginners") == {"Web Development"}


def test_an_everyday_word_names_only_gigwise_own_skills(builtin_taxonomy):
    if not everyday_words():
        pytest.skip("the encoder's vocabulary is not installed")
    # O*NET names a product "Everest Software Advanced"; the import gives it the alias
    # "Advanced", which must not tag every "advanced" course with it.
    product = Skill.objects.create(
        name="Everest Software Advanced",
        slug="everest",
        normalised="everestsoftwareadvanced",
        source=Skill.Source.ONET,
    )
    SkillAlias.objects.create(skill=product, alias="advanced")
    assert tag("Adobe Illustrator CC Advanced", "Graphic Design") == {"Adobe Illustrator"}
    # The product's full name still counts.
    assert "Everest Software Advanced" in tag("Everest Software Advanced in a day", "Business")


class StubEncoder:
    """Skill names get one-hot vectors; each title the vector the test chose for it."""

    def __init__(self, curated: list[str], titles: dict[str, np.ndarray]):
        self.curated, self.titles = curated, titles

    def encode(self, texts):
        vectors = [self.titles[t] if t in self.titles else self._one_hot(t) for t in texts]
        return np.array(vectors, dtype=np.float32)

    def _one_hot(self, name: str) -> np.ndarray:
        vector = np.zeros(len(self.curated))
        vector[self.curated.index(name)] = 1.0
        return vector


def test_meaning_adds_the_closest_curated_skill_when_it_is_close_enough(builtin_taxonomy):
    curated = list(
        Skill.objects.filter(source=Skill.Source.BUILTIN)
        .order_by("pk")
        .values_list("name", flat=True)
    )
    banner = np.zeros(len(curated))
    banner[curated.index("Banner Design")] = 1.0
    close, far = "Eye-catching strips for advertisers", "Something about advertisers"
    encoder = StubEncoder(curated, {close: 0.8 * banner, far: 0.3 * banner})
    assert tag(close, "Graphic Design", encoder=encoder) == {"Banner Design"}
    assert tag(far, "Graphic Design", encoder=encoder) == set()
    [tags] = CourseTagger(encoder=encoder).tag([CourseText(close, "Graphic Design")])
    assert tags[0].method == "meaning"
    assert tags[0].confidence == pytest.approx(0.8)


def test_the_real_encoder_finds_what_no_name_says(builtin_taxonomy):
    model = encoder_or_none()
    if model is None:
        pytest.skip("the sentence encoder is not installed")
    found = tag("How to draw and paint comics", "Graphic Design", encoder=model)
    assert "Comic Illustration" in found


def test_a_word_in_capitals_names_a_reference_skill_even_if_it_is_an_everyday_token(
    builtin_taxonomy,
):
    if "xml" not in everyday_words():
        pytest.skip("the encoder's vocabulary is not installed")
    Skill.objects.create(name="XML", slug="xml", normalised="xml", source=Skill.Source.ONET)
    Skill.objects.create(name="ASP", slug="asp", normalised="asp", source=Skill.Source.ONET)
    assert tag("XML DOM: basics for beginners") == {"XML"}
    assert tag("learn xml today") == set()  # in lower case it is just a word
    # Part of a longer name is not a word of its own.
    assert "ASP" not in tag("Cross-Platform Development with ASP.NET Core")


def test_a_language_in_a_title_is_the_course_language_not_a_skill(builtin_taxonomy):
    assert tag("AutoCAD Course - Learn Online AutoCAD in Urdu Hindi", "Graphic Design") == {
        "AutoCAD"
    }
    # Where languages are the subject, they are what is taught.
    assert tag("Learn Japanese for business", "Language") == {"Japanese"}
