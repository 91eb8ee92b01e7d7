"""Saved searches with their alert frequency, and the sent-log that makes alerts idempotent."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class SavedSearch(models.Model):
    """A filter set from the browse page that a freelancer wants to hear about."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("Instant: within a quarter of an hour")
        DAILY = "daily", _("Daily: one digest each morning")
        WEEKLY = "weekly", _("Weekly: one digest a week, in the morning")
        OFF = "off", _("Off: saved, no alerts")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=80)
    # The browse page's GET parameters, canonical (sorted, only filters): "?{query}" reopens it.
    query = models.CharField(max_length=1000)
    frequency = models.CharField(
        max_length=8, choices=Frequency.choices, default=Frequency.DAILY, db_index=True
    )
    # The watermark: projects published after it are new. Set to a week before the search was
    # saved (the first digest shows what it brings, not the whole back catalogue) and moved by
    # every run that was due.
    last_sent_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="one_saved_search_name_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_frequency_display()})"

    @property
    def alerts_on(self) -> bool:
        return self.frequency != self.Frequency.OFF


class AlertDelivery(models.Model):
    """One project sent to one person by a saved search's alert: never sent to them again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    # Kept when the search is deleted: the log still stops the project being sent again.
    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.SET_NULL, related_name="deliveries", null=True, blank=True
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="alert_deliveries")
    # What the digest said about it, so the in-app list shows the same reasons later.
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    digest_key = models.CharField(max_length=120, help_text="The digest it went out in")
    sent_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-sent_at", "position", "id"]
        verbose_name_plural = "alert deliveries"
        constraints = [
            # Two saved searches matching one project, or a digest retried after a crash, still
            # send the project to the person once.
            models.UniqueConstraint(fields=["user", "project"], name="one_alert_per_user_project"),
        ]

    def __str__(self) -> str:
        return f"{self.project} to {self.user}"
