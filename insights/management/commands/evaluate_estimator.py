"""python manage.py evaluate_estimator [--dataset FILE] [--json]: how good the budget estimator is.

With --dataset, the file's `train` trains the production estimator and its `test` is predicted
(../shared/eval/README.md); without it, the platform's completed contracts, split in time.
--protocol N runs the development protocol instead: N random splits of the reference postings.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from insights.estimator.evaluation import NotEnoughData, evaluate_file, evaluate_platform
from insights.estimator.protocol import reference_records, repeated_splits
from marketplace.commands import database_ready
from projects.management.files import json_object_load

FIGURES = ("mae_log", "coverage80", "width80_log")


def _cell(value) -> str:
    return f"{'n/a':>12}" if value is None else f"{value:12.3f}"


class Command(BaseCommand):
    help = (
        "Train the budget estimator on a file's train items and score its test items (or the "
        "platform's newest completed contracts), beside the category-median baseline: "
        "mae_log, coverage80 and width80_log for fixed and hourly budgets, and the duration."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dataset", help="An evaluation file (JSON with train and test).")
        parser.add_argument(
            "--json", action="store_true", help="End with the figures as one JSON line."
        )
        parser.add_argument(
            "--protocol",
            type=int,
            metavar="N",
            help="Average N random 70/30 splits of the reference postings in GIGWISE_DATA_DIR.",
        )
        parser.add_argument(
            "--no-encoder",
            action="store_true",
            help="Text features from TF-IDF only (no sentence encoder).",
        )

    def handle(self, *args, dataset=None, protocol=None, **options):
        use_encoder = not options["no_encoder"]
        if protocol:
            self._protocol(protocol, use_encoder=use_encoder, as_json=options["json"])
            return
        if dataset:
            result = evaluate_file(
                self._load(Path(dataset)), name=Path(dataset).stem, use_encoder=use_encoder
            )
        else:
            database_ready()  # a file needs no database; the platform's projects do
            try:
                result = evaluate_platform(use_encoder=use_encoder)
            except NotEnoughData as error:
                self.stdout.write(str(error))
                return
        self._table(result)
        if options["json"]:
            self.stdout.write(json.dumps({k: v for k, v in result.items() if k[0] != "_"}))

    def _load(self, path: Path) -> dict:
        data = json_object_load(path)
        for key in ("train", "test"):
            if not isinstance(data.get(key), list):
                raise CommandError(f"{path} needs a '{key}' list.")
        if not data["train"]:
            raise CommandError(f"{path} has no training items.")
        return data

    def _table(self, result: dict) -> None:
        self.stdout.write(
            f"Dataset {result['dataset']!r}: {result['_train_rows']} training rows, "
            f"model {result['_model']}"
        )
        header = f"{'':28}" + "".join(f"{f:>12}" for f in (*FIGURES, "n"))
        for budget_type in ("fixed", "hourly"):
            self.stdout.write(f"\n{budget_type} budgets")
            self.stdout.write(header)
            for name in ("estimator", "baseline_category_median"):
                figures = result[name][budget_type]
                cells = "".join(_cell(figures[f]) for f in FIGURES)
                self.stdout.write(f"{name:28}{cells}{figures['n']:12d}")
            self.stdout.write(f"{'ratio_mae_log':28}{_cell(result['ratio_mae_log'][budget_type])}")
        self.stdout.write("\nduration (weeks)")
        for name in ("estimator", "baseline_category_median"):
            figures = result[name]["duration"]
            self.stdout.write(f"{name:28}{_cell(figures['mae_log'])}{figures['n']:12d}")
        self.stdout.write(f"\n{result['seconds']} s")

    def _protocol(self, splits: int, *, use_encoder: bool, as_json: bool) -> None:
        records = reference_records(settings.GIGWISE_DATA_DIR)
        if len(records) < 20:
            raise CommandError(
                f"No reference postings in {settings.GIGWISE_DATA_DIR} (upwork_jobs_sample.json)."
            )
        summary = repeated_splits(records, splits=splits, use_encoder=use_encoder)
        self.stdout.write(
            f"{summary['splits']} random 70/30 splits of {summary['records']} reference postings"
        )
        for budget_type in ("fixed", "hourly"):
            for name in ("estimator", "baseline_category_median"):
                figures = summary[name][budget_type]
                cells = "".join(f"  {f} {figures[f]:.3f}" for f in FIGURES)
                self.stdout.write(f"{budget_type:7} {name:26}{cells}")
            self.stdout.write(
                f"{budget_type:7} ratio_mae_log {summary['ratio_mae_log'][budget_type]:.3f} "
                f"(worst split {summary['worst_ratio_mae_log'][budget_type]:.3f})"
            )
        if as_json:
            self.stdout.write(json.dumps(summary))
