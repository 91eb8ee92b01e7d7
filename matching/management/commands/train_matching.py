"""python manage.py train_matching [--dataset FILE] [--dry-run]: learn the scorer's weights."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from marketplace.commands import DatabaseCommand
from matching.training import weights_train


class Command(DatabaseCommand):
    help = (
        "Fit the scorer's weights on recorded match feedback (proposals, invites, shortlists, "
        "saves, hires, 'not interested'); adopt them only if they rank held-out events better "
        "and, with --dataset, are no worse on that evaluation file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset", help="An evaluation file the new weights must not lose on."
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, adopt nothing.")
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, dataset=None, dry_run=False, seed=42, **options):
        data = None
        if dataset:
            path = Path(dataset)
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            data = json.loads(path.read_text(encoding="utf-8"))
        report = weights_train(dataset=data, seed=seed, adopt=not dry_run)
        self.stdout.write(
            f"events {report.events}, pairs {report.pairs}, positive {report.positives}"
        )
        if report.candidate:
            self.stdout.write(f"current weights {report.current.version}: {report.current.values}")
            self.stdout.write(
                f"learned weights {report.candidate.version}: {report.candidate.values}"
            )
            self.stdout.write(
                f"held-out AUC: current {_figure(report.auc_current)}, "
                f"learned {_figure(report.auc_candidate)}"
            )
        for direction, figures in report.evaluation.items():
            self.stdout.write(
                f"{direction} nDCG@10 on the file: current {figures['current']:.4f}, "
                f"learned {figures['candidate']:.4f}"
            )
        self.stdout.write(report.reason + (" (dry run)" if dry_run and report.candidate else ""))


def _figure(value) -> str:
    return "n/a" if value is None else f"{value:.4f}"
