"""Staff keep the exchange rates current in the admin; an edit is marked and used at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import ExchangeRate
from projects.models.money import STAFF_SOURCE
from projects.money import exchange_rates_changed, to_usd
from projects.services.exchange_rates import exchange_rates_seed

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:projects_exchangerate_changelist")


def change_url(rate: ExchangeRate) -> str:
    return reverse("admin:projects_exchangerate_change", args=[rate.pk])


@pytest.fixture(autouse=True)
def fresh_rates():
    """The edits below are rolled back; the process's copy of the table must not keep them."""
    # The table as a migrated database has it: a transactional test elsewhere (live server,
    # real worker) empties every table when it ends, the migration's rows included.
    exchange_rates_seed()
    exchange_rates_changed()
    yield
    exchange_rates_changed()


def test_staff_see_every_rate_both_ways_round(staff_client):
    page = staff_client.get(CHANGELIST).content.decode()
    assert "Units per US dollar" in page
    assert "shipped file 2025-03-31" in page
    assert "85.4701" in page  # 1 USD in rupees, as rates are usually quoted


def test_staff_can_search_rates(staff_client):
    page = staff_client.get(CHANGELIST, {"q": "INR"}).content.decode()
    assert "0.01170000" in page
    assert "1.08200000" not in page


def test_staff_edit_a_rate_and_conversions_use_it(staff_client):
    eur = ExchangeRate.objects.get(currency="EUR")
    assert to_usd(Decimal("100"), "EUR") == Decimal("108.2")

    response = staff_client.post(change_url(eur), {"usd_per_unit": "1.1650", "_save": "Save"})

    assert response.status_code == 302
    eur.refresh_from_db()
    assert eur.usd_per_unit == Decimal("1.165")
    assert eur.source == STAFF_SOURCE
    assert to_usd(Decimal("100"), "EUR") == Decimal("116.5")
    # And the next shipped file leaves it alone.
    assert exchange_rates_seed().kept == ["EUR"]


def test_staff_edit_rates_from_the_list(staff_client):
    rates = list(ExchangeRate.objects.all())  # the list's order: by currency
    data = {
        "form-TOTAL_FORMS": str(len(rates)),
        "form-INITIAL_FORMS": str(len(rates)),
        "_save": "Save",
    }
    for n, rate in enumerate(rates):
        value = "0.0125" if rate.currency == "INR" else str(rate.usd_per_unit)
        data |= {f"form-{n}-id": str(rate.pk), f"form-{n}-usd_per_unit": value}

    response = staff_client.post(CHANGELIST, data)

    assert response.status_code == 302
    inr = ExchangeRate.objects.get(currency="INR")
    assert (inr.usd_per_unit, inr.source) == (Decimal("0.0125"), STAFF_SOURCE)
    assert to_usd(Decimal("1000"), "INR") == Decimal("12.5")


@pytest.mark.parametrize(
    ("currency", "value", "message"),
    [
        ("USD", "1.1", "The US dollar is the base of the table: its rate is always 1."),
        ("EUR", "0", "A rate must be more than 0."),
        ("EUR", "euro", "Enter a number."),
    ],
)
def test_a_wrong_rate_is_refused_with_the_reason(staff_client, currency, value, message):
    rate = ExchangeRate.objects.get(currency=currency)

    response = staff_client.post(change_url(rate), {"usd_per_unit": value, "_save": "Save"})

    assert response.status_code == 200
    assert message in response.content.decode()
    rate.refresh_from_db()
    assert rate.source.startswith("shipped file")


def test_the_currency_of_a_rate_cannot_be_changed_nor_the_rate_deleted(staff_client):
    eur = ExchangeRate.objects.get(currency="EUR")

    staff_client.post(change_url(eur), {"currency": "GBP", "usd_per_unit": "1.2", "_save": "Save"})

    eur.refresh_from_db()
    assert eur.currency == "EUR"
    delete = reverse("admin:projects_exchangerate_delete", args=[eur.pk])
    assert staff_client.get(delete).status_code == 403


def test_adding_is_only_for_a_currency_whose_rate_is_missing(staff_client):
    add = reverse("admin:projects_exchangerate_add")
    assert staff_client.get(add).status_code == 403

    ExchangeRate.objects.filter(currency="PHP").delete()
    response = staff_client.post(add, {"currency": "PHP", "usd_per_unit": "0.018", "_save": "Save"})

    assert response.status_code == 302
    php = ExchangeRate.objects.get(currency="PHP")
    assert (php.usd_per_unit, php.source) == (Decimal("0.018"), STAFF_SOURCE)


def test_people_who_are_not_staff_cannot_edit_rates(client, freelancer, employer):
    eur = ExchangeRate.objects.get(currency="EUR")
    for user in (freelancer, employer):
        client.force_login(user)
        response = client.post(change_url(eur), {"usd_per_unit": "9", "_save": "Save"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    eur.refresh_from_db()
    assert eur.usd_per_unit == Decimal("1.082")
