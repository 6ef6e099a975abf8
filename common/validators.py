"""Checks of what people type that Django's own validators let through.

- ``validate_visible_name``: a person's or a company's name must show at least one
  letter, digit or sign; one made only of zero-width characters, invisible format marks,
  fillers or spaces is refused.
- ``validate_mailable_email``: an address we can actually send mail to. Django accepts
  what the standard allows, quoted local parts (``"<b>hi</b>"@example.com``) and
  addresses without a domain name (``name@localhost``, ``name@[10.0.0.1]``) included; mail
  servers refuse or mangle those, and the confirmation would silently never arrive.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
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
UNMAILABLE_MESSAGE = _(
    "We cannot send mail to this address. Please type it as your mail app shows it, e.g. "
    "name@company.com: no quotation marks, spaces or brackets before the @, and a full domain "
    "name after it."
)

# The plain form of the part before the @ (RFC 5322 dot-atom): what every mail server takes.
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")


def _visible(character: str) -> bool:
    return (
        unicodedata.category(character) not in INVISIBLE_CATEGORIES
        and character not in BLANK_CHARACTERS
    )


def validate_visible_name(value) -> None:
    if isinstance(value, str) and value and not any(_visible(c) for c in value):
        raise ValidationError(INVISIBLE_NAME_MESSAGE, code="invisible")


def validate_mailable_email(value) -> None:
    """Used beside Django's EmailValidator: an address that one refuses gets its message
    alone."""
    if not isinstance(value, str) or not value:
        return
    try:
        validate_email(value)
    except ValidationError:
        return
    local, _at, domain = value.rpartition("@")
    if not _DOT_ATOM.match(local) or domain.startswith("[") or "." not in domain.strip("."):
        raise ValidationError(UNMAILABLE_MESSAGE, code="unmailable")
