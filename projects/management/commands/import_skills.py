"""`python manage.py import_skills`: load the skill taxonomy (see projects.services.taxonomy)."""

import sys
from pathlib import Path

from django.core.management.base import CommandError

from marketplace.commands import DatabaseCommand
from projects.services.taxonomy import ReferenceFileError, taxonomy_import


class Command(DatabaseCommand):
    help = (
        "Import the skill taxonomy: Gigwise's built-in skills and aliases, plus O*NET "
        "technologies and ESCO skills when GIGWISE_DATA_DIR holds them. Skips when nothing "
        "changed since the last import."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder with the reference files (default: settings.GIGWISE_DATA_DIR).",
        )
        parser.add_argument(
            "--builtin-only",
            action="store_true",
            help="Import only the built-in taxonomy, ignoring any reference files.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import even if nothing changed since the last import.",
        )

    def handle(self, *args, data_dir, builtin_only, force, verbosity, **options):
        try:
            report = taxonomy_import(
                data_dir=data_dir,
                builtin_only=builtin_only,
                force=force,
                progress=verbosity > 0 and sys.stderr.isatty(),
            )
        except ReferenceFileError as exc:
            raise CommandError(f"Skill taxonomy not imported, nothing was changed: {exc}") from exc
        if verbosity > 0:
            for notice in report.notices:
                self.stdout.write(notice)
            self.stdout.write(self.style.SUCCESS(report.summary()))
