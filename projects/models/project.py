"""Projects that employers post, and the skills they ask for."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import CURRENCIES

from .taxonomy import Skill, SkillCategory


class BudgetType(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    HOURLY = "hourly", _("Hourly")


class ExperienceLevel(models.TextChoices):
    ENTRY = "entry", _("Entry")
    INTERMEDIATE = "intermediate", _("Intermediate")
    EXPERT = "expert", _("Expert")


class ProjectQuerySet(models.QuerySet):
    def visible(self):
        """Projects anyone may see in browse and search: open, public, not hidden by staff."""
        return self.filter(
            status=Project.Status.OPEN,
            visibility=Project.Visibility.PUBLIC,
            is_hidden=False,
        )

    def owned_by(self, user):
        return self.filter(employer=user)


class Project(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can find it and propose")
        INVITE_ONLY = "invite_only", _("Invite only: only freelancers you invite")

    class Region(models.TextChoices):
        ANY = "any", _("Anywhere")
        AMERICAS = "americas", _("The Americas")
        EUROPE_AFRICA = "europe_africa", _("Europe and Africa")
        ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")

    employer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="projects"
    )
    title = models.CharField(max_length=140)
    description = models.TextField()
    category = models.ForeignKey(
        SkillCategory, on_delete=models.PROTECT, related_name="projects", null=True, blank=True
    )
    budget_type = models.CharField(max_length=8, choices=BudgetType.choices)
    budget_min = models.DecimalField(
        max_digits=11, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    budget_max = models.DecimalField(
        max_digits=11, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="USD")
    experience_level = models.CharField(
        max_length=12, choices=ExperienceLevel.choices, default=ExperienceLevel.INTERMEDIATE
    )
    duration_weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(104)],
        help_text="Expected duration in weeks",
    )
    hours_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(80)]
    )
    region = models.CharField(max_length=16, choices=Region.choices, default=Region.ANY)
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes")
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    screening_questions = models.JSONField(
        default=list, blank=True, help_text="Up to five questions freelancers answer"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Moderation: staff can hide a project from everyone but its owner.
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    # Filled by the project services on PostgreSQL (GIN-indexed there); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "visibility", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_max__gte=models.F("budget_min")),
                name="project_budget_max_at_least_min",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_min__gt=0), name="project_budget_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class ProjectSkill(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="skills")
    # Null when the text matched no skill: kept as free text, never dropped.
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="projects", null=True, blank=True
    )
    free_text = models.CharField(max_length=100, blank=True)
    required = models.BooleanField(default=True, help_text="Required, or nice to have")

    class Meta:
        ordering = ["-required", "skill__name", "free_text"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "skill"],
                condition=models.Q(skill__isnull=False),
                name="unique_project_skill",
            ),
            models.UniqueConstraint(
                fields=["project", "free_text"],
                condition=models.Q(skill__isnull=True),
                name="unique_project_free_text_skill",
            ),
            models.CheckConstraint(
                condition=models.Q(skill__isnull=False) | ~models.Q(free_text=""),
                name="project_skill_named",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.skill.name if self.skill_id else self.free_text
