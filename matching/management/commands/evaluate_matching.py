"""python manage.py evaluate_matching --dataset FILE [--json]: how good the matching is."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from marketplace.commands import DatabaseCommand
from matching.evaluation.run import evaluate
from projects.management.files import json_object_load

METRICS = ["ndcg@10", "recall@10", "mrr", "exposure_ratio_new"]
DIRECTIONS = ["employer", "freelancer"]


def _figure(value) -> str:
    return "   n/a" if value is None else f"{value:6.3f}"


class Command(DatabaseCommand):
    help = (
        "Rank the file's freelancers for each project (and projects for each judged "
        "freelancer) with the production pipeline, in a transaction that is rolled back, and "
        "print nDCG@10, recall@10, MRR and newcomer exposure beside two keyword baselines."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dataset", required=True, help="An evaluation file (JSON).")
        parser.add_argument(
            "--json", action="store_true", help="End with the figures as one JSON line."
        )

    def handle(self, *args, dataset: str, json: bool = False, **options):
        data = self._load(Path(dataset))
        result = evaluate(data)
        self._table(result)
        if json:
            self.stdout.write(_dumps(result))

    def _load(self, path: Path) -> dict:
        data = json_object_load(path)
        if not isinstance(data.get("qrels"), dict):
            raise CommandError(f"{path} has no judgments: it needs a 'qrels' object.")
        for key in ("freelancers", "projects"):
            if not isinstance(data.get(key), list):
                raise CommandError(f"{path} needs a '{key}' list.")
        return data

    def _table(self, result: dict) -> None:
        self.stdout.write(
            f"Dataset {result['dataset']!r}, model {result['model']}, weights {result['weights']}"
        )
        header = f"{'':34}" + "".join(f"{m:>20}" for m in METRICS)
        for direction in DIRECTIONS:
            self.stdout.write(f"\n{direction} direction")
            self.stdout.write(header)
            rows = [("gigwise", result[direction])]
            rows += [(name, result[name][direction]) for name in _baselines(result)]
            if direction == "employer":
                rows.append(
                    (
                        "gigwise without newcomer boost",
                        result[f"{direction}_without_newcomer_boost"],
                    )
                )
            for name, figures in rows:
                cells = "".join(f"{_figure(figures.get(m)):>20}" for m in METRICS)
                self.stdout.write(f"{name:34}{cells}")
        self.stdout.write(f"\n{result['seconds']} s")


def _baselines(result: dict) -> list[str]:
    return [name for name in result if name.startswith("baseline_")]


def _dumps(result: dict) -> str:
    return json.dumps(result, sort_keys=False)
