"""The buyer's status page from the confirmation mail's link, at phone and laptop widths, in
English and Indonesian: a message sent from the phone, and the clear page of a bad link."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from buyers.models import LeadEvent
from buyers.status import status_token

from ..factories import BuyerFactory, ExhibitorFactory, ProductFactory, TradeLeadFactory

SEND = {"en": "Send", "id": "Kirim"}
WITHDRAW = {"en": "Withdraw my consent", "id": "Tarik persetujuan saya"}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def buyer(generous_limits):
    buyer = BuyerFactory(name="Aiko Tanaka", company="Tanaka Trading")
    batik = ExhibitorFactory(name="Batik Sekar Jagad")
    coffee = ExhibitorFactory(name="Kopi Gayo Lestari")
    TradeLeadFactory(buyer=buyer, product=ProductFactory(exhibitor=batik, name="Silk scarf"))
    TradeLeadFactory(
        buyer=buyer,
        status="quoted",
        product=ProductFactory(exhibitor=coffee, name="Gayo arabica green beans"),
    )
    return buyer


@pytest.mark.parametrize("language", ["en", "id"])
def test_status_page_screens(live_server, phone, desktop, screenshot, buyer, language):
    with translation.override(language):
        url = live_server.url + reverse("buyers:status", kwargs={"token": status_token(buyer)})
    for page, width in ((phone, 390), (desktop, 1024)):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(url)
        assert response.status == 200
        assert response.headers["referrer-policy"] == "same-origin"
        expect(page.get_by_test_id("status-words")).to_have_count(2)
        screenshot(page, f"{language}-{width}")

    phone.goto(url)
    phone.locator("textarea").fill("Could you send 2 tonnes by March?")
    phone.get_by_role("button", name=SEND[language]).click()
    expect(phone.locator(".alert-success, .alert")).to_be_visible()
    assert LeadEvent.objects.filter(note__contains="2 tonnes").count() == 1
    screenshot(phone, f"{language}-390-sent")

    phone.get_by_role("button", name=WITHDRAW[language]).click()
    expect(phone.get_by_test_id("withdrawn")).to_be_visible()
    buyer.refresh_from_db()
    assert buyer.consent_withdrawn_at is not None
    screenshot(phone, f"{language}-390-withdrawn")

    response = phone.goto(url[:-3] + "xx/")
    assert response.status == 404
    expect(phone.get_by_test_id("status-invalid")).to_be_visible()
    screenshot(phone, f"{language}-390-invalid")
