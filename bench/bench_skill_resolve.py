"""Resolving skill text: SkillIndex (two queries, then memory) against skill_resolve per text.

Also times the taxonomy import that the comparison runs on (first run, then the skipped re-run
`make run` does). Works in a throwaway SQLite database, so the dev database is untouched.

    DEBUG=1 .venv/bin/python bench/bench_skill_resolve.py [--texts 10000] [--builtin-only]

Prints figures; it never passes or fails on time.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from report import figure

ROOT = Path(__file__).resolve().parent.parent


def texts_sample(*, names: list[str], aliases: list[str], count: int, seed: int = 42) -> list[str]:
    """What people type: names and aliases, re-cased, versioned, padded, and some unknowns."""
    rng = random.Random(seed)
    variants = (
        lambda t: t,
        str.lower,
        str.upper,
        lambda t: f"  {t} ",
        lambda t: f"{t} 3",
        lambda t: f"{t}.js",
        lambda t: t.replace(" ", "-"),
    )
    texts = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.1:
            texts.append(f"unheard-of skill {rng.randrange(10**6)}")
            continue
        base = rng.choice(names if roll < 0.6 else aliases)
        texts.append(rng.choice(variants)(base))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000, help="how many texts to resolve")
    parser.add_argument("--builtin-only", action="store_true", help="skip the reference data")
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="gigwise-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from projects.models import Skill, SkillAlias
    from projects.selectors.skills import SkillIndex, skill_resolve
    from projects.services.taxonomy import taxonomy_import

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    report = taxonomy_import(builtin_only=args.builtin_only)
    first = time.perf_counter() - started
    started = time.perf_counter()
    rerun = taxonomy_import(builtin_only=args.builtin_only)
    second = time.perf_counter() - started
    print(f"taxonomy: {', '.join(report.sources)}: {report.skills_total:,} skills, "
          f"{report.aliases_total:,} aliases, {report.categories_total} categories")  # fmt: skip
    print(f"import: first run {first:.2f} s, re-run {second:.3f} s (skipped={rerun.skipped})")

    names = list(Skill.objects.values_list("name", flat=True))
    aliases = list(SkillAlias.objects.values_list("alias", flat=True))
    texts = texts_sample(names=names, aliases=aliases, count=args.texts)

    # Query logging (DEBUG) would time Django's debug cursor, not the lookups.
    with override_settings(DEBUG=False):
        started = time.perf_counter()
        index = SkillIndex.load()
        loaded = time.perf_counter() - started
        index_ids = [index.resolve_id(text) for text in texts]
        indexed = time.perf_counter() - started

        started = time.perf_counter()
        resolved = [skill_resolve(text) for text in texts]
        one_by_one = time.perf_counter() - started

    with CaptureQueriesContext(connection) as sample:
        for text in texts[:100]:
            skill_resolve(text)
    resolver_ids = [skill.id if skill else None for skill in resolved]
    found = sum(skill_id is not None for skill_id in index_ids)
    disagree = sum(a != b for a, b in zip(index_ids, resolver_ids, strict=True))
    per_text = one_by_one / len(texts) * 1e6
    print(f"texts: {len(texts):,} ({found:,} resolved, {len(texts) - found:,} unknown)")
    print(f"SkillIndex: {indexed:.3f} s total ({loaded:.3f} s loading {len(index.keys):,} keys)")
    print(f"skill_resolve per text: {one_by_one:.3f} s ({per_text:.0f} µs per text, "
          f"{len(sample) / 100:.1f} queries per text)")  # fmt: skip
    print(f"ratio: SkillIndex is {one_by_one / indexed:.1f}x faster; disagreements: {disagree}")
    figure(
        f"resolve {len(texts):,} skill texts (SkillIndex)",
        indexed,
        "s",
        baseline=one_by_one,
        baseline_name="skill_resolve, one query per text",
    )
    workdir.cleanup()


if __name__ == "__main__":
    main()
