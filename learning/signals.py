"""Keeping learning plans current: a changed skill list recomputes the freelancer's plan, and
new market figures recompute the plans of active freelancers.

Only plans that exist are recomputed on a skill change (the freelancer has opened their learning
path, or a run made one): a freshly seeded or imported profile does not pay for a plan nobody
reads.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from insights.signals import market_aggregated
from projects.models import FreelancerSkill

from .models import LearningPlan


@receiver(post_save, sender=FreelancerSkill)
@receiver(post_delete, sender=FreelancerSkill)
def skills_changed(sender, instance: FreelancerSkill, raw=False, **kwargs):
    if raw:
        return
    profile_id = instance.profile_id
    if LearningPlan.objects.filter(profile_id=profile_id).exists():
        from .tasks import plan_recompute

        transaction.on_commit(lambda: plan_recompute.delay(profile_id))


@receiver(market_aggregated)
def market_changed(sender, **kwargs):
    from .tasks import plans_recompute_all

    transaction.on_commit(plans_recompute_all.delay)
