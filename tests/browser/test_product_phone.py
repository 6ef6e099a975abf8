"""On a phone, a product's trade facts come before the long interest form."""

import pytest

from products.choices import CertificationKind, Unit

from ..factories import CertificationFactory, ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phone_shows_trade_facts_before_the_interest_form(live_server, phone, screenshot):
    product = ProductFactory(unit=Unit.PACK, moq=200, hs_code="200819", lead_time_days=14)
    CertificationFactory(product=product, kind=CertificationKind.HALAL, number="ID00110000123")

    phone.goto(f"{live_server.url}{product.get_absolute_url()}")
    trade = phone.locator(".pl-trade").bounding_box()
    form = phone.locator(".pl-interest").bounding_box()
    screenshot(phone, "product-trade-first")

    assert trade["y"] + trade["height"] <= form["y"]
    assert "200 packs" in phone.locator(".pl-trade").inner_text()
    phone.get_by_role("link", name="I'm interested").click()
    assert phone.url.endswith("#interest")


def test_desktop_keeps_the_form_beside_the_facts(live_server, desktop):
    product = ProductFactory()

    desktop.goto(f"{live_server.url}{product.get_absolute_url()}")
    trade = desktop.locator(".pl-trade").bounding_box()
    form = desktop.locator(".pl-interest").bounding_box()

    assert form["x"] > trade["x"] + trade["width"]
    assert not desktop.locator(".pl-jump").is_visible()
