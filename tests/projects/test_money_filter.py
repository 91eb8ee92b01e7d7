"""The `money` filter every page writes amounts with: "1,250.00 USD"."""

from decimal import Decimal

import pytest
from django.template import engines


def render(amount, currency="USD") -> str:
    # A builtin: no {% load %} needed, as on the site's pages.
    template = engines["django"].from_string("{{ amount|money:currency }}")
    return template.render({"amount": amount, "currency": currency})


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (Decimal("1250"), "USD", "1,250.00 USD"),
        (Decimal("45.5"), "EUR", "45.50 EUR"),
        (Decimal("1234567.891"), "INR", "1,234,567.89 INR"),
        (0, "GBP", "0.00 GBP"),
        (None, "USD", ""),  # no amount: nothing, not "None USD"
        ("soon", "USD", "soon"),  # not a number: left as it is rather than an error page
    ],
)
def test_amounts_keep_cents_group_thousands_and_name_the_currency(amount, currency, shown):
    assert render(amount, currency) == shown
