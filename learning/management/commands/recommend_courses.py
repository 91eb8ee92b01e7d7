"""`python manage.py recommend_courses`: compute learning plans (skill gaps and courses) now."""

from django.core.management.base import CommandError

from accounts.models import FreelancerProfile
from learning.services.plans import learning_plans_recompute
from marketplace.commands import DatabaseCommand


class Command(DatabaseCommand):
    help = (
        "Recompute the skill gaps and recommended courses of every freelancer (or of those "
        "given by e-mail). Celery beat does this nightly for active freelancers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", action="append", default=[], help="Only this freelancer.")

    def handle(self, *args, email, verbosity, **options):
        profiles = FreelancerProfile.objects.all()
        if email:
            profiles = profiles.filter(user__email__in=[e.strip().lower() for e in email])
            if profiles.count() != len(set(email)):
                raise CommandError("No freelancer profile for some of the e-mail addresses given.")
        count = learning_plans_recompute(profile_ids=list(profiles.values_list("pk", flat=True)))
        if verbosity > 0:
            self.stdout.write(self.style.SUCCESS(f"Computed {count} learning plans."))
