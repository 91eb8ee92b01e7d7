"""`python manage.py evaluate_learning [--json]`: how useful the learning plans are.

Computes every freelancer's plan (or those given) with the production code inside a transaction
that is rolled back, and reports the share of top-5 gaps the top-10 courses cover, their
diversity, and the gigs gained by closing the top 3 gaps (see learning.plan_evaluation).
"""

import json

from django.core.management.base import CommandError
from django.db import transaction

from accounts.models import FreelancerProfile
from learning.plan_evaluation import evaluate_plans
from marketplace.commands import DatabaseCommand


class _Rollback(Exception):
    pass


class Command(DatabaseCommand):
    help = (
        "Measure the learning plans on this marketplace's freelancers (the demo after `make "
        "run`): gap coverage by the recommended courses, their diversity, and the matched gigs "
        "gained by closing the top gaps. Nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="End with one JSON line.")
        parser.add_argument("--email", action="append", default=[], help="Only this freelancer.")
        parser.add_argument("--limit", type=int, default=500, help="At most this many (500).")

    def handle(self, *args, email, limit, **options):
        profiles = FreelancerProfile.objects.select_related("user").order_by("pk")
        if email:
            profiles = profiles.filter(user__email__in=[e.strip().lower() for e in email])
        profiles = list(profiles[: max(1, limit)])
        if not profiles:
            raise CommandError("No freelancers to evaluate: seed the demo or sign some up first.")
        result: dict = {}
        try:
            with transaction.atomic():
                result = evaluate_plans(profiles=profiles)
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write(
            f"{result['freelancers']} freelancers, {result['with_gaps']} with gaps, "
            f"{result['open_gigs']} open gigs\n"
            f"top-5 gaps covered by the top-10 courses: {result['top5_gap_coverage']}\n"
            f"distinct gap skills covered: {result['distinct_skills_covered']} "
            f"(at most {result['most_courses_on_one_skill']} courses on one skill)\n"
            f"matched gigs before / after closing the top 3 gaps: "
            f"{result['matched_gigs_before']} / {result['matched_gigs_after']} "
            f"(strong: {result['strong_matches_before']} / {result['strong_matches_after']})\n"
            f"{result['seconds']} s"
        )
        if options["json"]:
            self.stdout.write(json.dumps(result))
