"""Click-to-chat links to a buyer's WhatsApp."""

from urllib.parse import parse_qs, urlsplit

import phonenumbers
import pytest

from common.whatsapp import lead_whatsapp_url, whatsapp_digits

from .factories import BuyerFactory, ExhibitorFactory, ProductFactory, TradeLeadFactory


@pytest.mark.parametrize(
    ("phone", "digits"),
    [
        ("+81 90 1234 5678", "819012345678"),
        ("+62 812-3456-7890", "6281234567890"),
        ("0062 812 3456 7890", "6281234567890"),
        ("(+62) 812.3456.7890", "6281234567890"),
        (phonenumbers.parse("+819012345678"), "819012345678"),
    ],
)
def test_whatsapp_digits_of_international_numbers(phone, digits):
    assert whatsapp_digits(phone) == digits


@pytest.mark.parametrize(
    "phone",
    ["", None, "0812 3456 7890", "812 3456 7890", "+62 812", "+1 800 FLOWERS", "+62 812 abc 7890"],
)
def test_whatsapp_digits_refuses_what_cannot_be_linked(phone):
    assert whatsapp_digits(phone) == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "greeting"),
    [
        ("en", "Hello Kaori Tanaka, this is Kopi Gayo"),
        ("id", "Halo Kaori Tanaka, kami dari Kopi Gayo"),
    ],
)
def test_lead_whatsapp_url_greets_the_buyer_in_their_language(language, greeting):
    buyer = BuyerFactory(name="Kaori Tanaka", phone="+819012345678")
    exhibitor = ExhibitorFactory(name="Kopi Gayo")
    lead = TradeLeadFactory(
        buyer=buyer, product=ProductFactory(exhibitor=exhibitor), language=language
    )

    url = urlsplit(lead_whatsapp_url(lead))

    assert (url.scheme, url.netloc, url.path) == ("https", "wa.me", "/819012345678")
    assert " " not in url.query
    text = parse_qs(url.query)["text"][0]
    assert text.startswith(greeting)
    assert lead.reference in text


@pytest.mark.django_db
def test_lead_whatsapp_url_is_empty_without_a_phone():
    lead = TradeLeadFactory(buyer=BuyerFactory(phone=""))

    assert lead_whatsapp_url(lead) == ""
