"""python manage.py relate_skills: recompute which skills are named together (related skills)."""

import time

from marketplace.commands import DatabaseCommand
from matching.services import skill_relations_rebuild


class Command(DatabaseCommand):
    help = (
        "Recompute related skills from the skill lists of every project and profile and, with "
        "the reference data, O*NET occupations (a missing skill counts partly when the "
        "freelancer has one often named with it). Safe to re-run; Celery beat runs it daily."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        report = skill_relations_rebuild()
        source = f"{report.lists:,} skill lists of projects and profiles"
        if report.occupations:
            source += f" and {report.occupations:,} O*NET occupations"
        self.stdout.write(
            f"Related skills: {report.pairs:,} pair{'' if report.pairs == 1 else 's'} from "
            f"{source} in {time.perf_counter() - started:.1f} s."
        )
