"""Importing the skill taxonomy: Gigwise's built-in list, then O*NET and ESCO when present."""

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from projects import reference, skill_names
from projects.models import Skill, SkillAlias, SkillCategory, TaxonomyImport
from projects.reference import ReferenceFileError, builtin, esco, onet
from projects.reference.builtin import BUILTIN_TAXONOMY_FILE, builtin_taxonomy_read
from projects.reference.esco import ESCO_SKILLS_FILE, esco_skills_read
from projects.reference.onet import ONET_TECHNOLOGY_FILE, onet_technologies_read

from . import taxonomy_merge
from .taxonomy_merge import BUILTIN, ESCO, ONET, SourceCounts, TaxonomyMerge

__all__ = ["ImportReport", "ReferenceFileError", "taxonomy_fingerprint", "taxonomy_import"]

REFERENCE_FILES: dict[str, str] = {ONET: ONET_TECHNOLOGY_FILE, ESCO: ESCO_SKILLS_FILE}
_SOURCE_LABELS = {BUILTIN: "built-in", ONET: "O*NET", ESCO: "ESCO"}
# The code that decides what an import produces: editing it must not be mistaken for "no change".
_IMPORTER_MODULES = (skill_names, reference, builtin, onet, esco, taxonomy_merge)
_IMPORTER_CODE = (*(Path(str(module.__file__)) for module in _IMPORTER_MODULES), Path(__file__))


@dataclass
class ImportReport:
    """What an import did, for the command's summary and the import history."""

    sources: list[str]
    fingerprint: str
    skipped: bool = False
    notices: list[str] = field(default_factory=list)
    counts: dict[str, SourceCounts] = field(default_factory=dict)
    categories_created: int = 0
    aliases_removed: int = 0
    skills_total: int = 0
    aliases_total: int = 0
    categories_total: int = 0
    elapsed: float = 0.0

    def summary(self) -> str:
        """One line: per-source counts, totals and the time it took."""
        totals = (
            f"{self.skills_total:,} skills, {self.aliases_total:,} aliases, "
            f"{self.categories_total:,} categories"
        )
        if self.skipped:
            return (
                f"Skill taxonomy unchanged since the last import ({totals}); skipped in "
                f"{self.elapsed:.2f} s. Use --force to import again."
            )
        parts = [
            f"{_SOURCE_LABELS.get(source, source)}: {c.skills_created:,} skills created, "
            f"{c.skills_updated:,} updated, {c.skills_merged:,} merged into existing, "
            f"{c.aliases_created:,} aliases created, {c.aliases_updated:,} re-pointed"
            for source, c in self.counts.items()
        ]
        return (
            f"Imported the skill taxonomy in {self.elapsed:.1f} s. {'; '.join(parts)}; "
            f"{self.categories_created} categories created, {self.aliases_removed} shadowed "
            f"aliases removed. Now {totals}."
        )


def _reference_files(*, data_dir: Path, builtin_only: bool, notices: list[str]) -> dict[str, Path]:
    if builtin_only:
        return {}
    if not data_dir.is_dir():
        notices.append(
            f"Reference data folder {data_dir} not found: importing the built-in taxonomy only."
        )
        return {}
    files = {}
    for source, name in REFERENCE_FILES.items():
        path = data_dir / name
        if path.is_file():
            files[source] = path
        else:
            notices.append(f"{name} not found in {data_dir}: skipping {_SOURCE_LABELS[source]}.")
    return files


def taxonomy_fingerprint(*, files: dict[str, Path]) -> str:
    """A hash of everything an import reads: importer code, built-in file, reference files."""
    digest = hashlib.sha256()
    for path in (*_IMPORTER_CODE, BUILTIN_TAXONOMY_FILE, *files.values()):
        digest.update(f"{path.name}\0".encode())
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def _unchanged_since_last_import(fingerprint: str) -> bool:
    last = TaxonomyImport.objects.order_by("-finished_at", "-id").first()
    return bool(
        last
        and last.fingerprint == fingerprint
        and last.skills_total == Skill.objects.count()
        and last.aliases_total == SkillAlias.objects.count()
        and last.categories_total == SkillCategory.objects.count()
    )


def taxonomy_import(
    *,
    data_dir: Path | None = None,
    builtin_only: bool = False,
    force: bool = False,
    progress: bool = False,
) -> ImportReport:
    """Import the built-in taxonomy and any reference files, skipping when nothing changed."""
    started = time.perf_counter()
    notices: list[str] = []
    data_dir = Path(data_dir if data_dir is not None else settings.GIGWISE_DATA_DIR)
    files = _reference_files(data_dir=data_dir, builtin_only=builtin_only, notices=notices)
    report = ImportReport(
        sources=[BUILTIN, *files], fingerprint=taxonomy_fingerprint(files=files), notices=notices
    )
    if not force and _unchanged_since_last_import(report.fingerprint):
        report.skipped = True
    else:
        # Parse everything first: a malformed file fails before anything is written.
        taxonomy = builtin_taxonomy_read()
        onet_skills = onet_technologies_read(path=files[ONET]) if ONET in files else []
        esco_skills = esco_skills_read(path=files[ESCO]) if ESCO in files else []
        with transaction.atomic():
            merge = TaxonomyMerge(progress=progress)
            merge.categories_apply(taxonomy.categories)
            merge.builtin_apply(taxonomy.skills)
            if ONET in files:
                named = [s for s in onet_skills if not s.generic]
                merge.reference_apply(source=ONET, skills=named)
            if ESCO in files:
                merge.reference_apply(source=ESCO, skills=esco_skills)
            if ONET in files:
                # Generic O*NET entries only enrich: last, so they see every named skill.
                generic = [s for s in onet_skills if s.generic]
                merge.reference_apply(source=ONET, skills=generic)
            merge.save()
            report.counts = merge.counts
            report.categories_created = merge.categories_created
            report.aliases_removed = merge.aliases_removed
    report.skills_total = Skill.objects.count()
    report.aliases_total = SkillAlias.objects.count()
    report.categories_total = SkillCategory.objects.count()
    report.elapsed = time.perf_counter() - started
    if not report.skipped:
        TaxonomyImport.objects.create(
            sources=", ".join(report.sources),
            fingerprint=report.fingerprint,
            counts={source: vars(counts) for source, counts in report.counts.items()},
            skills_total=report.skills_total,
            aliases_total=report.aliases_total,
            categories_total=report.categories_total,
            elapsed_seconds=round(report.elapsed, 3),
        )
    return report
