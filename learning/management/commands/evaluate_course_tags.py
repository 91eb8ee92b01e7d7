"""python manage.py evaluate_course_tags --dataset FILE [--json]: how well courses are tagged.

Runs the catalogue import's own tagger on each course of the file and compares its skills with
the hand-set labels (../shared/eval/README.md): micro precision, recall and F1, and the number
of courses left with no skill. --misses lists the courses it got wrong.
"""

import json
from pathlib import Path

from django.core.management.base import CommandError

from learning.evaluation import DatasetError, evaluate_tags
from learning.tagging import CourseTagger
from marketplace.commands import DatabaseCommand
from matching.encoder import encoder_or_none
from projects.management.files import json_object_load
from projects.selectors.skills import taxonomy_loaded


class Command(DatabaseCommand):
    help = (
        "Tag a file's courses with the catalogue import's tagger and compare the skills with "
        "the file's labels: precision, recall, F1 and untagged courses."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dataset", required=True, help="A labelled course file (JSON).")
        parser.add_argument(
            "--json", action="store_true", help="End with the figures as one JSON line."
        )
        parser.add_argument(
            "--misses", action="store_true", help="List each course whose skills differ."
        )

    def handle(self, *args, dataset: str, **options):
        data = json_object_load(Path(dataset))
        if not taxonomy_loaded():  # every label would be unknown and every course untagged
            raise CommandError(
                "The skill taxonomy is empty: run `python manage.py import_skills` first "
                "(`make run` does it)."
            )
        encoder = encoder_or_none()
        if encoder is None:
            self.stderr.write("The sentence encoder is unavailable: names and aliases only.")
        try:
            result = evaluate_tags(data, tagger=CourseTagger(encoder=encoder))
        except DatasetError as error:
            raise CommandError(f"{dataset}: {error}") from error
        misses = result.pop("misses")
        if options["misses"]:
            for miss in misses:
                self.stdout.write(
                    f"{miss['id']:>8}  {miss['title'][:60]:60}  labels {miss['labels']}  "
                    f"predicted {miss['predicted']}"
                )
        self.stdout.write(
            f"Dataset {result['dataset']!r}: {result['courses']} courses, "
            f"{result['untagged']} with no skill predicted\n"
            f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
            f"f1 {result['f1']:.3f}  ({result['seconds']} s)"
        )
        if options["json"]:
            self.stdout.write(json.dumps(result))
