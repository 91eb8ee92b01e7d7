"""python manage.py relate_skills: recompute which skills are named together (related skills)."""

import time

from django.core.management.base import BaseCommand

from matching.services import skill_relations_rebuild


class Command(BaseCommand):
    help = (
        "Recompute related skills from the skill lists of every project and profile (a missing "
        "skill counts partly when the freelancer has one often named with it). Safe to re-run; "
        "Celery beat runs it daily."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        pairs = skill_relations_rebuild() // 2
        self.stdout.write(
            f"Related skills: {pairs:,} pair{'' if pairs == 1 else 's'} from the marketplace's "
            "skill lists "
            f"in {time.perf_counter() - started:.1f} s."
        )
