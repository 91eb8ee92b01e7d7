"""Related skills: a missing skill counts partly when the freelancer has one named with it."""

import pytest

from matching.features import gigs_load, talents_load
from matching.models import SkillRelation
from matching.related_skills import co_occurrence
from matching.scoring import FIELD_CREDIT, RELATED_CREDIT, score
from matching.services import skill_relations_rebuild
from matching.weights import default_weights
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import skill_with_aliases, small_taxonomy

WEIGHTS = default_weights()


def test_co_occurrence_needs_two_lists_and_is_symmetric():
    related = co_occurrence([{1, 2}, {1, 2, 3}, {3, 4}, {1}])
    # 1 and 2 together twice: 2 / sqrt(3 x 2)
    assert related[1][2] == related[2][1] == (pytest.approx(0.8165, abs=1e-4), 2)
    assert 3 not in related.get(1, {})  # named together once only: not evidence enough
    assert 4 not in related.get(3, {})


def test_a_weak_relation_is_not_kept():
    # Skill 1 is on nearly every list: named with skill 2 twice in 38 lists is no relation.
    lists = [{1, 2}, {1, 2}] + [{1} for _ in range(30)] + [{2} for _ in range(6)]
    assert co_occurrence(lists) == {}


@pytest.fixture
def market(db, settings, tmp_path):
    settings.GIGWISE_DATA_DIR = tmp_path  # the marketplace's own lists only
    skills = small_taxonomy()
    for n in range(3):
        freelancer_with(headline=f"Web developer {n}", skills=["Django", "PostgreSQL"])
    open_project(title="Store backend", description="An API.", skills=["Django", "PostgreSQL"])
    return skills


def test_having_a_related_skill_counts_partly_and_says_which(market):
    assert skill_relations_rebuild().pairs == 1
    assert skill_relations_rebuild().pairs == 1  # re-running replaces, never duplicates
    assert SkillRelation.objects.count() == 2  # stored both ways
    django_only = freelancer_with(headline="Django developer", skills=["Django"])
    unrelated = freelancer_with(headline="Writer", skills=["Copywriting"])
    project = open_project(title="Reporting database", description="SQL.", skills=["PostgreSQL"])
    gig = gigs_load([project.pk])[project.pk]
    talents = talents_load([django_only.pk, unrelated.pk])
    close = score(gig, talents[django_only.pk], similarity=None, weights=WEIGHTS)
    far = score(gig, talents[unrelated.pk], similarity=None, weights=WEIGHTS)
    strength = SkillRelation.objects.get(skill=market["postgresql"]).strength
    assert close.components["skills"] == pytest.approx(RELATED_CREDIT * strength, abs=1e-3)
    assert far.components["skills"] == 0
    assert close.score > far.score
    assert "not the required skill, " in close.explanation  # a related skill is not the skill
    assert "Django is often asked for with PostgreSQL" in close.explanation
    assert "often asked for" not in far.explanation


def test_a_skill_in_the_same_field_counts_a_little_and_says_which(db, settings, tmp_path):
    settings.GIGWISE_DATA_DIR = tmp_path
    small_taxonomy()  # Copywriting in "Writing"; Django and PostgreSQL in "Software development"
    skill_with_aliases("SEO Writing", category="Writing")
    writer = freelancer_with(headline="Writer", skills=["Copywriting"])
    developer = freelancer_with(headline="Developer", skills=["Django"])
    project = open_project(
        title="Blog articles", description="Eight a month.", skills=["SEO Writing"]
    )
    gig = gigs_load([project.pk])[project.pk]
    talents = talents_load([writer.pk, developer.pk])
    near = score(gig, talents[writer.pk], similarity=None, weights=WEIGHTS)
    far = score(gig, talents[developer.pk], similarity=None, weights=WEIGHTS)
    assert near.components["skills"] == pytest.approx(FIELD_CREDIT)
    assert far.components["skills"] == 0
    assert near.score > far.score
    assert "not the required skill, " in near.explanation  # the same field is not the skill
    assert "Copywriting is in the same field as SEO Writing (Writing)" in near.explanation
    assert "same field" not in far.explanation
    # Beside a skill asked for that they have, the field still counts but goes unsaid.
    both = open_project(
        title="Blog and landing pages", description="Both.", skills=["SEO Writing", "Copywriting"]
    )
    half = score(
        gigs_load([both.pk])[both.pk], talents[writer.pk], similarity=None, weights=WEIGHTS
    )
    assert half.components["skills"] == pytest.approx((1 + FIELD_CREDIT) / 2)
    assert "1 of 2 required skills, including Copywriting (not SEO Writing)" in half.explanation
    assert "same field" not in half.explanation


def test_the_command_reports_the_pairs(market, capsys):
    from django.core.management import call_command

    call_command("relate_skills")
    out = capsys.readouterr().out
    assert "Related skills: 1 pair from 4 skill lists of projects and profiles in" in out


ONET_HEADER = "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand"


def test_skills_named_by_the_same_occupations_are_related(market, settings, tmp_path, capsys):
    from django.core.management import call_command

    rows = [ONET_HEADER]
    for soc in ("15-1252.00", "15-1254.00", "15-1299.08"):
        rows += [f"{soc}\tKubernetes\t1\tIT\tY\tN", f"{soc}\tReact\t1\tIT\tY\tN"]
    rows.append("15-1252.00\tCopywriting\t1\tWriting\tN\tN")
    (tmp_path / "onet_technology_skills.tsv").write_text("\n".join(rows) + "\n")
    report = skill_relations_rebuild()
    assert report.occupations == 3
    related = set(SkillRelation.objects.values_list("skill__name", "related__name"))
    assert ("Kubernetes", "React") in related  # named by three occupations together
    assert ("Django", "PostgreSQL") in related  # still from the marketplace's lists
    assert ("Copywriting", "Kubernetes") not in related  # together once: not evidence enough
    call_command("relate_skills")
    assert "and 3 O*NET occupations" in capsys.readouterr().out
