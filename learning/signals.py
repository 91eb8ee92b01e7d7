"""Keeping learning plans current: a changed profile or skill list recomputes the freelancer's
plan, and new market figures recompute the plans of active freelancers.

Only plans that exist are recomputed on a skill change (the freelancer has opened their learning
path, or a run made one): a freshly seeded or imported profile does not pay for a plan nobody
reads.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import FreelancerProfile
from insights.signals import market_aggregated
from ops.services.outbox import enqueue
from projects.models import FreelancerSkill

from .models import LearningPlan


def _recompute_later(profile_id: int) -> None:
    if LearningPlan.objects.filter(profile_id=profile_id).exists():
        from .tasks import plan_recompute

        enqueue(plan_recompute, profile_id)


@receiver(post_save, sender=FreelancerSkill)
@receiver(post_delete, sender=FreelancerSkill)
def skills_changed(sender, instance: FreelancerSkill, raw=False, **kwargs):
    if not raw:
        _recompute_later(instance.profile_id)


@receiver(post_save, sender=FreelancerProfile)
def profile_changed(sender, instance: FreelancerProfile, raw=False, created=False, **kwargs):
    """Headline, bio, rate or hours move the matched gigs the gaps are read from."""
    if not raw and not created:
        _recompute_later(instance.pk)


@receiver(market_aggregated)
def market_changed(sender, **kwargs):
    from .tasks import plans_recompute_all

    enqueue(plans_recompute_all)
