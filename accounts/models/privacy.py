"""A person's choices about AI features, their history, and attributes shared for audits only.

Consent is read by the pipelines of higher apps (matching, insights, automation) through
`accounts.selectors.privacy`; no row for a feature means its default, stated on the privacy page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import User


class AIFeature(models.TextChoices):
    """The AI features a person can switch off, each explained in one sentence on the page."""

    SUGGESTED_TO_EMPLOYERS = "suggested_to_employers", _("Suggest me to employers")
    MATCHED_FEED = "matched_feed", _("Match gigs to me")
    TRAIN_ON_ACTIVITY = "train_on_activity", _("Learn ranking from my activity")
    MARKET_STATISTICS = "market_statistics", _("Count my contracts in market statistics")


class Consent(models.Model):
    """The current choice for one feature; the history is in ConsentEvent."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    feature = models.CharField(max_length=32, choices=AIFeature.choices)
    granted = models.BooleanField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "feature"], name="one_consent_per_feature")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.feature} {'on' if self.granted else 'off'}"


class ConsentEvent(models.Model):
    """One change of a consent, as the person made it: what, to which value, when, from where."""

    class Source(models.TextChoices):
        PRIVACY_PAGE = "privacy_page", _("Privacy page")
        API = "api", _("API")
        SIGN_UP = "sign_up", _("Sign-up")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consent_events")
    feature = models.CharField(max_length=32, choices=AIFeature.choices)
    granted = models.BooleanField()
    source = models.CharField(max_length=16, choices=Source.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user}: {self.feature} {'on' if self.granted else 'off'} ({self.source})"


class SelfDeclaredAttribute(models.Model):
    """Something a person chose to share only so the fairness audit can check exposure by it.

    Never a ranking feature: the scorer does not read this table (a test checks that changing
    it leaves every score unchanged), and only the audit's group counts leave it.
    """

    class Attribute(models.TextChoices):
        GENDER = "gender", _("Gender")
        AGE_BAND = "age_band", _("Age band")
        DISABILITY = "disability", _("Disability")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="audit_attributes")
    attribute = models.CharField(max_length=16, choices=Attribute.choices)
    value = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "attribute"], name="one_declared_value_per_attribute"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.attribute}"


# What a person may share for each attribute; sharing nothing ("prefer not to say") is no row.
# The stored value is the short text itself, so the audit's groups read as the person chose.
DECLARED_CHOICES: dict[str, list[tuple[str, str]]] = {
    SelfDeclaredAttribute.Attribute.GENDER: [
        ("woman", _("Woman")),
        ("man", _("Man")),
        ("non-binary", _("Non-binary")),
        ("another gender", _("Another gender")),
    ],
    SelfDeclaredAttribute.Attribute.AGE_BAND: [
        ("under 25", _("Under 25")),
        ("25-34", _("25 to 34")),
        ("35-44", _("35 to 44")),
        ("45-54", _("45 to 54")),
        ("55 or over", _("55 or over")),
    ],
    SelfDeclaredAttribute.Attribute.DISABILITY: [
        ("yes", _("Yes, I have a disability")),
        ("no", _("No")),
    ],
}
