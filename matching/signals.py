"""Re-embed a profile or project after a change that reaches its text, once the change commits.

matching sits above projects and accounts, so it listens to their saves rather than being
called by them (dependencies point one way). The task skips objects whose text did not change.
"""

import logging

from celery.signals import worker_ready
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from accounts.models import FreelancerProfile
from ops.services.outbox import enqueue_robust
from projects.models import (
    Contract,
    FreelancerSkill,
    Invite,
    PortfolioItem,
    Project,
    ProjectSkill,
    Proposal,
    ShortlistEntry,
)
from projects.signals import project_published

from .encoder import encoder_or_none
from .models import Embedding, MatchEvent
from .services import embeddings_remove, match_event_record
from .tasks import embed_objects, project_matches_notify


def _embed_later(kind: str, object_id: int | None) -> None:
    if object_id:
        # robust: a failure to enqueue or embed is logged and never fails the save that caused it.
        enqueue_robust(embed_objects, kind, [object_id])


@receiver(post_save, sender=FreelancerProfile)
def profile_saved(sender, instance: FreelancerProfile, raw=False, **kwargs):
    if not raw:
        _embed_later(Embedding.Kind.FREELANCER, instance.pk)


@receiver(post_save, sender=FreelancerSkill)
@receiver(post_delete, sender=FreelancerSkill)
@receiver(post_save, sender=PortfolioItem)
@receiver(post_delete, sender=PortfolioItem)
def talent_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _embed_later(Embedding.Kind.FREELANCER, instance.profile_id)


@receiver(post_save, sender=Project)
def project_saved(sender, instance: Project, raw=False, **kwargs):
    if not raw:
        _embed_later(Embedding.Kind.PROJECT, instance.pk)


@receiver(post_save, sender=ProjectSkill)
def project_skill_saved(sender, instance: ProjectSkill, raw=False, **kwargs):
    if not raw:
        _embed_later(Embedding.Kind.PROJECT, instance.project_id)


@receiver(post_delete, sender=FreelancerProfile)
@receiver(post_delete, sender=Project)
def embedded_object_deleted(sender, instance, **kwargs):
    kind = Embedding.Kind.PROJECT if sender is Project else Embedding.Kind.FREELANCER
    embeddings_remove(kind, [instance.pk])


@receiver(m2m_changed, sender=PortfolioItem.skills.through)
def portfolio_skills_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PortfolioItem):
        _embed_later(Embedding.Kind.FREELANCER, instance.profile_id)


@receiver(project_published)
def project_was_published(sender, project: Project, **kwargs):
    enqueue_robust(project_matches_notify, project.pk)


# What people do on the marketplace is feedback on matches too: the scorer learns from it.
# Recorded in the transaction of the action itself, so a rolled-back hire leaves no event.
OUTCOMES = {
    Proposal: MatchEvent.Kind.PROPOSAL,
    Invite: MatchEvent.Kind.INVITE,
    ShortlistEntry: MatchEvent.Kind.SHORTLIST,
    Contract: MatchEvent.Kind.HIRE,
}


@receiver(post_save, sender=Proposal)
@receiver(post_save, sender=Invite)
@receiver(post_save, sender=ShortlistEntry)
@receiver(post_save, sender=Contract)
def marketplace_outcome(sender, instance, created=False, raw=False, **kwargs):
    if not created or raw:
        return
    project = instance.project
    freelancer = instance.freelancer
    actor = freelancer if sender is Proposal else project.employer
    match_event_record(actor=actor, kind=OUTCOMES[sender], freelancer=freelancer, project=project)


logger = logging.getLogger(__name__)


@worker_ready.connect
def encoder_check(**kwargs):
    """Say at start, not at the first task, whether this worker can embed text."""
    model = encoder_or_none()  # logs why when it cannot
    if model is not None:
        logger.info("Matching encoder ready: %s (%d dimensions)", model.version, model.dimensions)
    else:
        logger.error("This worker cannot embed text: matching falls back to the skill taxonomy.")
