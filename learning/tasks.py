"""Learning's Celery tasks: thin, taking ids, safe to run twice (a plan is replaced whole)."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
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


# A plan takes 0.15 s with 2,000 open projects (bench/bench_learning.py) and about 1 s with the
# large demo's 20,000 (bench/bench_scale.py: ranking the feed it reads). 50 a task stay well
# inside the 240 s soft time limit at either size; one task for everyone stopped past 1,500.
PLANS_PER_TASK = 50


@shared_task(name="learning.plans_recompute_batch", acks_late=True)
def plans_recompute_batch(profile_ids: list[int]) -> int:
    from .services.plans import learning_plans_recompute

    return learning_plans_recompute(profile_ids=profile_ids)


@shared_task(name="learning.plans_recompute_all", acks_late=True)
def plans_recompute_all() -> int:
    """Fan the nightly recomputation out in batches; returns how many plans it asked for."""
    from ops.services.outbox import enqueue

    from .selectors import plan_profile_ids

    ids = plan_profile_ids(active_since=timezone.now() - timedelta(days=ACTIVE_DAYS))
    with transaction.atomic():
        for start in range(0, len(ids), PLANS_PER_TASK):
            enqueue(plans_recompute_batch, ids[start : start + PLANS_PER_TASK])
    return len(ids)
