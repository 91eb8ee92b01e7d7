"""The exchange-rate table every comparison and statistic across currencies goes through."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from accounts.models import CURRENCIES

BASE_CURRENCY = "USD"
# `source` of a rate the shipped file set ("shipped file 2025-03-31"); seeding refreshes only
# these, so a rate with any other source (staff's) is never overwritten.
SHIPPED_SOURCE_PREFIX = "shipped file"
STAFF_SOURCE = "edited by staff"


class ExchangeRate(models.Model):
    """How many US dollars one unit of a currency buys."""

    currency = models.CharField(max_length=3, choices=CURRENCIES, unique=True)
    usd_per_unit = models.DecimalField(
        "US dollars per unit",
        max_digits=18,
        decimal_places=8,
        validators=[
            MinValueValidator(Decimal("0.00000001"), message="A rate must be more than 0.")
        ],
        help_text="What one unit of the currency is worth in US dollars, e.g. 1.08 for the "
        "euro, 0.0117 for the Indian rupee.",
    )
    source = models.CharField(
        max_length=80, help_text="Where the rate came from: the shipped file, or staff."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["currency"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usd_per_unit__gt=0), name="exchange_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.usd_per_unit.normalize():f} USD"

    def clean(self) -> None:
        if self.currency == BASE_CURRENCY and self.usd_per_unit not in (None, Decimal(1)):
            raise ValidationError(
                {"usd_per_unit": "The US dollar is the base of the table: its rate is always 1."}
            )

    @property
    def units_per_usd(self) -> Decimal:
        return Decimal(1) / self.usd_per_unit

    @property
    def is_staff_edited(self) -> bool:
        return not self.source.startswith(SHIPPED_SOURCE_PREFIX)
