"""python manage.py embed_all: embed every profile and project whose text changed, in batches.

For back-fills and model changes. Resumable: each batch commits on its own and rows whose text
and model are unchanged are skipped, so an interrupted run picks up where it stopped. A text met
again in the run (a generated demo repeats many) is encoded once and its vector reused.

`--as-tasks` embeds nothing here: it sends the batches as `matching.embed_objects` tasks to the
embedding queue, so that every worker consuming it shares the back-fill (docs/SCALING.md).
"""

import time

from django.core.management.base import CommandError
from django.db import transaction
from tqdm import tqdm

from accounts.models import FreelancerProfile
from marketplace.commands import DatabaseCommand
from matching.encoder import EncoderUnavailable, encoder
from matching.models import Embedding
from matching.services import (
    ANALYZE_AFTER_ROWS,
    EmbedResult,
    VectorsByText,
    embeddings_analyze,
    embeddings_refresh,
)
from matching.tasks import embed_objects
from ops.services.outbox import enqueue
from projects.models import Project

SOURCES = {
    Embedding.Kind.FREELANCER: FreelancerProfile.objects.all,
    Embedding.Kind.PROJECT: Project.objects.all,
}


class Command(DatabaseCommand):
    help = "Embed every freelancer profile and project whose text changed since it was embedded."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=[*SOURCES, "all"], default="all")
        parser.add_argument("--batch-size", type=int, default=256)
        parser.add_argument(
            "--as-tasks",
            action="store_true",
            help="send the batches to the workers' embedding queue instead of embedding here",
        )

    def handle(self, *args, kind: str, batch_size: int, as_tasks: bool, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        kinds = list(SOURCES) if kind == "all" else [kind]
        if as_tasks:
            return self.send(kinds, batch_size)
        try:
            model = encoder()
        except EncoderUnavailable as error:
            raise CommandError(str(error)) from error
        written = 0
        for name in kinds:
            started = time.monotonic()
            ids = list(SOURCES[name]().order_by("pk").values_list("pk", flat=True))
            total = EmbedResult()
            known = VectorsByText()
            with tqdm(
                total=len(ids), desc=f"{name}s", unit="row", disable=options["verbosity"] < 1
            ) as bar:
                for start in range(0, len(ids), batch_size):
                    batch = ids[start : start + batch_size]
                    total += embeddings_refresh(
                        kind=name, object_ids=batch, model=model, known=known
                    )
                    bar.update(len(batch))
            seconds = time.monotonic() - started
            self.stdout.write(
                f"{name}s: {total.embedded} embedded, {total.unchanged} unchanged "
                f"({model.version}); {total.encoded} distinct texts encoded in {seconds:.1f} s"
            )
            written += total.embedded
        if written > ANALYZE_AFTER_ROWS:
            embeddings_analyze()

    def send(self, kinds: list[str], batch_size: int) -> None:
        """One task per batch, sent when all are written (the outbox keeps them until then)."""
        for name in kinds:
            ids = list(SOURCES[name]().order_by("pk").values_list("pk", flat=True))
            with transaction.atomic():
                for start in range(0, len(ids), batch_size):
                    enqueue(embed_objects, name, ids[start : start + batch_size])
            tasks = -(-len(ids) // batch_size)
            self.stdout.write(
                f"{name}s: {tasks} task{'s' if tasks != 1 else ''} of up to {batch_size} sent "
                f"for {len(ids)} rows; the workers skip those whose text is unchanged"
            )
