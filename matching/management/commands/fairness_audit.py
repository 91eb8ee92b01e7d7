"""python manage.py fairness_audit [--json] [--recompute] [--days N]: exposure by group."""

import json

from django.core.management.base import CommandError

from marketplace.commands import DatabaseCommand
from matching.fairness import TABLE_HEADINGS, audit_table, fairness_audit_run


class Command(DatabaseCommand):
    help = (
        "Measure who employers see in the top 10 of suggested talent, by group (new or "
        "established, working region, self-declared attributes), against who is relevant; "
        "flag any group under four-fifths of the best group's selection rate. Stores the run "
        "(admin and the 'How matching works' page show the latest) and prints its figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the run as JSON.")
        parser.add_argument(
            "--recompute",
            action="store_true",
            help="Rank every open project now instead of reading the impressions recorded "
            "(also what happens when the period has none).",
        )
        parser.add_argument(
            "--days", type=int, default=1, help="The period of impressions to read (default 1)."
        )

    def handle(self, *args, **options):
        if options["days"] < 1:
            raise CommandError("--days must be at least 1.")
        audit = fairness_audit_run(days=options["days"], recompute=options["recompute"])
        if options["json"]:
            self.stdout.write(_as_json(audit))
            return
        self.stdout.write(audit.summary)
        self.stdout.write(f"Mode: {audit.get_mode_display()}; weights {audit.weights_version}.")
        self.stdout.write("")
        rows = [TABLE_HEADINGS, *(row.cells() for row in audit_table(audit.groups))]
        widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_HEADINGS))]
        for row in rows:
            cells = [
                cell.ljust(width) if i < 2 or i == len(row) - 1 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())
        if audit.flagged:
            self.stdout.write(f"\n{len(audit.flagged)} group(s) below four-fifths.")


def _as_json(audit) -> str:
    return json.dumps(
        {
            "id": audit.pk,
            "ran_at": audit.ran_at.isoformat(),
            "period_start": audit.period_start.isoformat(),
            "period_end": audit.period_end.isoformat(),
            "mode": audit.mode,
            "projects_audited": audit.projects_audited,
            "relevant_pairs": audit.relevant_pairs,
            "top": audit.top,
            "threshold": audit.threshold,
            "min_group_people": audit.min_group_people,
            "weights_version": audit.weights_version,
            "groups": audit.groups,
            "flagged": [f"{g['dimension']}:{g['group']}" for g in audit.flagged],
            "summary": audit.summary,
        },
        indent=2,
    )
