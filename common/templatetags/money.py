from decimal import Decimal

from django import template
from django.utils.formats import number_format

from common.money import Currency, convert

register = template.Library()

DECIMALS = {Currency.IDR: 0, Currency.USD: 2}


def _amount(value: Decimal, currency: str) -> str:
    return number_format(value, DECIMALS.get(currency, 2), use_l10n=True, force_grouping=True)


def format_range(low, high, currency) -> str:
    """'IDR 85,000 – 120,000', 'USD 12.50', or '' when no price is given."""
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return f"{currency} {_amount(low if low is not None else high, currency)}"
    return f"{currency} {_amount(low, currency)} – {_amount(high, currency)}"


@register.simple_tag
def price_range(product, currency=None):
    """A product's price range in its own currency, or converted to ``currency``."""
    if currency and currency != product.currency:
        low = convert(product.price_min, product.currency, currency)
        high = convert(product.price_max, product.currency, currency)
        return format_range(low, high, currency)
    return format_range(product.price_min, product.price_max, product.currency)


@register.simple_tag
def other_currency(product):
    """The currency a product's price is not in: IDR for USD prices and the reverse."""
    return Currency.USD if product.currency == Currency.IDR else Currency.IDR


@register.filter
def money(value, currency):
    if value is None or value == "":
        return ""
    return f"{currency} {_amount(value, currency)}"
