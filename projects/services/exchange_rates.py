"""Writes to the exchange-rate table: seeding from the shipped file, and staff's edits."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from projects.models.money import SHIPPED_SOURCE_PREFIX, STAFF_SOURCE, ExchangeRate
from projects.money import CURRENCY_CODES, ShippedRates, exchange_rates_changed, shipped_rates

UNKNOWN_CURRENCY = "Choose a currency Gigwise lists: {codes}."


@dataclass
class SeedReport:
    """Currencies the seeding added, refreshed from the file, or kept because staff set them."""

    added: list[str] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@transaction.atomic
def exchange_rates_seed(
    *, shipped: ShippedRates | None = None, rate_model: type[ExchangeRate] = ExchangeRate
) -> SeedReport:
    """Add the shipped rate of each currency the table lacks; keep every rate staff edited.

    A rate an earlier shipped file set is refreshed to this file's; running it twice changes
    nothing the second time. `rate_model` is the migration's historical model when a migration
    runs it.
    """
    shipped = shipped or shipped_rates()
    report = SeedReport()
    rows = {row.currency: row for row in rate_model.objects.select_for_update()}
    for currency, rate in shipped.usd_per_unit.items():
        row = rows.get(currency)
        if row is None:
            rate_model.objects.create(currency=currency, usd_per_unit=rate, source=shipped.source)
            report.added.append(currency)
        elif not row.source.startswith(SHIPPED_SOURCE_PREFIX):
            report.kept.append(currency)
        elif row.usd_per_unit != rate or row.source != shipped.source:
            row.usd_per_unit, row.source = rate, shipped.source
            row.save(update_fields=["usd_per_unit", "source", "updated_at"])
            report.refreshed.append(currency)
    if report.added or report.refreshed:
        # A migration's historical model sends no signal the rate cache listens to.
        transaction.on_commit(exchange_rates_changed)
    return report


@transaction.atomic
def exchange_rate_set(*, currency: str, usd_per_unit: Decimal) -> ExchangeRate:
    """Set a currency's rate by hand (staff); seeding never overwrites it afterwards."""
    if currency not in CURRENCY_CODES:
        raise ValidationError(
            {"currency": UNKNOWN_CURRENCY.format(codes=", ".join(CURRENCY_CODES))}
        )
    rate = ExchangeRate.objects.select_for_update().filter(currency=currency).first()
    rate = rate or ExchangeRate(currency=currency)
    rate.usd_per_unit, rate.source = usd_per_unit, STAFF_SOURCE
    rate.full_clean()
    rate.save()
    return rate
