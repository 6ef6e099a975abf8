"""A quantity with its unit, in the page's language: "1 pack", "200 packs", "200 pak"."""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import npgettext

from .choices import Unit

# One ngettext call per unit, so that makemessages finds both English forms.
_FORMS = {
    Unit.PIECE: lambda n: npgettext("quantity", "%(quantity)s piece", "%(quantity)s pieces", n),
    Unit.SET: lambda n: npgettext("quantity", "%(quantity)s set", "%(quantity)s sets", n),
    Unit.PACK: lambda n: npgettext("quantity", "%(quantity)s pack", "%(quantity)s packs", n),
    Unit.BOX: lambda n: npgettext("quantity", "%(quantity)s box", "%(quantity)s boxes", n),
    Unit.CARTON: lambda n: npgettext("quantity", "%(quantity)s carton", "%(quantity)s cartons", n),
    Unit.DOZEN: lambda n: npgettext("quantity", "%(quantity)s dozen", "%(quantity)s dozen", n),
    Unit.KILOGRAM: lambda n: npgettext(
        "quantity", "%(quantity)s kilogram", "%(quantity)s kilograms", n
    ),
    Unit.GRAM: lambda n: npgettext("quantity", "%(quantity)s gram", "%(quantity)s grams", n),
    Unit.TONNE: lambda n: npgettext("quantity", "%(quantity)s tonne", "%(quantity)s tonnes", n),
    Unit.LITRE: lambda n: npgettext("quantity", "%(quantity)s litre", "%(quantity)s litres", n),
    Unit.METRE: lambda n: npgettext("quantity", "%(quantity)s metre", "%(quantity)s metres", n),
    Unit.SHEET: lambda n: npgettext("quantity", "%(quantity)s sheet", "%(quantity)s sheets", n),
}


def quantity_with_unit(quantity, unit: str) -> str:
    """``quantity`` (an int or Decimal; up to two decimals shown, thousands grouped) with
    ``unit`` (a ``Unit`` value) in the singular or plural it takes. A quantity with no
    known unit is shown alone; no quantity gives an empty string."""
    if quantity is None or quantity == "":
        return ""
    shown = floatformat(quantity, "-2g")
    forms = _FORMS.get(unit)
    if forms is None:
        return shown
    # gettext wants a whole number: exactly one is singular, anything else (2, 0.5) plural.
    count = 1 if Decimal(str(quantity)) == 1 else 2
    return forms(count) % {"quantity": shown}
