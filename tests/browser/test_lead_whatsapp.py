"""An owner opens a buyer's inquiry on a phone and sees the WhatsApp button."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from ..factories import (
    BuyerFactory,
    ExhibitorFactory,
    ProductFactory,
    TradeLeadFactory,
    UserFactory,
)
from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "width"), [("id", 390), ("en", 390), ("id", 1024), ("en", 1024)]
)
def test_lead_page_shows_the_whatsapp_button(live_server, browser, screenshot, language, width):
    owner = UserFactory(username="sari")
    exhibitor = ExhibitorFactory(name="Kopi Gayo Sari", owners=[owner])
    lead = TradeLeadFactory(
        product=ProductFactory(exhibitor=exhibitor),
        buyer=BuyerFactory(name="Kaori Tanaka", phone="+819012345678"),
        share_contact=True,
        language="en",
    )
    client = Client()
    client.force_login(owner)
    context = browser.new_context(viewport={**PHONE, "width": width}, locale="en-GB")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/{language}/portal/leads/{lead.pk}/")

    button = page.locator("a[href^='https://wa.me/819012345678?text=']")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("target", "_blank")
    expect(button).to_have_attribute("rel", "noopener")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"{language}-{width}")
    assert errors == []
    context.close()
