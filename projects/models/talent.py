"""What a freelancer can do: skills they claim, learn or prove, and portfolio work.

These live in projects (not accounts) because they point at the taxonomy, and accounts may
not depend on projects.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import FreelancerProfile

from .taxonomy import Skill


class FreelancerSkill(models.Model):
    class Source(models.TextChoices):
        CLAIMED = "claimed", _("Claimed")
        LEARNED = "learned", _("Learned (course completed)")
        PROVEN = "proven", _("Proven (contract delivered)")

    profile = models.ForeignKey(FreelancerProfile, on_delete=models.CASCADE, related_name="skills")
    # Null when the text matched no skill: it is kept as free text, never dropped.
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="freelancers", null=True, blank=True
    )
    free_text = models.CharField(max_length=100, blank=True)
    level = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    years = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(60)])
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.CLAIMED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-level", "skill__name", "free_text"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill"],
                condition=models.Q(skill__isnull=False),
                name="unique_freelancer_skill",
            ),
            models.UniqueConstraint(
                fields=["profile", "free_text"],
                condition=models.Q(skill__isnull=True),
                name="unique_freelancer_free_text_skill",
            ),
            models.CheckConstraint(
                condition=models.Q(skill__isnull=False) | ~models.Q(free_text=""),
                name="freelancer_skill_named",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="freelancer_skill_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.skill.name if self.skill_id else self.free_text


class PortfolioItem(models.Model):
    profile = models.ForeignKey(
        FreelancerProfile, on_delete=models.CASCADE, related_name="portfolio_items"
    )
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    link = models.URLField(blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="portfolio_items")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
