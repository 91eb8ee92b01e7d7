"""`manage.py import_skills`: the curated taxonomy always, O*NET and ESCO when present."""

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse

from projects.models import Skill, SkillAlias, SkillCategory, TaxonomyImport
from projects.reference import ReferenceFileError
from projects.reference.builtin import builtin_taxonomy_read
from projects.reference.esco import ESCO_SKILLS_FILE
from projects.reference.onet import ONET_TECHNOLOGY_FILE
from projects.selectors.skills import skill_resolve
from projects.services.taxonomy import taxonomy_import

pytestmark = pytest.mark.django_db

ONET_HEADER = "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand"
DB_QUERY = "Data base user interface and query software"
CRM = "Customer relationship management CRM software"
ONET_ROWS = [  # O*NET-SOC code, example, commodity title, hot technology
    ("15-1252.00", "PostgreSQL", DB_QUERY, "Y"),
    ("15-1243.00", "PostgreSQL", DB_QUERY, "Y"),
    ("15-1252.00", "Amazon Web Services AWS software", "Application server software", "Y"),
    ("11-1011.00", "Web browser software", "Internet browser software", "N"),
    ("27-4032.00", "Video editing software", "Video creation and editing software", "N"),
    ("11-2033.00", "Blackbaud The Raiser's Edge", CRM, "N"),
    ("15-1252.00", "Oracle Java", "Object or component oriented development software", "Y"),
]
# "proofread text" carries another concept's synonyms and "operate telehandler" carries its
# synonyms, as in the published file: the import gives each list back to its concept.
ESCO_CSV = (
    "conceptUri,reuseLevel,preferredLabel,altLabels\n"
    'http://data.europa.eu/esco/skill/1,transversal,show initiative,"take the initiative\n'
    'be a driving force"\n'
    'http://data.europa.eu/esco/skill/2,cross-sector,perform toxicological studies,"perform '
    'toxicological tests"\n'
    'http://data.europa.eu/esco/skill/3,cross-sector,operate telehandler,"proofread text\n'
    'check texts for errors"\n'
    'http://data.europa.eu/esco/skill/4,cross-sector,proofread text,"operate telehandler\n'
    'use telehandler"\n'
)


def write_onet(folder: Path, rows=ONET_ROWS) -> Path:
    lines = [ONET_HEADER]
    lines += [f"{soc}\t{example}\t43232306\t{title}\t{hot}\tN" for soc, example, title, hot in rows]
    path = folder / ONET_TECHNOLOGY_FILE
    path.write_text("\r\n".join(lines) + "\r\n", encoding="ascii")
    return path


def run(**options) -> str:
    out = StringIO()
    call_command("import_skills", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def taxonomy_counts() -> tuple[int, int, int]:
    return Skill.objects.count(), SkillAlias.objects.count(), SkillCategory.objects.count()


@pytest.mark.parametrize("use_data_dir", [False, True], ids=["builtin_only", "empty_data_dir"])
def test_the_curated_taxonomy_alone_covers_every_category(use_data_dir, tmp_path):
    output = run(data_dir=tmp_path) if use_data_dir else run(builtin_only=True)

    skills, aliases, categories = taxonomy_counts()
    assert skills >= 150
    assert aliases >= 100
    assert 12 <= categories <= 16
    empty = SkillCategory.objects.filter(skills__isnull=True).values_list("name", flat=True)
    assert list(empty) == []
    assert set(Skill.objects.values_list("source", flat=True)) == {Skill.Source.BUILTIN}
    assert f"Now {skills:,} skills, {aliases:,} aliases, {categories} categories" in output
    if use_data_dir:
        assert f"{ONET_TECHNOLOGY_FILE} not found in {tmp_path}" in output


def test_a_missing_data_folder_is_one_clear_line_not_an_error(tmp_path):
    missing = tmp_path / "nowhere"

    output = run(data_dir=missing)

    notices = [line for line in output.splitlines() if "not found" in line]
    assert notices == [
        f"Reference data folder {missing} not found: importing the built-in taxonomy only."
    ]
    assert Skill.objects.count() >= 150


def test_a_second_run_is_skipped_and_changes_nothing(tmp_path):
    first = taxonomy_import(data_dir=tmp_path)
    counts = taxonomy_counts()

    started = time.perf_counter()
    second = taxonomy_import(data_dir=tmp_path)
    elapsed = time.perf_counter() - started

    assert not first.skipped
    assert second.skipped
    assert "unchanged since the last import" in second.summary()
    assert elapsed < 2
    assert taxonomy_counts() == counts
    assert TaxonomyImport.objects.count() == 1


def test_a_forced_run_recomputes_and_creates_nothing(tmp_path):
    write_onet(tmp_path)
    taxonomy_import(data_dir=tmp_path)
    counts = taxonomy_counts()

    report = taxonomy_import(data_dir=tmp_path, force=True)

    assert not report.skipped
    assert taxonomy_counts() == counts
    assert all(c.skills_created == c.aliases_created == 0 for c in report.counts.values())
    assert all(c.skills_updated == c.aliases_updated == 0 for c in report.counts.values())


def test_a_changed_reference_file_is_imported_again(tmp_path):
    write_onet(tmp_path, rows=ONET_ROWS[:2])
    taxonomy_import(data_dir=tmp_path)
    assert not Skill.objects.filter(name="Blackbaud The Raiser's Edge").exists()

    write_onet(tmp_path)
    report = taxonomy_import(data_dir=tmp_path)

    assert not report.skipped
    assert Skill.objects.filter(name="Blackbaud The Raiser's Edge").exists()


def test_skills_deleted_since_the_last_import_come_back(builtin_taxonomy):
    Skill.objects.filter(name="Django").delete()

    report = taxonomy_import(builtin_only=True)

    assert not report.skipped
    assert skill_resolve("django").name == "Django"


def test_onet_technologies_enrich_curated_skills_instead_of_duplicating_them(tmp_path):
    write_onet(tmp_path)

    taxonomy_import(data_dir=tmp_path)

    postgres = skill_resolve("postgres")
    assert (postgres.name, postgres.source) == ("PostgreSQL", Skill.Source.BUILTIN)
    assert postgres.is_hot
    assert postgres.occupation_count == 2
    assert Skill.objects.filter(normalised__in=["postgresql", "oraclejava"]).count() == 1
    assert skill_resolve("Oracle Java").name == "Java"
    assert skill_resolve("Amazon Web Services AWS software").name == "Amazon Web Services"
    # A kind of software is not a skill, but it counts for the skill it names.
    assert skill_resolve("Web browser software") is None
    assert not Skill.objects.filter(name__istartswith="Web browser").exists()
    assert Skill.objects.get(name="Video Editing").occupation_count == 1
    product = Skill.objects.get(name="Blackbaud The Raiser's Edge")
    assert product.source == Skill.Source.ONET
    assert product.category.name == "Marketing & Sales"
    assert skill_resolve("The Raiser's Edge") == product


def test_esco_skills_keep_their_own_synonyms_and_skip_trades(tmp_path):
    (tmp_path / ESCO_SKILLS_FILE).write_text(ESCO_CSV, encoding="utf-8")

    taxonomy_import(data_dir=tmp_path)

    assert skill_resolve("take the initiative").name == "show initiative"
    assert skill_resolve("check texts for errors").name == "proofread text"
    assert skill_resolve("use telehandler") is None
    assert not Skill.objects.filter(name="perform toxicological studies").exists()


def broken_onet_missing_column(folder: Path) -> tuple[Path, int]:
    path = folder / ONET_TECHNOLOGY_FILE
    path.write_text("O*NET-SOC Code\tExample\tCommodity Title\n15-1252.00\tPython\tX\n")
    return path, 1


def broken_onet_short_row(folder: Path) -> tuple[Path, int]:
    path = write_onet(folder)
    text = path.read_text().splitlines()
    text[2] = "15-1252.00\tPython"
    path.write_text("\n".join(text) + "\n")
    return path, 3


def broken_onet_flag(folder: Path) -> tuple[Path, int]:
    path = write_onet(folder)
    path.write_text(path.read_text().replace("\tY\tN", "\tMaybe\tN", 1))
    return path, 2


def broken_esco_label(folder: Path) -> tuple[Path, int]:
    path = folder / ESCO_SKILLS_FILE
    # The first record spans lines 2-3, so the broken one starts on line 4.
    path.write_text(ESCO_CSV.replace(",proofread text,", ",,"), encoding="utf-8")
    lines = path.read_text().splitlines()
    return path, next(n for n, line in enumerate(lines, start=1) if "/skill/4," in line)


@pytest.mark.parametrize(
    "breakage",
    [broken_onet_missing_column, broken_onet_short_row, broken_onet_flag, broken_esco_label],
)
def test_a_malformed_file_names_file_and_line_and_changes_nothing(
    breakage, tmp_path, builtin_taxonomy
):
    Skill.objects.filter(name="Django").update(description="kept as it was")
    before = taxonomy_counts()
    path, line = breakage(tmp_path)

    with pytest.raises(CommandError) as error:
        run(data_dir=tmp_path)

    assert path.name in str(error.value)
    assert f"line {line}:" in str(error.value)
    assert taxonomy_counts() == before
    assert Skill.objects.get(name="Django").description == "kept as it was"
    assert TaxonomyImport.objects.count() == 1


def test_a_failure_while_writing_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    write_onet(tmp_path)

    def refuse(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(SkillAlias.objects, "bulk_create", refuse)
    with pytest.raises(IntegrityError):
        taxonomy_import(data_dir=tmp_path)

    assert taxonomy_counts() == (0, 0, 0)
    assert not TaxonomyImport.objects.exists()


def test_the_curated_file_rejects_a_spelling_used_by_two_skills(tmp_path):
    path = tmp_path / "taxonomy.yaml"
    path.write_text(
        "categories:\n"
        "  - slug: web\n"
        "    name: Web\n"
        "    skills:\n"
        "      - React: [ReactJS]\n"
        "      - Preact: [React.js]\n"
    )

    with pytest.raises(ReferenceFileError, match=r"line 6: 'React\.js' is already used by"):
        builtin_taxonomy_read(path=path)


def test_with_the_reference_data_the_taxonomy_is_rich_and_still_one_per_skill(
    reference_data_dir,
):
    taxonomy_import(builtin_only=True)
    builtin_aliases = SkillAlias.objects.count()
    started = time.perf_counter()

    report = taxonomy_import(data_dir=reference_data_dir)

    assert time.perf_counter() - started < 60
    assert Skill.objects.count() >= 2000
    assert SkillAlias.objects.count() - builtin_aliases >= 50
    postgres = skill_resolve("postgres")
    assert (postgres.name, postgres.source, postgres.is_hot) == ("PostgreSQL", "builtin", True)
    assert skill_resolve("Oracle Java").name == "Java"
    assert not Skill.objects.filter(name__in=["Oracle Java", "Microsoft Excel software"]).exists()
    initiative = skill_resolve("take the initiative")
    assert (initiative.name, initiative.source) == ("show initiative", Skill.Source.ESCO)
    assert not Skill.objects.filter(category__isnull=True).exists()
    assert report.counts["onet"].skills_created >= 1500
    assert taxonomy_import(data_dir=reference_data_dir).skipped


def test_staff_see_the_taxonomy_and_its_import_history_in_the_admin(staff_client):
    taxonomy_import(builtin_only=True)
    client = staff_client

    pages = [
        "skillcategory",
        "skill",
        "skillalias",
        "freelancerskill",
        "portfolioitem",
        "taxonomyimport",
    ]
    for model in pages:
        assert client.get(reverse(f"admin:projects_{model}_changelist")).status_code == 200
    found = client.get(reverse("admin:projects_skill_changelist"), {"q": "React.js"})
    assert "React" in [skill.name for skill in found.context["cl"].result_list]
    assert client.get(reverse("admin:projects_taxonomyimport_add")).status_code == 403


def test_a_category_staff_created_under_another_slug_is_adopted_not_duplicated(db):
    SkillCategory.objects.create(name="Legal", slug="law")

    taxonomy_import(builtin_only=True)

    legal = SkillCategory.objects.get(name="Legal")
    assert legal.slug == "legal"
    assert legal.skills.filter(name="Contract Drafting").exists()
