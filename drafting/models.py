"""A freelancer's proposal draft for one project: the letter, its sources and a suggested bid."""

from django.conf import settings
from django.db import models

from accounts.models import CURRENCIES
from projects.models import Project, Proposal

# The Job kind of a bulk re-draft (projects.models.Job.kind).
REDRAFT_JOB_KIND = "drafting.redraft"


class ProposalDraftQuerySet(models.QuerySet):
    def open(self):
        """Drafts still worth working on: the project takes proposals, none sent on it yet."""
        sent = Proposal.objects.active().filter(
            project=models.OuterRef("project"), freelancer=models.OuterRef("freelancer")
        )
        return self.filter(project__status=Project.Status.OPEN, project__is_hidden=False).exclude(
            models.Exists(sent)
        )


class ProposalDraft(models.Model):
    """The current draft of one freelancer for one project; re-drafting replaces its text.

    Nothing is sent from here: the freelancer edits the text and submits it through the
    proposal form, which creates the Proposal.
    """

    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_drafts"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(help_text="The cover letter as the freelancer last saved it")
    # What the generator wrote, kept apart so an edit can be told from a fresh draft and a
    # bulk re-draft does not overwrite the freelancer's own words by surprise.
    generated_text = models.TextField()
    # [{key, kind, label, field, value, url}]: every fact the letter states comes from one.
    sources = models.JSONField(default=list, blank=True)
    # [{skill, required, has, sentence, sources: [key]}]: the letter's claims, skill by skill.
    sections = models.JSONField(default=list, blank=True)
    generator = models.CharField(max_length=120)
    generator_version = models.CharField(max_length=40)
    suggested_bid = models.DecimalField(max_digits=11, decimal_places=2, null=True, blank=True)
    suggested_currency = models.CharField(max_length=3, choices=CURRENCIES, default="USD")
    bid_reason = models.CharField(max_length=500, blank=True)
    generated_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["freelancer", "project"], name="one_proposal_draft_per_project"
            ),
            models.CheckConstraint(
                condition=models.Q(suggested_bid__isnull=True) | models.Q(suggested_bid__gt=0),
                name="proposal_draft_bid_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft by {self.freelancer} for {self.project}"

    @property
    def is_edited(self) -> bool:
        return self.text.strip() != self.generated_text.strip()

    @property
    def gaps(self) -> list[dict]:
        return [section for section in self.sections if not section.get("has")]

    @property
    def strengths(self) -> list[dict]:
        return [section for section in self.sections if section.get("has")]
