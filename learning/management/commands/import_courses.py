"""`python manage.py import_courses`: load the course catalogue (learning.services.catalogue)."""

import sys
from pathlib import Path

from django.core.management.base import CommandError

from learning.services.catalogue import courses_import
from marketplace.commands import DatabaseCommand
from projects.reference import ReferenceFileError


class Command(DatabaseCommand):
    help = (
        "Import the course catalogue: Gigwise's built-in courses with their hand-set skills, "
        "plus Udemy's catalogue from GIGWISE_DATA_DIR when it is there, each course's skills "
        "inferred from its title and subject. Safe to run again: it updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder with udemy_courses.csv (default: settings.GIGWISE_DATA_DIR).",
        )
        parser.add_argument(
            "--builtin-only",
            action="store_true",
            help="Import only the built-in catalogue, ignoring any reference file.",
        )

    def handle(self, *args, data_dir, builtin_only, verbosity, **options):
        try:
            report = courses_import(
                data_dir=data_dir,
                builtin_only=builtin_only,
                progress=verbosity > 0 and sys.stderr.isatty(),
            )
        except ReferenceFileError as error:
            raise CommandError(f"Courses not imported, nothing was changed: {error}") from error
        if verbosity > 0:
            for notice in report.notices:
                self.stdout.write(notice)
            self.stdout.write(self.style.SUCCESS(report.summary()))
