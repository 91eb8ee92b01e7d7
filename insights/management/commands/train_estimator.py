"""python manage.py train_estimator: train the budget and duration estimator on this platform."""

import time

from django.utils import timezone

from insights.services.estimator import MIN_TRAINING_ROWS, estimator_train
from marketplace.commands import DatabaseCommand


class Command(DatabaseCommand):
    help = (
        "Train the budget and duration estimator the project form shows, on completed contracts "
        "and posted budgets, and make it the active one. Unchanged training rows train nothing; "
        "Celery beat runs it weekly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-encoder",
            action="store_true",
            help="Use TF-IDF text features only, without the sentence-transformers model.",
        )

    def handle(self, *args, **options):
        started, before = time.perf_counter(), timezone.now()
        trained = estimator_train(use_encoder=not options["no_encoder"])
        seconds = time.perf_counter() - started
        if trained is None:
            self.stdout.write(
                f"Estimator: not trained, fewer than {MIN_TRAINING_ROWS} completed contracts and "
                f"posted budgets to learn from ({seconds:.1f} s)."
            )
            return
        if trained.created_at < before:
            self.stdout.write(
                f"Estimator {trained.version}: the training rows have not changed; it stays "
                f"the active one ({seconds:.1f} s)."
            )
            return
        self.stdout.write(
            f"Estimator {trained.version}: trained on {trained.rows:,} projects and contracts "
            f"in {seconds:.1f} s; it is the active one."
        )
