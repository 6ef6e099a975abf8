"""An owner on a phone records a deal from the inquiry page, with the signed agreement;
the inquiry page shows the deals at phone and laptop widths, in Indonesian and English."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from deals.models import Deal
from deals.services import deal_record, deal_verify

from ..factories import ExhibitorFactory, ProductFactory, TradeLeadFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def lead(password):
    owner = UserFactory(username="sari", first_name="Sari")
    exhibitor = ExhibitorFactory(name="Batik Sekar Jagad", owners=[owner])
    lead = TradeLeadFactory(product=ProductFactory(exhibitor=exhibitor))
    staff = UserFactory(username="staff", is_staff=True)
    sample = deal_record(
        lead=lead,
        actor=owner,
        title="Sampel 12 syal sutra batik",
        sample_sent_on=datetime.date(2024, 10, 20),
        quoted_on=datetime.date(2024, 10, 25),
        quoted_amount=Decimal("3600000"),
        currency="IDR",
        usd_idr_rate=Decimal("15750"),
    )
    verified = deal_record(
        lead=lead,
        actor=owner,
        title="First container of silk scarves",
        agreement_signed_on=datetime.date(2024, 11, 1),
        shipped_on=datetime.date(2024, 11, 20),
        shipped_quantity=Decimal("200"),
        unit="piece",
        amount=Decimal("14400"),
        destination_country="JP",
        incoterm="FOB",
    )
    deal_verify(deal=verified, actor=staff)
    return {"lead": lead, "owner": owner, "password": password, "sample": sample}


def _log_in(page, url, data, language):
    page.goto(f"{url}/{language}/portal/login/")
    page.locator("#id_username").fill("sari")
    page.locator("#id_password").fill(data["password"])
    page.locator("form.owner-form button[type=submit]").click()
    expect(page).to_have_url(f"{url}/{language}/portal/")


def test_owner_records_a_deal_on_a_phone(live_server, phone, screenshot, lead, tmp_path):
    document = tmp_path / "MoU-signed.pdf"
    document.write_bytes(PDF)
    _log_in(phone, live_server.url, lead, "id")

    phone.goto(f"{live_server.url}/id/portal/leads/{lead['lead'].pk}/")
    phone.locator("a[href$='/deals/add/']").click()
    phone.locator("#id_title").fill("Pesanan pertama 200 syal")
    phone.locator("#id_amount").fill("Rp 56.000.000")
    phone.locator("#id_currency").select_option("IDR")
    phone.locator("#id_usd_idr_rate").fill("15800")
    phone.locator("#id_agreement_signed_on").fill("2024-11-05")
    phone.locator("#id_new_document").set_input_files(str(document))
    screenshot(phone, "form-id-390")
    phone.locator("form.owner-form button[type=submit]").click()

    expect(phone.locator(".owner-deal")).to_have_count(3)
    deal = Deal.objects.get(title="Pesanan pertama 200 syal")
    assert (deal.amount, deal.currency, deal.usd_idr_rate) == (
        Decimal("56000000"),
        "IDR",
        Decimal("15800"),
    )
    assert deal.document.name.endswith(".pdf")
    with phone.expect_download() as download:
        phone.locator(f"a[href$='/deals/{deal.pk}/document/']").first.click()
    assert download.value.suggested_filename.endswith(f"-deal-{deal.pk}.pdf")


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("width", [390, 1024])
def test_lead_page_with_deals_fits_phone_and_laptop(
    live_server, browser, screenshot, lead, language, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    _log_in(page, live_server.url, lead, language)

    page.goto(f"{live_server.url}/{language}/portal/leads/{lead['lead'].pk}/")

    expect(page.locator(".owner-deal")).to_have_count(2)
    page.locator("#deals-title").scroll_into_view_if_needed()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    screenshot(page, f"lead-{language}-{width}")
    context.close()
    assert overflow is False
