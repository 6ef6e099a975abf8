"""Checks of what people type that Django's own validators let through.

- ``validate_visible_name``: a person's or a company's name must show at least one
  letter, digit or sign; one made only of zero-width characters, invisible format marks,
  fillers or spaces is refused.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode categories that show nothing by themselves: controls, format marks (zero-width
# space and joiners, direction marks, the BOM), unassigned and private code points,
# separators, combining marks without a base.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and symbols that are drawn blank (Hangul fillers, the blank Braille pattern).
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")

INVISIBLE_NAME_MESSAGE = _(
    "This name is made only of invisible characters or spaces. Please type the name with letters."
)


def _visible(character: str) -> bool:
    return (
        unicodedata.category(character) not in INVISIBLE_CATEGORIES
        and character not in BLANK_CHARACTERS
    )


def validate_visible_name(value) -> None:
    if isinstance(value, str) and value and not any(_visible(c) for c in value):
        raise ValidationError(INVISIBLE_NAME_MESSAGE, code="invisible")
