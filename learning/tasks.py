"""Learning's Celery tasks: thin, taking ids, safe to run twice (a plan is replaced whole)."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from accounts.models import FreelancerProfile

# Nightly, the plans of freelancers seen lately (or who have one) are recomputed: the market
# and the open gigs have moved since. Others get theirs when they next open the page.
ACTIVE_DAYS = 90


@shared_task(name="learning.plan_recompute", acks_late=True, max_retries=3, default_retry_delay=60)
def plan_recompute(profile_id: int) -> bool:
    from .services.plans import learning_plan_compute

    profile = FreelancerProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        return False
    learning_plan_compute(profile=profile)
    return True


@shared_task(name="learning.plans_recompute_all", acks_late=True)
def plans_recompute_all() -> int:
    from .services.plans import learning_plans_recompute

    since = timezone.now() - timedelta(days=ACTIVE_DAYS)
    return learning_plans_recompute(active_since=since)
