"""Summary tables the insight pages read, the trained estimator, and a record of each task run.

Pages never aggregate raw rows: Celery beat tasks compute these tables, so a page costs the same
few queries whatever the size of the market. Every amount here is in US dollars; pages convert
to the reader's currency through the exchange-rate table.
"""

from django.db import models
from django.utils import timezone

from projects.models import Project, Skill


class TaskRun(models.Model):
    """One run of an aggregation or training task: when, how it ended, how many rows it wrote."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    task = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_written = models.PositiveIntegerField(default=0)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.task} {self.started_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class RateStat(models.Model):
    """Hourly rates seen for one skill, at one level, in one region, over the last year.

    `level` "" means every level and `region` "any" every region: the wider rows the advice
    falls back to when the narrow one has too few observations.
    """

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="rate_stats")
    level = models.CharField(max_length=12, blank=True)
    region = models.CharField(max_length=16, default=Project.Region.ANY)
    contracts = models.PositiveIntegerField(default=0)
    accepted_proposals = models.PositiveIntegerField(default=0)
    asking = models.PositiveIntegerField(default=0, help_text="Profile rates and other bids")
    weight = models.FloatField(default=0, help_text="Observations, contracts counting most")
    p25 = models.DecimalField(max_digits=9, decimal_places=2)
    p50 = models.DecimalField(max_digits=9, decimal_places=2)
    p75 = models.DecimalField(max_digits=9, decimal_places=2)
    period_start = models.DateField()
    period_end = models.DateField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["skill", "level", "region"], name="rate_stat_once")
        ]

    def __str__(self) -> str:
        return f"{self.skill} {self.level or 'any level'} {self.region}: {self.p50} USD/h"

    @property
    def sample_size(self) -> int:
        return self.contracts + self.accepted_proposals + self.asking


class SkillDemandWeek(models.Model):
    """How many projects published in one week asked for a skill, and their budgets (USD)."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="demand_weeks")
    week = models.DateField(help_text="The Monday the week starts on")
    projects = models.PositiveIntegerField(default=0)
    budget_usd = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["skill", "week"], name="demand_week_once")]
        ordering = ["skill", "week"]

    def __str__(self) -> str:
        return f"{self.skill} {self.week}: {self.projects}"


class SkillMarket(models.Model):
    """One skill's market now: demand over the year, its growth, supply, and opportunity."""

    skill = models.OneToOneField(Skill, on_delete=models.CASCADE, related_name="market")
    projects_year = models.PositiveIntegerField(default=0)
    projects_recent = models.PositiveIntegerField(default=0, help_text="The last 13 weeks")
    projects_before = models.PositiveIntegerField(default=0, help_text="The 13 weeks before")
    growth = models.FloatField(default=0, help_text="Recent quarter against the one before")
    budget_share = models.FloatField(default=0, help_text="Share of the year's budgets")
    open_projects = models.PositiveIntegerField(default=0)
    available_freelancers = models.PositiveIntegerField(default=0)
    opportunity = models.FloatField(default=0, db_index=True)
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.skill}: {self.projects_year} projects, opportunity {self.opportunity:.2f}"

    @property
    def demand_per_freelancer(self) -> float:
        return self.open_projects / max(1, self.available_freelancers)


class TrainedEstimator(models.Model):
    """A budget and duration estimator trained on the platform's data; the active one answers."""

    created_at = models.DateTimeField(auto_now_add=True)
    version = models.CharField(max_length=40)
    rows = models.PositiveIntegerField(default=0, help_text="Training rows")
    metrics = models.JSONField(default=dict, blank=True)
    artifact = models.BinaryField()
    is_active = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"estimator {self.version} ({self.rows} rows)"
