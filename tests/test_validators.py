"""common.validators: names that show nothing, addresses no mail server takes."""

import pytest
from django.core.exceptions import ValidationError

from common.validators import validate_visible_name

INVISIBLE_NAMES = {
    "zero-width spaces": "\u200b\u200b\u200b",
    "zero-width joiners": "\u200c\u200d",
    "word joiner and BOM": "\u2060\ufeff",
    "right-to-left override": "\u202e",
    "Hangul filler": "\u3164\u3164",
    "blank Braille": "\u2800",
    "no-break and ideographic spaces": "\u00a0\u3000",
    "zero-width between spaces": " \u200b ",
    "combining marks only": "\u0301\u0308",
    "soft hyphen": "\u00ad",
}


@pytest.mark.parametrize("value", list(INVISIBLE_NAMES.values()), ids=list(INVISIBLE_NAMES))
def test_validate_visible_name_refuses_names_that_show_nothing(value):
    with pytest.raises(ValidationError) as refused:
        validate_visible_name(value)

    assert refused.value.code == "invisible"
    assert refused.value.messages == [
        "This name is made only of invisible characters or spaces. Please type the name "
        "with letters."
    ]


@pytest.mark.parametrize(
    "value", ["Sari", "李小龙", "O'Brien", "Ngô Bảo", "\u200bSari", "PT. Kopi 88", "X", ""]
)
def test_validate_visible_name_accepts_names_with_something_to_see(value):
    assert validate_visible_name(value) is None
