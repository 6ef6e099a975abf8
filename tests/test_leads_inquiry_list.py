"""The inquiry list: collected in the session, sent as one lead per business under one
INQ reference, shown to the buyer; bad and stale lists save nothing."""

import re
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from post_office.models import Email

from buyers.inquiry_list import MAX_ITEMS
from buyers.models import Buyer, ExpressionOfInterest, Inquiry, LeadItem
from buyers.services import lead_create

from .factories import BuyerFactory, ExhibitorFactory, ProductFactory, UserFactory

LIST_URL = "/en/inquiry-list/"
INQUIRY_REFERENCE = re.compile(r"INQ-[0-9]{2}-[0-9]{5}")


def list_post(products=(), **changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "name": "Lucas Martin",
        "email": "lucas@epicerie.example.fr",
        "company": "Épicerie du Monde",
        "country": "FR",
        "buyer_type": "retailer",
        "phone": "",
        "incoterm": "CIF",
        "destination_country": "FR",
        "timeline": "now",
        "message": "Samples to Lyon, please.",
        "consent": "on",
        "leave_empty": "",
    }
    for product in products:
        data[f"quantity_{product.pk}"] = ""
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def add(client, product):
    return client.post(reverse("buyers:inquiry-list-add", args=[product.slug]))


@pytest.fixture
def catalogue(db):
    """Three products of two businesses, priced in USD and IDR."""
    kopi = ExhibitorFactory(name="Kopi Purna Gayo", owners=[UserFactory(email="sari@kopi.example")])
    batik = ExhibitorFactory(
        name="Batik Purna Solo", owners=[UserFactory(email="budi@batik.example")]
    )
    return {
        "coffee": ProductFactory(
            exhibitor=kopi,
            name_en="Gayo arabica coffee",
            name_ind="Kopi arabika Gayo",
            unit="kg",
            price_min=Decimal("12.00"),
            price_max=Decimal("16.00"),
            currency="USD",
        ),
        "beans": ProductFactory(
            exhibitor=kopi,
            name_en="Green coffee beans",
            unit="kg",
            price_min=None,
            price_max=None,
        ),
        "batik": ProductFactory(
            exhibitor=batik,
            name_en="Batik tulis scarf",
            name_ind="Selendang batik tulis",
            unit="piece",
            price_min=Decimal("300000"),
            price_max=Decimal("500000"),
            currency="IDR",
        ),
    }


@pytest.mark.django_db
def test_inquiry_list_add_and_review(client, catalogue):
    response = add(client, catalogue["coffee"])
    add(client, catalogue["batik"])

    assert response.status_code == 302
    assert response.headers["Location"] == LIST_URL
    page = client.get(LIST_URL)
    html = page.content.decode()
    assert "Gayo arabica coffee" in html
    assert "Batik tulis scarf" in html
    assert "Send to 2 businesses" in html
    assert html.index("Kopi Purna Gayo") < html.index("Batik Purna Solo")


@pytest.mark.django_db
def test_inquiry_list_add_twice_keeps_one(client, catalogue):
    add(client, catalogue["coffee"])
    add(client, catalogue["coffee"])

    assert client.session["inquiry_list"] == [catalogue["coffee"].pk]


@pytest.mark.django_db
def test_inquiry_list_add_returns_to_safe_next_only(client, catalogue):
    url = reverse("buyers:inquiry-list-add", args=[catalogue["coffee"].slug])

    back = client.post(url, {"next": "/en/products/gayo-coffee/"})
    away = client.post(url, {"next": "https://evil.example/"})

    assert back.headers["Location"] == "/en/products/gayo-coffee/"
    assert away.headers["Location"] == LIST_URL


@pytest.mark.django_db
def test_inquiry_list_add_get_not_allowed(client, catalogue):
    response = client.get(reverse("buyers:inquiry-list-add", args=[catalogue["coffee"].slug]))

    assert response.status_code == 405


@pytest.mark.django_db
def test_inquiry_list_add_unpublished_product_not_found(client):
    draft = ProductFactory(draft=True)

    response = add(client, draft)

    assert response.status_code == 404
    assert "inquiry_list" not in client.session


@pytest.mark.django_db
def test_inquiry_list_full_refuses_more(client):
    products = ProductFactory.create_batch(MAX_ITEMS + 1)
    for product in products[:MAX_ITEMS]:
        add(client, product)

    response = add(client, products[-1])

    assert len(client.session["inquiry_list"]) == MAX_ITEMS
    messages = [str(message) for message in response.wsgi_request._messages]
    assert "Your inquiry list is full. Send it first, then start a new one." in messages


@pytest.mark.django_db
def test_inquiry_list_remove(client, catalogue):
    add(client, catalogue["coffee"])
    add(client, catalogue["batik"])

    client.post(reverse("buyers:inquiry-list-remove", args=[catalogue["coffee"].pk]))

    assert client.session["inquiry_list"] == [catalogue["batik"].pk]


@pytest.mark.django_db
def test_inquiry_list_send_one_lead_per_business(client, catalogue, settings):
    settings.EXPO_USD_IDR_RATE = 16000.0
    for name in ("coffee", "beans", "batik"):
        add(client, catalogue[name])
    coffee, beans, batik = catalogue["coffee"], catalogue["beans"], catalogue["batik"]
    data = list_post(
        [coffee, beans, batik],
        **{f"quantity_{coffee.pk}": "100", f"quantity_{batik.pk}": "40"},
    )

    response = client.post(LIST_URL, data)

    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert INQUIRY_REFERENCE.fullmatch(inquiry.reference)
    leads = list(ExpressionOfInterest.objects.order_by("pk"))
    assert [lead.exhibitor for lead in leads] == [coffee.exhibitor, batik.exhibitor]
    assert {lead.inquiry_reference for lead in leads} == {inquiry.reference}
    assert len({lead.reference for lead in leads}) == 2
    kopi_lead, batik_lead = leads
    # Two products of one business: one lead, its items name them.
    assert (kopi_lead.product, kopi_lead.quantity) == (None, None)
    assert list(kopi_lead.items.values_list("product", "quantity", "unit")) == [
        (coffee.pk, Decimal("100.00"), "kg"),
        (beans.pk, None, ""),
    ]
    # One product: the lead names it too.
    assert (batik_lead.product, batik_lead.quantity, batik_lead.unit) == (
        batik,
        Decimal("40.00"),
        "piece",
    )
    # 100 kg x USD 14 (middle of 12-16); 40 x IDR 400,000 = IDR 16,000,000 = USD 1,000.
    assert kopi_lead.estimated_value_usd == Decimal("1400.00")
    assert batik_lead.estimated_value_usd == Decimal("1000.00")
    for lead in leads:
        assert (lead.incoterm, str(lead.destination_country), lead.timeline) == (
            "CIF",
            "FR",
            "now",
        )
        assert lead.message == "Samples to Lyon, please."
    assert Buyer.objects.get().email == "lucas@epicerie.example.fr"
    # The list is sent, so it is empty now; the buyer sees the shared reference.
    assert "inquiry_list" not in client.session
    page = client.get(response.headers["Location"]).content.decode()
    assert f'data-testid="reference">{inquiry.reference}</p>' in page
    assert kopi_lead.reference in page and batik_lead.reference in page


@pytest.mark.django_db
def test_inquiry_list_send_mail_per_business(
    client, catalogue, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["booth@bp2mi.example"]
    add(client, catalogue["coffee"])
    add(client, catalogue["batik"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST_URL, list_post([catalogue["coffee"], catalogue["batik"]]))

    reference = Inquiry.objects.get().reference
    recipients = sorted(email.to[0] for email in Email.objects.all())
    assert recipients == [
        "booth@bp2mi.example",
        "budi@batik.example",
        "lucas@epicerie.example.fr",
        "sari@kopi.example",
    ]
    confirmation = Email.objects.get(to=["lucas@epicerie.example.fr"])
    assert confirmation.subject == f"Your inquiry {reference} is sent"
    assert "Kopi Purna Gayo" in confirmation.message
    assert "Batik Purna Solo" in confirmation.message
    assert "Gayo arabica coffee" in confirmation.message
    # Each business hears only about its own products, in Bahasa Indonesia (the owners').
    kopi_mail = Email.objects.get(to=["sari@kopi.example"])
    assert "Kopi arabika Gayo" in kopi_mail.message
    assert "Selendang batik tulis" not in kopi_mail.message


@pytest.mark.django_db
def test_inquiry_list_double_submit_one_inquiry(client, catalogue):
    add(client, catalogue["coffee"])
    add(client, catalogue["batik"])
    data = list_post([catalogue["coffee"], catalogue["batik"]])

    first = client.post(LIST_URL, data)
    # The list is empty now; the same form sent again shows the same confirmation.
    second = client.post(LIST_URL, data)

    assert first.status_code == second.status_code == 302
    assert Inquiry.objects.count() == 1
    assert ExpressionOfInterest.objects.count() == 2
    reference = Inquiry.objects.get().reference
    for response in (first, second):
        page = client.get(response.headers["Location"]).content.decode()
        assert f'data-testid="reference">{reference}</p>' in page


@pytest.mark.django_db
def test_inquiry_list_empty_rejected(client):
    response = client.post(LIST_URL, list_post())

    assert response.status_code == 400
    assert "Your inquiry list is empty. Add products from the catalogue." in (
        response.content.decode()
    )
    assert ExpressionOfInterest.objects.count() == 0


@pytest.mark.django_db
def test_inquiry_list_product_unpublished_since_added_rejected(client, catalogue):
    """A product withdrawn while it sat on the list: a clear message, nothing saved."""
    add(client, catalogue["coffee"])
    add(client, catalogue["batik"])
    catalogue["batik"].review_status = "pending"
    catalogue["batik"].save()

    response = client.post(LIST_URL, list_post([catalogue["coffee"], catalogue["batik"]]))

    assert response.status_code == 400
    assert "Some products are no longer on show and were taken off your list." in (
        response.content.decode()
    )
    assert ExpressionOfInterest.objects.count() == 0
    assert Inquiry.objects.count() == 0
    assert client.session["inquiry_list"] == [catalogue["coffee"].pk]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["-1", "0", "1e309", "NaN", "12345678901234567890", "many"])
def test_inquiry_list_bad_quantity_rejected(client, catalogue, value):
    coffee = catalogue["coffee"]
    add(client, coffee)

    response = client.post(LIST_URL, list_post([coffee], **{f"quantity_{coffee.pk}": value}))

    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_quantity_{coffee.pk}_error"' in html
    assert "Enter a quantity above 0 with at most 12 digits, e.g. 500 or 12.5." in html
    assert ExpressionOfInterest.objects.count() == 0


@pytest.mark.django_db
def test_inquiry_list_missing_consent_rejected(client, catalogue):
    add(client, catalogue["coffee"])

    response = client.post(LIST_URL, list_post([catalogue["coffee"]], consent=None))

    assert response.status_code == 400
    assert "Please agree to the privacy notice" in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0
    assert client.session["inquiry_list"] == [catalogue["coffee"].pk]


@pytest.mark.django_db
def test_inquiry_list_crlf_email_rejected(client, catalogue):
    add(client, catalogue["coffee"])

    response = client.post(
        LIST_URL, list_post([catalogue["coffee"]], email="lucas@epicerie.example.fr\r\n")
    )

    assert response.status_code == 400
    assert "An email address cannot contain a line break." in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0


@pytest.mark.django_db
def test_inquiry_list_page_query_count(client, assert_page_queries):
    """The list page costs the same number of queries for 2 products as for 8."""

    def fill(count):
        session = client.session
        session["inquiry_list"] = [
            ProductFactory(exhibitor=ExhibitorFactory()).pk for _ in range(count)
        ]
        session.save()

    fill(2)
    client.get(LIST_URL)  # session and caches warm
    assert_page_queries(client, {"inquiry list": LIST_URL}, {"inquiry list": 3})

    fill(8)
    client.get(LIST_URL)

    assert_page_queries(client, {"inquiry list": LIST_URL}, {"inquiry list": 3})


@pytest.mark.django_db
def test_lead_item_product_of_other_business_rejected(catalogue):
    lead = lead_create(kind="trade", buyer=BuyerFactory(), exhibitor=catalogue["coffee"].exhibitor)

    with pytest.raises(ValidationError) as raised:
        LeadItem(lead=lead, product=catalogue["batik"]).full_clean()

    assert raised.value.message_dict == {"product": ["This product belongs to another business."]}
