"""The lead pages, path by path: standalone forms, sending, the confirmation, the source,
returning buyers, duplicates, escaping, placement cooperation and the privacy notice."""

import re
import uuid
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from buyers.choices import LeadKind, LeadSource, LeadStatus
from buyers.models import Buyer, Delegate, ExpressionOfInterest, LeadEvent
from buyers.services import estimate_value_usd

from .factories import BuyerFactory, ExhibitorFactory, ProductFactory
from .lead_data import placement_post, trade_post

REFERENCE = re.compile(r"EOI-[0-9]{2}-[0-9]{5}")
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def product(db):
    return ProductFactory(
        slug="gayo-coffee",
        name_en="Gayo arabica coffee",
        exhibitor=ExhibitorFactory(name="Kopi Purna Gayo", slug="kopi-purna-gayo"),
    )


def product_url(product):
    return reverse("buyers:product-interest", args=[product.slug])


# Standalone pages


@pytest.mark.django_db
def test_product_interest_page_shows_product_and_form(client, product):
    response = client.get(product_url(product))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="h2 mb-1">Gayo arabica coffee</h1>' in html
    assert "Kopi Purna Gayo" in html
    for field in ["quantity", "unit", "name", "email", "country", "consent", "idempotency_key"]:
        assert f'name="{field}"' in html
    # Asking about one product: no "interested in" choice, and the product's unit preselected.
    assert 'name="interest"' not in html
    assert '<option value="kg" selected>' in html
    assert "Add to inquiry list" in html


@pytest.mark.django_db
def test_product_interest_page_new_key_each_time(client, product):
    first = client.get(product_url(product)).context["form"]["idempotency_key"].value()
    second = client.get(product_url(product)).context["form"]["idempotency_key"].value()

    assert first != second


@pytest.mark.django_db
def test_exhibitor_interest_page_offers_custom_work(client):
    exhibitor = ExhibitorFactory(name="Batik Purna Solo")

    response = client.get(reverse("buyers:exhibitor-interest", args=[exhibitor.slug]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Batik Purna Solo" in html
    assert 'value="custom"' in html
    assert "Custom, private-label or OEM work" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "id"])
def test_lead_pages_answer_in_both_languages(client, product, language):
    urls = [
        f"/{language}/interest/product/{product.slug}/",
        f"/{language}/interest/exhibitor/{product.exhibitor.slug}/",
        f"/{language}/inquiry-list/",
        f"/{language}/cooperation/",
        f"/{language}/privacy/",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.django_db
def test_privacy_page_shows_version(client, settings):
    settings.EXPO_PRIVACY_NOTICE_VERSION = "2024-10"

    response = client.get(reverse("buyers:privacy"))

    assert response.status_code == 200
    assert "Version 2024-10" in response.content.decode()


# Sending one inquiry


@pytest.mark.django_db
def test_trade_inquiry_creates_lead_and_shows_reference(client, product):
    response = client.post(product_url(product), trade_post(target_price="12.50"))

    assert response.status_code == 302
    lead = ExpressionOfInterest.objects.get()
    assert REFERENCE.fullmatch(lead.reference)
    assert (lead.kind, lead.status, lead.source, lead.language) == (
        LeadKind.TRADE,
        LeadStatus.NEW,
        LeadSource.WEB,
        "en",
    )
    assert (lead.product, lead.exhibitor) == (product, product.exhibitor)
    assert (lead.quantity, lead.unit, lead.target_price, lead.currency) == (
        Decimal("500"),
        "kg",
        Decimal("12.50"),
        "USD",
    )
    assert (lead.incoterm, str(lead.destination_country), lead.timeline) == (
        "FOB",
        "JP",
        "1_3_months",
    )
    assert lead.consent_version == "2024-10"
    assert lead.share_contact is False
    # 500 kg x USD 12.50
    assert lead.estimated_value_usd == Decimal("6250.00")
    buyer = lead.buyer
    assert (buyer.name, buyer.email, buyer.company, str(buyer.phone), buyer.country.code) == (
        "Aiko Tanaka",
        "aiko@example.jp",
        "Tanaka Trading K.K.",
        "+819012345678",
        "JP",
    )
    assert buyer.consent_version == "2024-10"
    assert buyer.consented_at is not None
    assert list(LeadEvent.objects.values_list("to_status", flat=True)) == ["new"]

    page = client.get(response.headers["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-testid="reference">{lead.reference}</p>' in html
    assert "aiko@example.jp" in html
    assert "Kopi Purna Gayo" in html


@pytest.mark.django_db
def test_trade_inquiry_in_indonesian_keeps_language(client, product):
    url = f"/id/interest/product/{product.slug}/"

    response = client.post(url, trade_post())

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/id/interest/sent/")
    assert ExpressionOfInterest.objects.get().language == "id"


@pytest.mark.django_db
def test_exhibitor_inquiry_custom_work(client):
    exhibitor = ExhibitorFactory()
    url = reverse("buyers:exhibitor-interest", args=[exhibitor.slug])

    response = client.post(url, trade_post(interest="custom", quantity="200", unit="piece"))

    assert response.status_code == 302
    lead = ExpressionOfInterest.objects.get()
    assert (lead.exhibitor, lead.product, lead.interest) == (exhibitor, None, "custom")
    # No product and no target price: no estimate.
    assert lead.estimated_value_usd is None


@pytest.mark.django_db
def test_trade_inquiry_share_contact_recorded(client, product):
    client.post(product_url(product), trade_post(share_contact="on"))

    lead = ExpressionOfInterest.objects.get()
    assert lead.share_contact is True


@pytest.mark.django_db
def test_trade_inquiry_returning_buyer_matched_not_duplicated(client, product):
    existing = BuyerFactory(email="aiko@example.jp", name="A. Tanaka", phone="+81312345678")

    client.post(product_url(product), trade_post(email="  AIKO@Example.JP ", phone=""))
    client.post(product_url(product), trade_post(name="Aiko Tanaka-Sato", message="Samples?"))

    assert Buyer.objects.count() == 1
    buyer = Buyer.objects.get()
    assert buyer.pk == existing.pk
    assert buyer.name == "Aiko Tanaka-Sato"
    assert ExpressionOfInterest.objects.filter(buyer=buyer).count() == 2


@pytest.mark.django_db
def test_placement_returning_delegate_matched_not_duplicated(client):
    url = reverse("buyers:cooperation")

    client.post(url, placement_post())
    client.post(url, placement_post(email="Labour@Embassy.Example.org", message="Next year?"))

    assert Delegate.objects.count() == 1
    assert ExpressionOfInterest.objects.filter(delegate__isnull=False).count() == 2


@pytest.mark.django_db
def test_trade_inquiry_double_submit_makes_one_lead(client, product):
    data = trade_post()

    first = client.post(product_url(product), data)
    second = client.post(product_url(product), data)

    assert first.status_code == second.status_code == 302
    assert ExpressionOfInterest.objects.count() == 1
    reference = ExpressionOfInterest.objects.get().reference
    for response in (first, second):
        page = client.get(response.headers["Location"])
        assert f'data-testid="reference">{reference}</p>' in page.content.decode()


@pytest.mark.django_db
def test_trade_inquiry_resubmit_after_back_with_changes_still_one_lead(client, product):
    data = trade_post()
    client.post(product_url(product), data)

    # Back, change a word, send again: the same form (same key) is the same inquiry.
    response = client.post(product_url(product), {**data, "message": "Changed my mind"})

    assert response.status_code == 302
    assert ExpressionOfInterest.objects.count() == 1
    assert ExpressionOfInterest.objects.get().message.startswith("Please send")


@pytest.mark.django_db
def test_placement_double_submit_makes_one_lead(client):
    data = placement_post()

    client.post(reverse("buyers:cooperation"), data)
    client.post(reverse("buyers:cooperation"), data)

    assert ExpressionOfInterest.objects.count() == 1


@pytest.mark.django_db
def test_html_typed_in_fields_stored_as_text_and_escaped(client, product):
    response = client.post(
        product_url(product),
        trade_post(name=SCRIPT, company=f"<b>{SCRIPT}</b>", message=f"Hi {SCRIPT} & bye"),
    )

    lead = ExpressionOfInterest.objects.get()
    assert lead.buyer.name == SCRIPT
    assert lead.message == f"Hi {SCRIPT} & bye"
    assert lead.buyer.company == f"<b>{SCRIPT}</b>"
    page = client.get(response.headers["Location"]).content.decode()
    assert page.count("<script") == page.count('<script src="/static/')


@pytest.mark.django_db
def test_html_in_invalid_form_redisplayed_escaped(client, product):
    response = client.post(product_url(product), trade_post(name=SCRIPT, email="bad"))

    html = response.content.decode()
    assert response.status_code == 400
    assert SCRIPT not in html
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in html


# Source


@pytest.mark.django_db
def test_booth_qr_code_source_remembered_for_the_visit(client, product):
    client.get("/en/?src=booth")
    # Later, on another page, without the parameter:
    client.post(product_url(product), trade_post())

    assert ExpressionOfInterest.objects.get().source == LeadSource.BOOTH


@pytest.mark.django_db
def test_source_web_without_qr_code(client, product):
    client.get("/en/?src=somewhere-else")
    client.post(product_url(product), trade_post())

    assert ExpressionOfInterest.objects.get().source == LeadSource.WEB


@pytest.mark.django_db
def test_source_middleware_makes_no_session_for_plain_visits(client):
    response = client.get("/en/privacy/")

    assert "sessionid" not in response.cookies


# Confirmation page


@pytest.mark.django_db
def test_confirmation_page_forged_token_not_found(client, product):
    client.post(product_url(product), trade_post())
    reference = ExpressionOfInterest.objects.get().reference

    # A guessed reference is not enough: only the signed link its sender got works.
    assert client.get(f"/en/interest/sent/{reference}/").status_code == 404
    assert client.get("/en/interest/sent/eyJhbGciOi.forged.sig/").status_code == 404


# Placement cooperation


@pytest.mark.django_db
def test_placement_creates_staff_only_lead(client):
    response = client.post(reverse("buyers:cooperation"), placement_post())

    assert response.status_code == 302
    lead = ExpressionOfInterest.objects.get()
    assert lead.kind == LeadKind.PLACEMENT
    assert (lead.exhibitor, lead.product, lead.buyer) == (None, None, None)
    assert lead.sectors == ["manufacturing", "construction"]
    assert (lead.headcount, lead.occupations, lead.timeline) == (
        40,
        "Welders, shipyard fitters",
        "3_6_months",
    )
    delegate = lead.delegate
    assert (delegate.institution, delegate.delegate_type, delegate.country.code) == (
        "Embassy of the Republic of Korea",
        "embassy",
        "KR",
    )
    page = client.get(response.headers["Location"]).content.decode()
    assert f'data-testid="reference">{lead.reference}</p>' in page


# The template tag other pages include


@pytest.mark.django_db
def test_interest_panel_tag_renders_form_for_product(product, client):
    request = RequestFactory().get("/en/products/gayo-coffee/")
    request.session = client.session

    html = Template("{% load leads %}{% interest_panel product=product %}").render(
        Context({"request": request, "product": product, "csrf_token": "token"})
    )

    assert f'action="/en/interest/product/{product.slug}/"' in html
    assert f'action="/en/inquiry-list/add/{product.slug}/"' in html
    assert 'name="idempotency_key"' in html
    assert 'name="csrfmiddlewaretoken" value="token"' in html


@pytest.mark.django_db
def test_interest_panel_tag_renders_form_for_exhibitor(client):
    exhibitor = ExhibitorFactory(slug="batik-purna")
    request = RequestFactory().get("/en/exhibitors/batik-purna/")
    request.session = client.session

    html = Template("{% load leads %}{% interest_panel exhibitor=exhibitor %}").render(
        Context({"request": request, "exhibitor": exhibitor})
    )

    assert 'action="/en/interest/exhibitor/batik-purna/"' in html
    assert 'name="interest"' in html
    assert "Add to inquiry list" not in html


# The estimate rule


@pytest.mark.django_db
def test_estimate_value_target_price_wins(settings):
    settings.EXPO_USD_IDR_RATE = 16000.0
    product = ProductFactory(price_min=Decimal("10"), price_max=Decimal("20"), currency="USD")

    value = estimate_value_usd(
        quantity=Decimal("100"), target_price=Decimal("160000"), currency="IDR", product=product
    )

    # 100 x IDR 160,000 = IDR 16,000,000 = USD 1,000
    assert value == Decimal("1000.00")


@pytest.mark.django_db
def test_estimate_value_product_midpoint_in_its_currency(settings):
    settings.EXPO_USD_IDR_RATE = 16000.0
    product = ProductFactory(price_min=Decimal("40000"), price_max=Decimal("60000"), currency="IDR")

    # 30 x IDR 50,000 (the middle) = IDR 1,500,000 = USD 93.75
    assert estimate_value_usd(quantity=Decimal("30"), product=product) == Decimal("93.75")


@pytest.mark.django_db
def test_estimate_value_one_end_of_range():
    product = ProductFactory(price_min=None, price_max=Decimal("8.00"), currency="USD")

    assert estimate_value_usd(quantity=Decimal("3"), product=product) == Decimal("24.00")


@pytest.mark.django_db
def test_estimate_value_unknown_without_quantity_or_price():
    no_price = ProductFactory(price_min=None, price_max=None)

    assert estimate_value_usd(quantity=None, product=ProductFactory()) is None
    assert estimate_value_usd(quantity=Decimal("5"), product=no_price) is None
    assert estimate_value_usd(quantity=Decimal("5")) is None


@pytest.mark.django_db
def test_estimate_value_too_large_for_column_dropped():
    value = estimate_value_usd(
        quantity=Decimal("999999999999.99"), target_price=Decimal("99999999999999.99")
    )

    assert value is None


@pytest.mark.django_db
def test_lead_estimated_value_shown_in_idr(settings, product):
    settings.EXPO_USD_IDR_RATE = 16000.0
    lead = ExpressionOfInterest(estimated_value_usd=Decimal("6250.00"))

    assert lead.estimated_value_idr == Decimal("100000000.00")


@pytest.mark.django_db
def test_trade_inquiry_key_from_other_form_type_not_confused(client, product):
    """A key already used by a placement request does not show that request to a buyer."""
    key = str(uuid.uuid4())
    client.post(reverse("buyers:cooperation"), placement_post(idempotency_key=key))

    response = client.post(product_url(product), trade_post(idempotency_key=key))

    # Same key means same submission: the buyer sees the first confirmation, and no
    # second lead appears. (Keys are random UUIDs, so only a replayed form can do this.)
    assert response.status_code == 302
    assert ExpressionOfInterest.objects.count() == 1


@pytest.mark.django_db
def test_form_pages_private_but_kept_for_back_button(client, product):
    """Back after sending must show the same form (same key), so never no-store."""
    for url in [product_url(product), "/en/inquiry-list/", "/en/cooperation/"]:
        cache_control = client.get(url).headers["Cache-Control"]
        assert "private" in cache_control, url
        assert "no-store" not in cache_control, url


@pytest.mark.django_db
def test_header_shows_inquiry_list_count_once_filled(client, product):
    assert "Inquiry list" not in client.get("/en/privacy/").content.decode()

    client.post(reverse("buyers:inquiry-list-add", args=[product.slug]))

    html = client.get("/en/privacy/").content.decode()
    assert 'href="/en/inquiry-list/"' in html
    assert '1<span class="visually-hidden"> products</span>' in html


@pytest.mark.django_db
def test_interest_form_errors_accessible_to_screen_readers(client):
    product = ProductFactory(slug="gayo-coffee")

    response = client.post(
        f"/en/interest/product/{product.slug}/", trade_post(email="aiko@", phone="12")
    )

    html = response.content.decode()
    assert response.status_code == 400
    email = re.search(r'<input type="email" name="email"[^>]*>', html).group(0)
    assert 'class="emailinput form-control is-invalid"' in email
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_email_error"' in email
    assert 'autocomplete="email"' in email and " required" in email
    assert '<div id="id_email_error" class="invalid-feedback d-block">' in html
    phone = re.search(r'<input type="tel" name="phone"[^>]*>', html).group(0)
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in phone
    assert '<label class="form-label" for="id_company">Company <span class="lead-optional">' in html
