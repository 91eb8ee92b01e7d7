"""What people type resolves to the skill they meant, against the shipped curated taxonomy."""

import pytest

from projects.models import Skill
from projects.selectors.skills import SkillIndex, skill_resolve

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("builtin_taxonomy_module")]

SPELLINGS = [
    ("Python 3", "Python"),
    ("python3", "Python"),
    ("React.js", "React"),
    ("ReactJS", "React"),
    ("reactjs", "React"),
    ("postgres", "PostgreSQL"),
    ("Postgres", "PostgreSQL"),
    ("PostgreSQL", "PostgreSQL"),
    ("psql", "PostgreSQL"),
    ("k8s", "Kubernetes"),
    ("JS", "JavaScript"),
    ("ECMAScript", "JavaScript"),
    ("TS", "TypeScript"),
    ("Golang", "Go"),
    ("node.js", "Node.js"),
    ("NodeJS", "Node.js"),
    ("Node", "Node.js"),
    ("Vue", "Vue.js"),
    ("D3", "D3.js"),
    ("C#", "C#"),
    ("C Sharp", "C#"),
    ("C++", "C++"),
    ("C", "C"),
    (".NET", ".NET"),
    ("Excel", "Microsoft Excel"),
    ("MS Excel", "Microsoft Excel"),
    ("Microsoft Power BI", "Microsoft Power BI"),
    ("Power BI", "Microsoft Power BI"),
    ("VBA", "Visual Basic for Applications"),
    ("Visual Basic for Applications", "Visual Basic for Applications"),
    ("AWS", "Amazon Web Services"),
    ("Amazon AWS", "Amazon Web Services"),
    ("GCP", "Google Cloud"),
    ("ML", "Machine Learning"),
    ("SEO", "Search Engine Optimization"),
    ("copywriting", "Copywriting"),
    ("Photoshop", "Adobe Photoshop"),
    ("WP", "WordPress"),
    ("  django  ", "Django"),
    ("• Figma", "Figma"),
    ("Angular 17", "Angular"),
    ("R 4.3", "R"),
    # Upwork's spellings in real postings.
    ("Data Visualization", "Data Visualization"),
    ("Looker Studio", "Looker Studio"),
    ("Microsoft Excel PowerPivot", "Power Pivot"),
    ("Data Scraping", "Web Scraping"),
    ("Spreadsheet Software", "Spreadsheets"),
]
UNKNOWN = [
    "underwater basket weaving",
    "",
    "   ",
    "xyzzy 3",
    # A number glued to one letter is a name (Cloudflare R2), not version 2 of R.
    "R2",
]


@pytest.mark.parametrize(("text", "expected"), SPELLINGS)
def test_skill_resolve_finds_the_skill_people_mean(text, expected):
    skill = skill_resolve(text)

    assert skill is not None, f"{text!r} did not resolve"
    assert skill.name == expected


@pytest.mark.parametrize("text", UNKNOWN)
def test_skill_resolve_returns_none_for_what_it_does_not_know(text):
    assert skill_resolve(text) is None


def test_skill_index_agrees_with_the_resolver_without_more_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        index = SkillIndex.load()
    names = dict(Skill.objects.values_list("id", "name"))

    with django_assert_num_queries(0):
        resolved = {text: index.resolve_id(text) for text, _ in SPELLINGS}
        unknown = [index.resolve_id(text) for text in UNKNOWN]

    assert {text: names[skill_id] for text, skill_id in resolved.items()} == dict(SPELLINGS)
    assert unknown == [None] * len(UNKNOWN)


def test_c_cplusplus_and_csharp_stay_three_skills():
    skills = {skill_resolve(text) for text in ("C", "C++", "C#", "C Sharp", "CPP")}

    assert {s.name for s in skills} == {"C", "C++", "C#"}


def test_skill_index_split_keeps_unknown_text_once_and_skills_once():
    index = SkillIndex.load()

    ids, free = index.split(["postgres", "PostgreSQL", "Basket weaving", "basket  weaving", "k8s"])

    assert [Skill.objects.get(pk=i).name for i in ids] == ["PostgreSQL", "Kubernetes"]
    assert free == ["Basket weaving"]
