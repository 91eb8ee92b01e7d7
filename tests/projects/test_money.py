"""The exchange-rate table: seeding, conversions, the in-process cache, and how figures read."""

import importlib
import itertools
from dataclasses import replace
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from accounts.models import CURRENCIES
from projects import money
from projects.models import ExchangeRate
from projects.models.money import STAFF_SOURCE
from projects.money import (
    VERSION_CACHE_KEY,
    convert,
    exchange_rates_changed,
    money_format,
    shipped_rates,
    to_usd,
    usd_rates,
)
from projects.services.exchange_rates import exchange_rate_set, exchange_rates_seed

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in CURRENCIES]
CENT = Decimal("0.01")


@pytest.fixture(autouse=True)
def fresh_rates():
    """A test that edits a rate is rolled back; the process's copy of the table must not stay."""
    # The table as a migrated database has it: a transactional test elsewhere (live server,
    # real worker) empties every table when it ends, the migration's rows included.
    exchange_rates_seed()
    exchange_rates_changed()
    yield
    exchange_rates_changed()


# --- The shipped file and the seeding ---------------------------------------------------------


def test_the_shipped_file_has_every_currency_its_date_and_its_source():
    shipped = shipped_rates()
    assert sorted(shipped.usd_per_unit) == sorted(CODES)
    assert shipped.as_of == "2025-03-31"
    assert "31 March 2025" in shipped.description
    assert shipped.usd_per_unit["USD"] == 1
    assert all(rate > 0 for rate in shipped.usd_per_unit.values())


def test_the_migration_seeds_every_currency_from_the_shipped_file():
    ExchangeRate.objects.all().delete()
    migration = importlib.import_module("projects.migrations.0007_seed_exchange_rates")
    migration.seed(django_apps, None)
    rows = {row.currency: row for row in ExchangeRate.objects.all()}
    assert sorted(rows) == sorted(CODES)
    assert {row.source for row in rows.values()} == {"shipped file 2025-03-31"}
    assert rows["EUR"].usd_per_unit == Decimal("1.082")


def test_seeding_twice_adds_nothing_and_changes_nothing():
    before = list(ExchangeRate.objects.values_list("currency", "usd_per_unit", "updated_at"))
    report = exchange_rates_seed()
    assert (report.added, report.refreshed, report.kept) == ([], [], [])
    after = list(ExchangeRate.objects.values_list("currency", "usd_per_unit", "updated_at"))
    assert after == before


def test_seeding_never_overwrites_a_rate_staff_edited():
    exchange_rate_set(currency="EUR", usd_per_unit=Decimal("1.17"))
    newer = replace(
        shipped_rates(),
        as_of="2026-12-01",
        usd_per_unit={**shipped_rates().usd_per_unit, "EUR": Decimal("1.2"), "GBP": Decimal("1.3")},
    )

    report = exchange_rates_seed(shipped=newer)
    exchange_rates_seed(shipped=newer)

    assert report.kept == ["EUR"]
    assert "GBP" in report.refreshed
    eur, gbp = ExchangeRate.objects.get(currency="EUR"), ExchangeRate.objects.get(currency="GBP")
    assert (eur.usd_per_unit, eur.source) == (Decimal("1.17"), STAFF_SOURCE)
    assert (gbp.usd_per_unit, gbp.source) == (Decimal("1.3"), "shipped file 2026-12-01")
    assert ExchangeRate.objects.count() == len(CODES)


def test_seeding_an_empty_table_adds_every_currency_once():
    ExchangeRate.objects.all().delete()
    assert sorted(exchange_rates_seed().added) == sorted(CODES)
    assert sorted(exchange_rates_seed().added) == []
    assert ExchangeRate.objects.count() == len(CODES)


# --- Conversions --------------------------------------------------------------------------------


def test_amounts_convert_through_the_table():
    assert to_usd(Decimal("100"), "EUR") == Decimal("108.2")
    assert convert(Decimal("100"), "EUR", "USD") == Decimal("108.2")
    assert convert(Decimal("108.2"), "USD", "EUR") == Decimal("100")
    assert convert(Decimal("1000"), "INR", "KES").quantize(CENT) == Decimal("1512.80")
    assert convert(Decimal("45.50"), "GBP", "GBP") == Decimal("45.50")


@pytest.mark.parametrize(("source", "target"), list(itertools.product(CODES, CODES)))
def test_a_round_trip_returns_the_amount_within_a_cent(source, target):
    for amount in (Decimal("0.01"), Decimal("45.50"), Decimal("1234567.89")):
        there = convert(amount, source, target)
        assert abs(convert(there, target, source) - amount) < CENT


def test_conversions_are_not_rounded_to_cents_inside():
    # 0.01 NGN is a tiny fraction of a cent: rounding inside would make it 0.
    assert Decimal(0) < to_usd(Decimal("0.01"), "NGN") < CENT
    assert convert(Decimal("10"), "USD", "NGN").as_tuple().exponent < -2


def test_ints_and_floats_convert_like_the_decimals_they_read_as():
    assert to_usd(100, "EUR") == Decimal("108.2")
    assert to_usd(0.1, "USD") == Decimal("0.1")


@pytest.mark.parametrize(
    "call",
    [
        lambda: to_usd(Decimal(1), "XYZ"),
        lambda: convert(Decimal(1), "XYZ", "USD"),
        lambda: convert(Decimal(1), "USD", "XYZ"),
        lambda: convert(Decimal(1), "XYZ", "XYZ"),
    ],
)
def test_an_unknown_currency_is_a_clear_error(call):
    with pytest.raises(ValueError, match="No exchange rate for the currency “XYZ”: Gigwise"):
        call()


# --- The cache -----------------------------------------------------------------------------------


def test_a_rate_staff_edit_changes_the_next_conversion():
    assert to_usd(Decimal("100"), "EUR") == Decimal("108.2")
    exchange_rate_set(currency="EUR", usd_per_unit=Decimal("1.25"))
    assert to_usd(Decimal("100"), "EUR") == Decimal("125")


def test_a_deleted_rate_falls_back_to_the_shipped_file():
    exchange_rate_set(currency="EUR", usd_per_unit=Decimal("1.25"))
    assert to_usd(Decimal("100"), "EUR") == Decimal("125")
    ExchangeRate.objects.filter(currency="EUR").delete()
    assert to_usd(Decimal("100"), "EUR") == Decimal("108.2")


def test_converting_many_amounts_costs_one_query_then_none(django_assert_num_queries):
    amounts = [Decimal(n) / 4 for n in range(1, 500)]
    with django_assert_num_queries(1):
        first = [convert(amount, "EUR", "INR") for amount in amounts]
        [to_usd(amount, "GBP") for amount in amounts]
    with django_assert_num_queries(0):
        again = [convert(amount, "EUR", "INR") for amount in amounts]
        usd_rates()
    assert again == first


def test_another_process_s_edit_is_read_once_the_shared_version_changes(monkeypatch):
    from django.core.cache import cache

    assert to_usd(Decimal("100"), "GBP") == Decimal("129.2")
    # What another process does: write the row, then bump the version in the shared cache.
    ExchangeRate.objects.filter(currency="GBP").update(usd_per_unit=Decimal("1.5"))
    assert to_usd(Decimal("100"), "GBP") == Decimal("129.2")  # this process does not know yet
    cache.set(VERSION_CACHE_KEY, "changed elsewhere", timeout=None)
    monkeypatch.setattr(money, "VERSION_CHECK_SECONDS", 0)
    assert to_usd(Decimal("100"), "GBP") == Decimal("150")


def test_usd_rates_is_a_copy_callers_cannot_spoil():
    usd_rates()["EUR"] = Decimal(99)
    assert usd_rates()["EUR"] == Decimal("1.082")


# --- Display -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (45, "USD", "$45"),
        (Decimal("45.5"), "EUR", "€45.50"),
        (Decimal("1249.996"), "GBP", "£1,250"),
        (Decimal("45.50"), "CAD", "45.50 CAD"),
        (Decimal("9247.863"), "INR", "9,248 INR"),
    ],
)
def test_money_format_rounds_only_for_display(amount, currency, shown):
    assert money_format(amount, currency) == shown
