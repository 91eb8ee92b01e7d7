"""What matching stores: embeddings of people and projects, feedback events, scorer weights."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Embedding(models.Model):
    """One vector per object and model version, with the hash of the text it was made from."""

    class Kind(models.TextChoices):
        FREELANCER = "freelancer", _("Freelancer profile")
        PROJECT = "project", _("Project")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    # The FreelancerProfile's or the Project's id; rows of deleted objects are removed with them.
    object_id = models.PositiveBigIntegerField()
    model_version = models.CharField(max_length=120)
    text_hash = models.CharField(max_length=64, help_text="SHA-256 of the text that was embedded")
    dimensions = models.PositiveSmallIntegerField()
    vector = models.BinaryField(help_text="float32, L2-normalised")
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "model_version"], name="one_embedding_per_version"
            )
        ]
        indexes = [models.Index(fields=["kind", "model_version", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.model_version})"


class EmbeddingsVersion(models.Model):
    """A mark that changes whenever a kind's stored embeddings change.

    Every write of embeddings through `matching.services` sets a new random token in the same
    transaction, so a process holding the vectors in memory learns whether anything moved from
    one primary-key read instead of counting the whole table (`matching.index`). Random, not a
    counter: a counter can come back to a value already seen (a rolled-back transaction, a
    restored backup) and hide a change.
    """

    kind = models.CharField(max_length=12, choices=Embedding.Kind.choices, primary_key=True)
    token = models.UUIDField()
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.kind} embeddings, changed {self.changed_at:%Y-%m-%d %H:%M:%S}"


class MatchEvent(models.Model):
    """Something a person did with a suggested match; the scorer learns from these."""

    class Kind(models.TextChoices):
        IMPRESSION = "impression", _("Shown in a list")
        OPEN = "open", _("Opened")
        NOT_INTERESTED = "not_interested", _("Not interested")
        SAVE = "save", _("Saved")
        PROPOSAL = "proposal", _("Proposal sent")
        INVITE = "invite", _("Invited")
        SHORTLIST = "shortlist", _("Shortlisted")
        HIRE = "hire", _("Hired")

    class Side(models.TextChoices):
        FREELANCER = "freelancer", _("Freelancer's feed")
        EMPLOYER = "employer", _("Employer's suggested talent")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_events"
    )
    side = models.CharField(max_length=12, choices=Side.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    score = models.FloatField(null=True, blank=True)
    components = models.JSONField(default=dict, blank=True)
    weights_version = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["freelancer", "kind"]),
            models.Index(fields=["project", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.freelancer_id} x {self.project_id}"


class ScorerWeights(models.Model):
    """A set of scorer weights; the active one ranks every match until a better one is adopted."""

    version = models.CharField(max_length=40, unique=True)
    weights = models.JSONField()
    metrics = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_scorer_weights",
            )
        ]
        verbose_name_plural = "scorer weights"

    def __str__(self) -> str:
        return f"{self.version}{' (active)' if self.is_active else ''}"


class SkillRelation(models.Model):
    """Two skills people ask for and offer together, so one counts partly for the other.

    Rebuilt from the skill lists of projects and profiles on Gigwise (`skill_relations_rebuild`,
    daily and after the demo is seeded); stored in both directions for one-query lookups.
    """

    skill = models.ForeignKey("projects.Skill", on_delete=models.CASCADE, related_name="+")
    related = models.ForeignKey("projects.Skill", on_delete=models.CASCADE, related_name="+")
    # Ochiai coefficient: lists naming both / sqrt(lists naming one x lists naming the other).
    strength = models.FloatField()
    together = models.PositiveIntegerField(help_text="Projects and profiles naming both")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["skill", "related"], name="skill_relation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.skill_id} ~ {self.related_id} ({self.strength:.2f})"


class FairnessAudit(models.Model):
    """One run of the fairness audit: exposure in the top 10 by group, against relevance.

    `groups` holds one row per group (`matching.fairness.GroupFigures` as a dict); groups of
    self-declared attributes with too few people are never stored by name. Written only by
    `matching.fairness.fairness_audit_run`; read by the admin and the public criteria page.
    """

    class Mode(models.TextChoices):
        SHOWN = "shown", _("Rankings shown to employers in the period")
        RECOMPUTED = "recomputed", _("Rankings recomputed over all open projects")

    ran_at = models.DateTimeField(db_index=True)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    mode = models.CharField(max_length=12, choices=Mode.choices)
    projects_audited = models.PositiveIntegerField()
    relevant_pairs = models.PositiveIntegerField(
        help_text="Relevant (project, freelancer) pairs counted over all projects audited"
    )
    groups = models.JSONField(default=list)
    flagged = models.JSONField(
        default=list, help_text="The groups under four-fifths of the best group's selection rate"
    )
    summary = models.TextField()
    weights_version = models.CharField(max_length=40)
    # The rule's parameters at the time, so an old run reads as it was computed.
    top = models.PositiveSmallIntegerField(default=10)
    threshold = models.FloatField(default=0.8)
    min_group_people = models.PositiveSmallIntegerField(default=5)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        get_latest_by = "ran_at"

    def __str__(self) -> str:
        flags = f", {len(self.flagged)} flagged" if self.flagged else ""
        return f"Fairness audit of {self.ran_at:%Y-%m-%d %H:%M} ({self.get_mode_display()}{flags})"
