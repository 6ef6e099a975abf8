"""Staff pages in Chromium: no CSP violations, charts drawn, QR codes readable from the pixels."""

import datetime
import io
from decimal import Decimal

import pytest
import zxingcpp
from django.test import Client
from django.urls import reverse
from PIL import Image

from buyers.choices import LeadStatus
from buyers.services import lead_change_status
from deals.services import deal_record, deal_verify
from products.proposals import ProductProposal
from products.services import product_submit_changes

from ..factories import (
    ExhibitorFactory,
    ExpoFactory,
    PlacementLeadFactory,
    ProductFactory,
    TradeLeadFactory,
    UserFactory,
)
from .conftest import ARTIFACTS, PHONE

DESKTOP = {"width": 1366, "height": 900}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in_page(browser, live_server, user, viewport):
    """A page whose browser carries the session of ``user`` (no login form, no axes)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, locale="en-GB")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@pytest.fixture
def expo_with_leads():
    expo = ExpoFactory(
        start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13), is_current=True
    )
    coffee = ProductFactory(exhibitor=ExhibitorFactory(name="Kopi Purna", province="AC"))
    batik = ProductFactory(exhibitor=ExhibitorFactory(name="Batik Kembali", province="BA"))
    for index, country in enumerate(["JP", "JP", "SG", "AU", "NL", "JP", "KR"]):
        lead = TradeLeadFactory(
            expo=expo,
            product=coffee if index % 2 else batik,
            buyer__country=country,
            estimated_value_usd=Decimal(1000 + 250 * index),
        )
        if index % 3 == 0:
            lead_change_status(lead=lead, status=LeadStatus.CONTACTED)
        if index == 3:
            lead_change_status(lead=lead, status=LeadStatus.AGREED)
            deal = deal_record(
                lead=lead,
                title="Container",
                agreement_signed_on=datetime.date(2024, 10, 20),
                amount=Decimal("1500"),
                destination_country="AU",
            )
            deal_record(
                lead=lead,
                title="Second container",
                purchase_order_on=datetime.date(2024, 12, 5),
                amount=Decimal("1200"),
                destination_country="NZ",
            )
            deal_verify(deal=deal, actor=None)
        if index == 4:
            deal_verify(
                deal=deal_record(
                    lead=lead,
                    title="Pilot order",
                    agreement_signed_on=datetime.date(2024, 11, 2),
                    amount=Decimal("48000000"),
                    currency="IDR",
                    usd_idr_rate=Decimal("16000"),
                    destination_country="NL",
                ),
                actor=None,
            )
        lead.__class__.objects.filter(pk=lead.pk).update(
            created_at=datetime.datetime(2024, 10, 9 + index % 5, 12, tzinfo=datetime.UTC)
        )
    placement = PlacementLeadFactory(expo=expo, sectors=["caregiving", "healthcare"], headcount=40)
    placement.__class__.objects.filter(pk=placement.pk).update(
        created_at=datetime.datetime(2024, 10, 11, 5, tzinfo=datetime.UTC)
    )
    return expo


def test_backoffice_results_page_draws_charts_without_csp_errors(
    browser, live_server, booth_staff, expo_with_leads
):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context, page, errors = logged_in_page(browser, live_server, booth_staff, viewport)
        page.goto(live_server.url + reverse("backoffice:results"))

        assert page.locator("svg.chart-svg").count() == 9
        assert page.locator(".chart-series-1").count() > 0
        page.screenshot(path=ARTIFACTS / f"backoffice-results-{name}.png", full_page=True)
        context.close()
        assert errors == [], errors


def test_backoffice_card_sheet_qr_codes_read_from_the_screen(
    browser, live_server, booth_staff, settings
):
    # The live server listens on 127.0.0.1, which phones cannot open: cards need the setting.
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.go.id"
    products = [
        ProductFactory(name_en=f"Gayo arabica {n}", slug=f"gayo-{n}", price_min=Decimal("12.50"))
        for n in range(3)
    ]
    context, page, errors = logged_in_page(browser, live_server, booth_staff, DESKTOP)
    query = "&".join(f"product={p.pk}" for p in products)

    page.goto(f"{live_server.url}{reverse('backoffice:cards')}?{query}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "backoffice-cards-desktop.png", full_page=True)
    shot = Image.open(io.BytesIO(page.locator(".card-sheet").first.screenshot()))
    found = sorted(result.text for result in zxingcpp.read_barcodes(shot))
    page.emulate_media(media="print")
    page.screenshot(path=ARTIFACTS / "backoffice-cards-print.png", full_page=True)
    page.pdf(path=str(ARTIFACTS / "backoffice-cards.pdf"), format="A4", print_background=True)
    header_hidden = page.locator(".portal-header").is_hidden()
    context.close()

    assert found == sorted(
        f"https://expo.example.go.id/products/gayo-{n}/?src=booth" for n in range(3)
    )
    assert header_hidden
    assert errors == [], errors


@pytest.mark.parametrize("language", ["en", "id"])
def test_backoffice_cards_on_a_local_address_print_no_codes(
    browser, live_server, booth_staff, settings, language
):
    settings.EXPO_PUBLIC_BASE_URL = ""
    ProductFactory(name_en="Gayo arabica")
    ARTIFACTS.mkdir(exist_ok=True)
    heading = {
        "en": "These cards cannot be printed from this address",
        "id": "Kartu ini tidak dapat dicetak dari alamat ini",
    }[language]
    for name, viewport in (("390", PHONE), ("1024", {"width": 1024, "height": 800})):
        context, page, errors = logged_in_page(browser, live_server, booth_staff, viewport)
        page.goto(f"{live_server.url}/{language}/staff/cards/?all=1")
        page.screenshot(
            path=ARTIFACTS / f"backoffice-cards-local-{language}-{name}.png", full_page=True
        )
        alert = page.get_by_role("alert").inner_text()
        cards = page.locator(".stand-card").count()
        context.close()

        assert heading in alert
        assert live_server.url in alert
        assert cards == 0
        assert errors == [], errors


@pytest.mark.parametrize("language", ["en", "id"])
def test_backoffice_results_name_the_expo_once(
    browser, live_server, booth_staff, expo_with_leads, language
):
    expo_with_leads.name_en = expo_with_leads.name_ind = "Trade Expo Indonesia 2024"
    expo_with_leads.save()
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("390", PHONE), ("1024", {"width": 1024, "height": 800})):
        context, page, errors = logged_in_page(browser, live_server, booth_staff, viewport)
        page.goto(f"{live_server.url}/{language}/staff/results/")
        page.screenshot(
            path=ARTIFACTS / f"backoffice-results-{language}-{name}.png", full_page=True
        )
        text = page.locator("main").inner_text()
        context.close()

        assert "Trade Expo Indonesia 2024" in text
        assert "2024 2024" not in text
        deals_title = (
            "Deals per destination country" if language == "en" else "Kesepakatan per negara tujuan"
        )
        assert deals_title in text
        # Realised: the verified USD 1,500 and IDR 48,000,000 at 16,000 (USD 3,000).
        assert ("USD 4,500.00" if language == "en" else "USD 4.500,00") in text
        assert errors == [], errors


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:booths_exhibitor_changelist",
        "admin:products_product_changelist",
        "admin:buyers_expressionofinterest_changelist",
        "admin:index",
    ],
)
def test_backoffice_admin_lists_render(
    browser, live_server, booth_admin, expo_with_leads, url_name
):
    context, page, _errors = logged_in_page(browser, live_server, booth_admin, DESKTOP)

    page.goto(live_server.url + reverse(url_name))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"backoffice-{url_name.replace(':', '-')}.png", full_page=True)
    rows = page.locator("#result_list tbody tr").count() if url_name != "admin:index" else 1
    context.close()

    assert rows >= 1


def test_backoffice_personal_data_page_without_csp_errors(browser, live_server, booth_admin):
    TradeLeadFactory(buyer__email="aiko@example.jp", buyer__name="Aiko Tanaka")
    context, page, errors = logged_in_page(browser, live_server, booth_admin, DESKTOP)

    page.goto(live_server.url + reverse("backoffice:personal-data"))
    page.get_by_label("Email address").fill("aiko@example.jp")
    page.get_by_role("button", name="Find").click()
    page.wait_for_load_state()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "backoffice-personal-data.png", full_page=True)
    heading = page.locator("h3", has_text="Buyer: Aiko Tanaka").count()
    context.close()

    assert heading == 1
    assert errors == [], errors


def review_page(browser, live_server, user, viewport):
    context, page, errors = logged_in_page(browser, live_server, user, viewport)
    # The admin has no favicon: its 404 is not what these tests look for.
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    return context, page, errors


def test_backoffice_product_review_buttons_on_the_change_page(browser, live_server, booth_staff):
    product = ProductFactory(name_en="Gayo coffee", moq=10)
    product_submit_changes(
        product=product,
        proposal=ProductProposal(
            fields={"name_en": "Gayo Arabica, single origin from the Gayo highlands", "moq": 25}
        ),
        actor=UserFactory(username="sari"),
    )
    url = live_server.url + reverse("admin:products_product_change", args=[product.pk])
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("phone", PHONE), ("desktop", {"width": 1280, "height": 900})):
        context, page, errors = review_page(browser, live_server, booth_staff, viewport)
        page.goto(url)
        page.screenshot(path=ARTIFACTS / f"backoffice-product-review-{name}.png", full_page=True)
        context.close()
        assert errors == [], errors
    context, page, errors = review_page(browser, live_server, booth_staff, PHONE)
    page.goto(url)

    # An empty reason never leaves the browser (required); spaces only reach the server.
    page.get_by_label("Reason").fill("   ")
    page.get_by_role("button", name="Reject the changes").click()
    refused = page.locator(".errorlist").inner_text()
    page.screenshot(path=ARTIFACTS / "backoffice-product-reject-phone.png", full_page=True)
    page.goto(url)
    page.get_by_role("button", name="Approve the changes").click()
    message = page.locator(".messagelist").inner_text()
    context.close()
    product.refresh_from_db()

    assert refused == "Give a reason, so the owner knows what to change."
    assert message == "Approved “Gayo Arabica, single origin from the Gayo highlands”."
    assert product.moq == 25
    assert errors == [], errors


@pytest.mark.parametrize("language", ["en", "id"])
def test_backoffice_lead_add_form_and_mail_queue_render(
    browser, live_server, booth_admin, language
):
    from post_office.models import STATUS, Email

    Email.objects.create(
        from_email="noreply@expo.example",
        to=["aiko@example.jp"],
        subject="Your inquiry EOI-24-00042",
        status=STATUS.failed,
    )
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {
        "lead-add": f"/{language}/admin/buyers/expressionofinterest/add/",
        "mail-queue": f"/{language}/admin/post_office/email/",
    }
    for name, viewport in (("390", PHONE), ("1024", {"width": 1024, "height": 800})):
        context, page, _errors = logged_in_page(browser, live_server, booth_admin, viewport)
        for page_name, path in pages.items():
            response = page.goto(live_server.url + path)
            page.screenshot(
                path=ARTIFACTS / f"backoffice-{page_name}-{language}-{name}.png", full_page=True
            )
            assert response.status == 200
        source_fields = page.locator('[name="source"]').count()
        page.goto(live_server.url + pages["lead-add"])
        source_fields += page.locator('[name="source"]').count()
        context.close()

        assert source_fields == 0
