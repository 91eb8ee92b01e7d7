"""The `money` filter: an amount as every page writes it, "1,250.00 USD" (a builtin filter).

Figures keep their cents and are grouped by thousands, the currency code follows; prose that
names a rate in a sentence ("$45/h within the budget") uses projects.money.money_format instead.
"""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def money(amount, currency: str = "") -> str:
    """ "1,250.00 USD"; empty for no amount, the value unchanged when it is not a number."""
    if amount is None or amount == "":
        return ""
    try:
        figure = f"{Decimal(str(amount)):,.2f}"
    except (InvalidOperation, ValueError):
        return str(amount)
    return f"{figure} {currency}".strip()
