import datetime
from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format

from common.money import Currency, convert

register = template.Library()


@register.filter
def money(amount, currency="USD"):
    """``USD 1,250.00`` / ``IDR 20.000.000`` in the active language's number format."""
    if amount in (None, ""):
        return "—"
    places = 0 if currency == Currency.IDR else 2
    return f"{currency} {number_format(Decimal(amount), decimal_pos=places, force_grouping=True)}"


@register.filter
def idr(amount_usd):
    """A USD amount in rupiah at the reporting rate, formatted."""
    if amount_usd in (None, ""):
        return "—"
    return money(convert(Decimal(amount_usd), Currency.USD, Currency.IDR), Currency.IDR)


@register.filter
def cell(value, is_money=False):
    """A table cell: amounts as money, counts grouped, dates as dates, text as is."""
    if is_money:
        return money(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    if isinstance(value, datetime.date):
        return date_format(value, "D j M Y")
    if value is None:
        return "—"
    return value


@register.filter
def price_range(product):
    """The product's price range per unit, in its own currency (no unit)."""
    low, high = product.price_min, product.price_max
    if low is None and high is None:
        return ""
    if low is not None and high is not None and low != high:
        places = 0 if product.currency == Currency.IDR else 2
        return (
            f"{product.currency} {number_format(low, decimal_pos=places, force_grouping=True)}"
            f"–{number_format(high, decimal_pos=places, force_grouping=True)}"
        )
    return money(low if low is not None else high, product.currency)


@register.filter
def has_index(collection, index):
    return index in collection
