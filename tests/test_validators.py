"""common.validators: names that show nothing, addresses no mail server takes."""

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from common.validators import validate_mailable_email, validate_visible_name

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


UNMAILABLE = [
    '"<script>alert(1)</script>"@example.com',
    '"<b>Aiko</b>"@example.jp',
    '"aiko@home"@example.jp',
    "aiko@localhost",
    "aiko@[10.0.0.1]",
]


@pytest.mark.parametrize("value", UNMAILABLE)
def test_validate_mailable_email_refuses_addresses_no_mail_server_takes(value):
    """Each of these passes Django's EmailValidator."""
    EmailValidator()(value)

    with pytest.raises(ValidationError) as refused:
        validate_mailable_email(value)

    assert refused.value.code == "unmailable"
    assert "no quotation marks" in refused.value.messages[0]


@pytest.mark.parametrize(
    "value",
    ["aiko@example.jp", "a.tanaka+expo@trading.co.jp", "o'brien@example.ie", "x@bücher.de", ""],
)
def test_validate_mailable_email_accepts_ordinary_addresses(value):
    assert validate_mailable_email(value) is None
