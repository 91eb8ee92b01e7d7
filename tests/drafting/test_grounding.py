"""No invented facts: over many generated freelancers, every skill, name, figure and year a draft
states is in the freelancer's data or the project's, and every source names a real field.

The checker extracts from the letter every taxonomy skill name, every capitalised word (names of
employers, people, products) and every number, and looks each up in a corpus of the freelancer's
and the project's own text. The fixed words of the template are the only others allowed.
"""

import re
import time

import pytest

from drafting.models import ProposalDraft
from drafting.services import proposal_draft_create
from projects.models import (
    Contract,
    FreelancerSkill,
    PortfolioItem,
    ProjectSkill,
    Review,
    Skill,
)
from projects.selectors.reputation import review_is_published
from tests.drafting.factories import Person, person_generate

pytestmark = pytest.mark.django_db

PROFILES = 120
# Capitalised words the template writes itself (sentence starts); they state no fact.
TEMPLATE_WORDS = {"Hello", "I", "About", "The", "What", "Your", "Best"}
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][\w'\u2019&.+#-]*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _corpus(person: Person) -> str:
    """Every text and figure of the freelancer's data and the project, as one string."""
    profile, user, project = person.profile, person.user, person.project
    parts = [
        user.first_name,
        user.last_name,
        profile.headline,
        profile.bio,
        str(profile.years_experience),
        str(profile.hourly_rate),
        project.title,
        project.description,
        str(project.duration_weeks),
    ]
    parts += [s.name for s in ProjectSkill.objects.filter(project=project).select_related("skill")]
    for row in FreelancerSkill.objects.filter(profile=profile).select_related("skill"):
        parts += [row.name, str(row.years)]
    for item in PortfolioItem.objects.filter(profile=profile).prefetch_related("skills"):
        parts += [item.title, item.description, *(s.name for s in item.skills.all())]
    contracts = Contract.objects.filter(freelancer=user).select_related(
        "employer__employer_profile", "project"
    )
    for contract in contracts:
        parts += [
            contract.title,
            contract.terms,
            contract.project.description,
            contract.employer.employer_profile.company_name,
            str(contract.start_date.year),
            str(contract.ended_at.year) if contract.ended_at else "",
        ]
        parts += [s.name for s in contract.project.skills.select_related("skill")]
    parts += list(Review.objects.filter(subject=user).values_list("text", flat=True))
    return "\n".join(p for p in parts if p)


def _invented(text: str, corpus: str, skill_names: list[str]) -> list[str]:
    """What the letter states that the corpus does not hold."""
    found = []
    lowered = corpus.lower()
    for name in skill_names:
        if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text) and name.lower() not in lowered:
            found.append(f"skill {name}")
    for word in _CAPITALISED.findall(text):
        word = word.rstrip(".,;:'\u2019")
        if word not in TEMPLATE_WORDS and word not in corpus:
            found.append(f"name {word}")
    corpus_numbers = set(_NUMBER.findall(corpus)) | {
        n.replace(",", "") for n in _NUMBER.findall(corpus)
    }
    for number in _NUMBER.findall(text):
        if number not in corpus_numbers and number.replace(",", "") not in corpus_numbers:
            found.append(f"figure {number}")
    return found


def _source_value(key: str, person: Person) -> str:
    """The value of the field a source key names, read afresh from the database."""
    kind, pk, field = key.split(":", 2)
    if kind == "project":
        if pk == "skill":
            row = ProjectSkill.objects.get(pk=field, project=person.project)
            return row.name
        assert int(pk) == person.project.pk
        return {"title": person.project.title, "duration": str(person.project.duration_weeks)}[
            field
        ]
    if kind == "profile":
        assert int(pk) == person.profile.pk
        return {
            "headline": person.profile.headline,
            "years of experience": str(person.profile.years_experience),
            "first name": person.user.first_name,
        }[field]
    if kind == "skill":
        row = FreelancerSkill.objects.get(pk=pk, profile=person.profile)
        return {"name": row.name, "years": str(row.years)}[field]
    if kind == "portfolio":
        return PortfolioItem.objects.get(pk=pk, profile=person.profile).title
    if kind == "contract":
        contract = Contract.objects.get(pk=pk, freelancer=person.user)
        ended = contract.ended_at.date() if contract.ended_at else contract.start_date
        return {
            "title": contract.title,
            "client": contract.employer.employer_profile.company_name,
            "year": str(ended.year),
        }[field]
    if kind == "review":
        review = Review.objects.get(pk=pk, subject=person.user)
        return review.text
    raise AssertionError(f"unknown source kind in {key}")


def _check_sources(draft: ProposalDraft, person: Person) -> None:
    keys = {source["key"] for source in draft.sources}
    for source in draft.sources:
        actual = _source_value(source["key"], person)
        if source["kind"] == "review":
            # A quote is the start of the review, word for word.
            assert source["value"].rstrip("…") in actual, source
        else:
            assert source["value"] == actual, source
    for section in draft.sections:
        assert section["sources"], section
        assert set(section["sources"]) <= keys, section
        for key in section["sources"]:
            value = next(s["value"] for s in draft.sources if s["key"] == key)
            assert value in section["sentence"], (key, section["sentence"])


def _check_skills_honest(draft: ProposalDraft, person: Person) -> None:
    """Each of the project's skills is addressed, as held only when the data shows it."""
    held_ids = set(
        FreelancerSkill.objects.filter(profile=person.profile).values_list("skill_id", flat=True)
    )
    sections = {section["skill"]: section for section in draft.sections}
    for row in ProjectSkill.objects.filter(project=person.project).select_related("skill"):
        section = sections[row.name]
        if row.skill_id in held_ids:
            assert section["has"], section
            years = FreelancerSkill.objects.get(profile=person.profile, skill=row.skill).years
            if years:
                assert f"{row.name}: {years} year" in section["sentence"]
        if not section["has"]:
            assert "I have not worked with it yet" in section["sentence"]
            assert section["sentence"] in draft.text


@pytest.fixture
def skill_pool(builtin_taxonomy) -> list[Skill]:
    return list(Skill.objects.order_by("pk")[:60])


def test_drafts_of_many_generated_profiles_invent_nothing(skill_pool, no_encoder):
    skill_names = list(Skill.objects.values_list("name", flat=True))
    elapsed, gaps, evidence, quotes = [], 0, 0, 0
    for seed in range(PROFILES):
        person = person_generate(seed, skill_pool)
        started = time.perf_counter()
        draft, created = proposal_draft_create(freelancer=person.user, project=person.project)
        elapsed.append(time.perf_counter() - started)
        assert created
        invented = _invented(draft.text, _corpus(person), skill_names)
        assert not invented, f"seed {seed}: {invented}\n{draft.text}"
        _check_sources(draft, person)
        _check_skills_honest(draft, person)
        gaps += len(draft.gaps)
        evidence += sum(1 for s in draft.sources if s["kind"] in {"portfolio", "contract"})
        quotes += sum(1 for s in draft.sources if s["kind"] == "review")
    # The generated data exercised every part of the letter, not only the easy ones.
    assert gaps > PROFILES // 2
    assert evidence > PROFILES // 2
    assert quotes > 5
    elapsed.sort()
    assert elapsed[len(elapsed) // 2] < 0.5  # a generous bound: measured near 0.01 s


def test_drafts_with_the_language_model_invent_nothing_either(skill_pool):
    skill_names = list(Skill.objects.values_list("name", flat=True))
    for seed in range(1000, 1010):
        person = person_generate(seed, skill_pool)
        draft, _ = proposal_draft_create(freelancer=person.user, project=person.project)
        assert not _invented(draft.text, _corpus(person), skill_names), draft.text
        _check_sources(draft, person)


def test_the_checker_catches_an_invented_employer_skill_and_year(skill_pool, no_encoder):
    """The grounding test can fail: planted facts are each reported."""
    person = person_generate(7, skill_pool)
    draft, _ = proposal_draft_create(freelancer=person.user, project=person.project)
    corpus = _corpus(person)
    unknown_skill = next(
        s
        for s in Skill.objects.order_by("name")
        if s.name.lower() not in corpus.lower() and len(s.name) > 3
    )
    planted = draft.text + f"\nI built it for Initech with {unknown_skill.name} in 1999."
    found = _invented(planted, corpus, [unknown_skill.name])
    assert f"skill {unknown_skill.name}" in found
    assert "name Initech" in found
    assert "figure 1999" in found


def test_a_review_still_blind_is_never_quoted(skill_pool, no_encoder):
    """A client's review that is not published yet stays out of the letter and its sources."""
    blind = 0
    for seed in range(40):
        person = person_generate(seed, skill_pool)
        draft, _ = proposal_draft_create(freelancer=person.user, project=person.project)
        quoted = {int(s["key"].split(":")[1]) for s in draft.sources if s["kind"] == "review"}
        for review in Review.objects.filter(subject=person.user):
            if not review_is_published(review):
                blind += 1
                assert review.pk not in quoted
                assert review.text not in draft.text
    assert blind > 0
