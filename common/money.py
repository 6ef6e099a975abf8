"""Money is a Decimal amount with a currency; the booth reports in USD and IDR."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY_MAX_DIGITS = 16
MONEY_DECIMAL_PLACES = 2


class Currency(models.TextChoices):
    IDR = "IDR", _("Indonesian rupiah (IDR)")
    USD = "USD", _("US dollar (USD)")


def usd_idr_rate() -> Decimal:
    return Decimal(str(settings.EXPO_USD_IDR_RATE))


def convert(amount: Decimal | None, source: str, target: str) -> Decimal | None:
    """Convert between IDR and USD at the booth's reporting rate, rounded to cents."""
    if amount is None:
        return None
    if source == target:
        return amount
    rate = usd_idr_rate()
    if source == Currency.USD and target == Currency.IDR:
        result = amount * rate
    elif source == Currency.IDR and target == Currency.USD:
        result = amount / rate
    else:
        raise ValueError(f"Unknown currency pair {source}->{target}")
    return result.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
