"""Bad input on the lead forms: a clear message beside the field, HTTP 400, nothing saved.

Every case posts the whole form through the real view (CSRF and middleware included)
with one field made bad.
"""

import pytest
from django.urls import reverse

from buyers.models import Buyer, Delegate, ExpressionOfInterest, Inquiry

from .factories import ExhibitorFactory, ProductFactory
from .lead_data import placement_post, trade_post

NOTHING_SENT = "Nothing was sent yet. Please check the fields marked below."


UNMAILABLE = (
    "We cannot send mail to this address. Please type it as your mail app shows it, e.g. "
    "name@company.com: no quotation marks, spaces or brackets before the @, and a full domain "
    "name after it."
)
INVISIBLE_NAME = (
    "This name is made only of invisible characters or spaces. Please type the name with letters."
)


def assert_nothing_saved():
    assert ExpressionOfInterest.objects.count() == 0
    assert Buyer.objects.count() == 0
    assert Delegate.objects.count() == 0
    assert Inquiry.objects.count() == 0


def field_error(response, field: str) -> str:
    """The text of the error shown right under ``field`` (its id is id_<field>_error)."""
    html = response.content.decode()
    marker = f'id="id_{field}_error"'
    assert marker in html, f"no error beside {field}"
    start = html.index(">", html.index(marker)) + 1
    return html[start : html.index("</div>", start)].strip()


@pytest.fixture
def product(db):
    return ProductFactory(slug="gayo-coffee")


def post_trade(client, product, **changes):
    url = reverse("buyers:product-interest", args=[product.slug])
    return client.post(url, trade_post(**changes))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "aiko-at-example.jp", "Enter a valid email address."),
        ("email", "aiko@example.jp\r\n", "An email address cannot contain a line break."),
        (
            "email",
            "aiko@example.jp\r\nBcc: everyone@example.com",
            "An email address cannot contain a line break.",
        ),
        ("email", "aiko@example.jp\n", "An email address cannot contain a line break."),
        (
            "phone",
            "12345",
            "Enter a phone number with its country code, e.g. +81 90 1234 5678.",
        ),
        (
            "phone",
            "call me maybe",
            "Enter a phone number with its country code, e.g. +81 90 1234 5678.",
        ),
        ("country", "XX", "Choose a country from the list."),
        ("country", "Japan", "Choose a country from the list."),
        ("destination_country", "ZZ", "Choose a country from the list."),
        ("name", "Aiko\r\nBcc: x@example.com", "Enter this on one line, without line breaks."),
        (
            "company",
            "Tanaka\nTrading",
            "Enter this on one line, without line breaks.",
        ),
        ("name", "\u200b\u200b\u200b", INVISIBLE_NAME),
        ("email", '"<script>alert(1)</script>"@example.com', UNMAILABLE),
        ("company", "\u200c\u3164\u200d", INVISIBLE_NAME),
    ],
    ids=[
        "email-invalid",
        "email-trailing-crlf",
        "email-crlf-header-injection",
        "email-trailing-lf",
        "phone-too-short",
        "phone-letters",
        "country-unknown-code",
        "country-name-not-code",
        "destination-unknown-code",
        "name-crlf",
        "company-lf",
        "name-zero-width-only",
        "email-quoted-markup",
        "company-invisible-only",
    ],
)
def test_trade_inquiry_bad_contact_field_rejected(client, product, field, value, message):
    response = post_trade(client, product, **{field: value})

    assert response.status_code == 400
    assert field_error(response, field) == message
    assert NOTHING_SENT in response.content.decode()
    assert_nothing_saved()


QUANTITY_MESSAGE = "Enter a quantity above 0 with at most 12 digits, e.g. 500 or 12.5."
PRICE_MESSAGE = "Enter the price per unit as a number above 0, e.g. 12.50."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    ["-1", "0", "1e309", "NaN", "Infinity", "12345678901234567890", "1.234", "ten"],
    ids=[
        "minus-one",
        "zero",
        "1e309",
        "nan",
        "infinity",
        "twenty-digits",
        "three-decimals",
        "letters",
    ],
)
def test_trade_inquiry_bad_quantity_rejected(client, product, value):
    response = post_trade(client, product, quantity=value)

    assert response.status_code == 400
    assert field_error(response, "quantity") == QUANTITY_MESSAGE
    assert_nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    ["12abc", "USD 12", "-5", "0", "1e309", "NaN", "12345678901234567890"],
    ids=["letters-after", "letters-before", "negative", "zero", "1e309", "nan", "twenty-digits"],
)
def test_trade_inquiry_bad_target_price_rejected(client, product, value):
    response = post_trade(client, product, target_price=value)

    assert response.status_code == 400
    assert field_error(response, "target_price") == PRICE_MESSAGE
    # The optional "price and delivery" section opens to show the error.
    assert '<details class="lead-more mb-3" open>' in response.content.decode()
    assert_nothing_saved()


@pytest.mark.django_db
def test_trade_inquiry_overlong_message_rejected(client, product):
    response = post_trade(client, product, message="x" * 4001)

    assert response.status_code == 400
    assert (
        field_error(response, "message")
        == "Ensure this value has at most 4000 characters (it has 4001)."
    )
    assert_nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "limit"),
    [("name", 120), ("company", 200), ("leave_empty", 200)],
)
def test_trade_inquiry_overlong_line_rejected(client, product, field, limit):
    response = post_trade(client, product, **{field: "y" * (limit + 1)})

    assert response.status_code == 400
    assert_nothing_saved()


@pytest.mark.django_db
def test_trade_inquiry_overlong_email_rejected(client, product):
    response = post_trade(client, product, email="a" * 250 + "@example.jp")

    assert response.status_code == 400
    assert "at most 254 characters" in field_error(response, "email")
    assert_nothing_saved()


NUL_MESSAGE = (
    "This field contains an invisible NUL character (\\0), which is not allowed. "
    "Please type it again."
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Aiko\x00Tanaka"),
        ("message", "Hello\x00"),
        ("email", "aiko@exa\x00mple.jp"),
        ("company", "\x00"),
    ],
)
def test_trade_inquiry_nul_byte_rejected(client, product, field, value):
    response = post_trade(client, product, **{field: value})

    assert response.status_code == 400
    assert field_error(response, field) == NUL_MESSAGE
    assert_nothing_saved()


@pytest.mark.django_db
def test_trade_inquiry_missing_consent_rejected(client, product):
    response = post_trade(client, product, consent=None)

    assert response.status_code == 400
    assert (
        field_error(response, "consent")
        == "Please agree to the privacy notice, so that we may pass on your inquiry."
    )
    assert_nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "email", "country"])
def test_trade_inquiry_missing_required_field_rejected(client, product, field):
    response = post_trade(client, product, **{field: ""})

    assert response.status_code == 400
    assert field_error(response, field) == "This field is required."
    assert_nothing_saved()


@pytest.mark.django_db
def test_trade_inquiry_honeypot_filled_rejected(client, product):
    response = post_trade(client, product, leave_empty="http://spam.example")

    assert response.status_code == 400
    assert (
        "This form could not be sent. Leave the last field empty and try again."
        in response.content.decode()
    )
    assert_nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "not-a-uuid", "\x00"], ids=["empty", "garbage", "nul"])
def test_trade_inquiry_mangled_idempotency_key_gets_fresh_one(client, product, key):
    response = post_trade(client, product, idempotency_key=key)

    assert response.status_code == 400
    assert "The form had expired. Please check it and send it again." in (response.content.decode())
    # The form comes back with a new, valid key, so the next send works.
    new_key = response.context["form"].data["idempotency_key"]
    assert len(new_key) == 36
    assert_nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "product_kwargs",
    [
        {"draft": True},
        {"pending": True},
        {"rejected": True},
        {"archived": True},
    ],
    ids=["draft", "pending", "rejected", "archived"],
)
def test_trade_inquiry_unpublished_product_not_found(client, product_kwargs):
    hidden = ProductFactory(slug="hidden-product", **product_kwargs)
    url = reverse("buyers:product-interest", args=[hidden.slug])

    assert client.get(url).status_code == 404
    assert client.post(url, trade_post()).status_code == 404
    assert_nothing_saved()


@pytest.mark.django_db
def test_trade_inquiry_product_of_unapproved_exhibitor_not_found(client):
    hidden = ProductFactory(slug="hidden-product", exhibitor=ExhibitorFactory(pending=True))
    url = reverse("buyers:product-interest", args=[hidden.slug])

    assert client.post(url, trade_post()).status_code == 404
    assert_nothing_saved()


@pytest.mark.django_db
def test_exhibitor_inquiry_unapproved_exhibitor_not_found(client):
    exhibitor = ExhibitorFactory(draft=True)
    url = reverse("buyers:exhibitor-interest", args=[exhibitor.slug])

    assert client.post(url, trade_post(interest="custom")).status_code == 404
    assert_nothing_saved()


@pytest.mark.django_db
def test_exhibitor_inquiry_unknown_interest_rejected(client):
    exhibitor = ExhibitorFactory()
    url = reverse("buyers:exhibitor-interest", args=[exhibitor.slug])

    response = client.post(url, trade_post(interest="everything"))

    assert response.status_code == 400
    assert field_error(response, "interest").startswith("Select a valid choice.")
    assert_nothing_saved()


@pytest.mark.django_db
def test_trade_inquiry_quantity_without_unit_rejected(client):
    exhibitor = ExhibitorFactory()
    url = reverse("buyers:exhibitor-interest", args=[exhibitor.slug])

    response = client.post(url, trade_post(interest="products", unit=""))

    assert response.status_code == 400
    assert field_error(response, "unit") == "Choose the unit of the quantity."
    assert_nothing_saved()


# Placement cooperation


def post_placement(client, **changes):
    return client.post(reverse("buyers:cooperation"), placement_post(**changes))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "email",
            "labour@embassy\r\n.example.org",
            "An email address cannot contain a line break.",
        ),
        ("email", "not an email", "Enter a valid email address."),
        ("country", "XX", "Choose a country from the list."),
        ("headcount", "-1", "Enter a number of workers from 1 to 100,000."),
        ("headcount", "0", "Enter a number of workers from 1 to 100,000."),
        ("headcount", "1e309", "Enter a number of workers from 1 to 100,000."),
        ("headcount", "NaN", "Enter a number of workers from 1 to 100,000."),
        ("headcount", "12345678901234567890", "Enter a number of workers from 1 to 100,000."),
        ("institution", "Embassy\x00", NUL_MESSAGE),
        ("institution", "\u2060\ufeff", INVISIBLE_NAME),
        ("name", "\u200b", INVISIBLE_NAME),
        ("email", '"<b>attache</b>"@embassy.example.org', UNMAILABLE),
        ("skills", "s" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
        (
            "delegate_type",
            "spy",
            "Select a valid choice. That choice is not one of the available choices.",
        ),
    ],
    ids=[
        "email-crlf",
        "email-invalid",
        "country-unknown",
        "headcount-minus-one",
        "headcount-zero",
        "headcount-1e309",
        "headcount-nan",
        "headcount-twenty-digits",
        "institution-nul",
        "institution-invisible-only",
        "name-zero-width-only",
        "email-quoted-markup",
        "skills-overlong",
        "delegate-type-unknown",
    ],
)
def test_placement_bad_field_rejected(client, field, value, message):
    response = post_placement(client, **{field: value})

    assert response.status_code == 400
    assert field_error(response, field) == message
    assert_nothing_saved()


@pytest.mark.django_db
def test_placement_unknown_sector_rejected(client):
    response = post_placement(client, sectors=["manufacturing", "espionage"])

    assert response.status_code == 400
    assert field_error(response, "sectors").startswith("Select a valid choice.")
    assert_nothing_saved()


@pytest.mark.django_db
def test_placement_no_sector_rejected(client):
    response = post_placement(client, sectors=[])

    assert response.status_code == 400
    assert field_error(response, "sectors") == "Choose at least one sector."
    assert_nothing_saved()


@pytest.mark.django_db
def test_placement_missing_consent_rejected(client):
    response = post_placement(client, consent=None)

    assert response.status_code == 400
    assert (
        field_error(response, "consent")
        == "Please agree to the privacy notice, so that we may follow up."
    )
    assert_nothing_saved()
