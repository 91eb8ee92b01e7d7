"""Money across currencies: the exchange-rate table as read, conversions, and display.

Amounts keep their own currency everywhere; comparisons and statistics convert through the
ExchangeRate table, which staff edit in the admin and a migration seeds from
projects/data/exchange_rates.yaml. Nothing here calls the network. Conversions keep full
decimal precision; a figure is rounded to cents only when it is shown (`money_format`).
"""

import time
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import CURRENCIES

from .models.money import BASE_CURRENCY, SHIPPED_SOURCE_PREFIX, ExchangeRate

SHIPPED_RATES_FILE = Path(__file__).resolve().parent / "data" / "exchange_rates.yaml"
CURRENCY_CODES = tuple(code for code, _name in CURRENCIES)
CURRENCY_SIGN = {"USD": "$", "EUR": "€", "GBP": "£"}
# A process keeps the table in memory and asks the shared cache whether it changed at most
# this often, so converting thousands of amounts costs neither a query nor a cache round trip.
# The process that saves a rate forgets its copy at once; the others within these seconds.
VERSION_CHECK_SECONDS = 5.0
VERSION_CACHE_KEY = "projects:exchange-rates:version"

Amount = Decimal | int | float


@dataclass(frozen=True)
class ShippedRates:
    """The rates in the file shipped with Gigwise, and what it says they are."""

    as_of: str
    description: str
    usd_per_unit: dict[str, Decimal]

    @property
    def source(self) -> str:
        """The `source` a seeded ExchangeRate row gets, e.g. "shipped file 2025-03-31"."""
        return f"{SHIPPED_SOURCE_PREFIX} {self.as_of}"


@lru_cache(maxsize=4)
def shipped_rates(path: Path = SHIPPED_RATES_FILE) -> ShippedRates:
    """The shipped file, checked: every listed currency once, each rate a positive decimal."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw = data.get("usd_per_unit") or {}
    missing = [code for code in CURRENCY_CODES if code not in raw]
    if missing:
        raise ValueError(f"{path.name} has no rate for {', '.join(missing)}.")
    rates = {}
    for code, value in raw.items():
        try:
            rate = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(
                f"{path.name}: the rate of {code} is not a number ({value!r})."
            ) from None
        if not rate.is_finite() or rate <= 0:
            raise ValueError(f"{path.name}: the rate of {code} must be more than 0.")
        rates[code] = rate
    if rates[BASE_CURRENCY] != 1:
        raise ValueError(f"{path.name}: {BASE_CURRENCY} is the base; its rate must be 1.")
    return ShippedRates(
        as_of=str(data.get("as_of", "")),
        description=str(data.get("source", "")),
        usd_per_unit=rates,
    )


@dataclass
class _Memo:
    version: str
    rates: dict[str, Decimal]
    checked_at: float


_memo: _Memo | None = None


def _shared_version() -> str:
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_CACHE_KEY, "")
    return version


def _rates() -> dict[str, Decimal]:
    global _memo
    memo, now = _memo, time.monotonic()
    if memo is not None and now - memo.checked_at < VERSION_CHECK_SECONDS:
        return memo.rates
    version = _shared_version()
    if memo is None or memo.version != version:
        # The shipped file underneath: a currency whose row is missing (an emptied table)
        # still converts.
        rates = dict(shipped_rates().usd_per_unit)
        rates.update(ExchangeRate.objects.values_list("currency", "usd_per_unit"))
        memo = _Memo(version=version, rates=rates, checked_at=now)
    else:
        memo.checked_at = now
    _memo = memo
    return memo.rates


def exchange_rates_changed() -> None:
    """Forget the rates this process read and have every other process read them again."""
    global _memo
    _memo = None
    cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)


@receiver([post_save, post_delete], sender=ExchangeRate, dispatch_uid="exchange_rate_changed")
def _exchange_rate_saved_or_deleted(**kwargs) -> None:
    exchange_rates_changed()  # this process sees its own change at once
    # Another process may read the old rate again before the transaction commits.
    transaction.on_commit(exchange_rates_changed)


def usd_rates() -> dict[str, Decimal]:
    """US dollars per unit of every currency, from the table (no query once this process has it)."""
    return dict(_rates())


def _rate(currency: str, rates: dict[str, Decimal]) -> Decimal:
    try:
        return rates[currency]
    except KeyError:
        raise ValueError(
            f"No exchange rate for the currency “{currency}”: "
            f"Gigwise converts {', '.join(sorted(rates))}."
        ) from None


def _decimal(amount: Amount) -> Decimal:
    # A float goes through its shortest repr, so 0.1 is 0.1 and not 0.1000000000000000055.
    return Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)


def to_usd(amount: Amount, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars, unrounded."""
    return _decimal(amount) * _rate(currency, _rates())


def convert(amount: Amount, source: str, target: str) -> Decimal:
    """`amount` of currency `source` in currency `target`, unrounded (round when showing it)."""
    rates = _rates()
    from_rate, to_rate = _rate(source, rates), _rate(target, rates)
    if source == target:
        return _decimal(amount)
    return _decimal(amount) * from_rate / to_rate


def money_range(low: Amount, high: Amount, currency: str) -> str:
    """Two amounts as one range joined by an en dash ("$40", dash, "$60"); one when equal."""
    if low == high:
        return money_format(low, currency)
    return f"{money_format(low, currency)}\u2013{money_format(high, currency)}"


def money_format(amount: Amount, currency: str) -> str:
    """An amount as people read it: "$45", "€1,250", "45.50 CAD" (cents only when there are)."""
    sign = CURRENCY_SIGN.get(currency)
    whole = abs(amount) >= 100 or amount == int(amount)
    figure = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return f"{sign}{figure}" if sign else f"{figure} {currency}"
