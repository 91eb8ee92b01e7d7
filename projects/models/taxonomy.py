"""The skill taxonomy: categories, skills and the aliases people type for them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SkillCategory(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)
    # Freelancers who want work in this category. Declared here, not on the profile, so that
    # accounts never depends on projects (DESIGN.md: dependencies point one way).
    preferred_by = models.ManyToManyField(
        "accounts.FreelancerProfile", blank=True, related_name="preferred_categories"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "skill categories"

    def __str__(self) -> str:
        return self.name


# Skills named in many job postings and occupations first; by name among equals.
POPULAR_FIRST = ("-is_hot", "-is_in_demand", "-occupation_count", "name")


class SkillQuerySet(models.QuerySet):
    def popular_first(self):
        return self.order_by(*POPULAR_FIRST)


class Skill(models.Model):
    class Source(models.TextChoices):
        BUILTIN = "builtin", _("Gigwise curated")
        ONET = "onet", _("O*NET technology")
        ESCO = "esco", _("ESCO skill")

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True)
    # compact(name) from projects.skill_names: the key the resolver looks up.
    normalised = models.CharField(max_length=200, unique=True)
    category = models.ForeignKey(
        SkillCategory, on_delete=models.PROTECT, related_name="skills", null=True, blank=True
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.BUILTIN)
    external_id = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    is_hot = models.BooleanField(default=False, help_text="Often named in job postings (O*NET)")
    is_in_demand = models.BooleanField(default=False, help_text="In demand (O*NET)")
    occupation_count = models.PositiveIntegerField(default=0)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SkillAlias(models.Model):
    """Another way of writing a skill ("postgres" for PostgreSQL), stored normalised."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "skill aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.skill}"


class TaxonomyImport(models.Model):
    """One run of `import_skills` that wrote something: what it read and what it changed."""

    sources = models.CharField(max_length=60, help_text="Sources imported, e.g. builtin, onet")
    # Hash of the built-in file, the reference files and the importer code: an unchanged
    # fingerprint means a re-run would change nothing, so `import_skills` skips it.
    fingerprint = models.CharField(max_length=64, db_index=True)
    counts = models.JSONField(default=dict, help_text="Created/updated counts by source")
    skills_total = models.PositiveIntegerField(default=0)
    aliases_total = models.PositiveIntegerField(default=0)
    categories_total = models.PositiveIntegerField(default=0)
    elapsed_seconds = models.FloatField(default=0)
    finished_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-finished_at", "-id"]
        get_latest_by = ["finished_at", "id"]

    def __str__(self) -> str:
        return f"{self.sources} at {self.finished_at:%Y-%m-%d %H:%M}"
