"""A buyer on a phone searches, filters, opens a product and switches language."""

import pytest
from playwright.sync_api import expect

from products.choices import CertificationKind

from ..factories import (
    CertificationFactory,
    ExhibitorFactory,
    ProductFactory,
    SubCategoryFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    coffee = SubCategoryFactory(
        name_en="Coffee",
        name_ind="Kopi",
        slug="coffee",
        parent__slug="food",
        parent__name_en="Food and drink",
        parent__name_ind="Makanan dan minuman",
    )
    gayo = ExhibitorFactory(name="Kopi Gayo Mandiri", province="AC")
    bali = ExhibitorFactory(name="Kintamani Roasters", province="BA")
    halal = ProductFactory(
        name_en="Gayo arabica, medium roast",
        name_ind="Kopi arabika Gayo, sangrai sedang",
        slug="gayo-arabica",
        category=coffee,
        exhibitor=gayo,
    )
    CertificationFactory(product=halal, kind=CertificationKind.HALAL, number="ID0110000999")
    ProductFactory(
        name_en="Kintamani arabica",
        name_ind="Kopi arabika Kintamani",
        slug="kintamani",
        category=coffee,
        exhibitor=bali,
    )
    ProductFactory(
        name_en="Rattan tote bag",
        name_ind="Tas jinjing rotan",
        slug="rattan-tote",
        description_en="Woven by hand.",
        description_ind="Dianyam tangan.",
    )


def test_buyer_searches_filters_opens_product_and_switches_language(
    live_server, phone, screenshot, catalogue
):
    phone.goto(f"{live_server.url}/en/catalogue/")
    phone.get_by_label("Search products, businesses and materials").fill("arabica")
    phone.get_by_role("button", name="Search").click()

    expect(phone.get_by_role("status")).to_contain_text("2 products")
    screenshot(phone, "search")

    phone.get_by_text("Filters").click()
    phone.get_by_role("link", name="Aceh 1").click()

    expect(phone.get_by_role("status")).to_contain_text("1 product")
    expect(phone.get_by_role("link", name="Gayo arabica, medium roast")).to_be_visible()
    screenshot(phone, "filtered")

    phone.get_by_role("link", name="Gayo arabica, medium roast").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Gayo arabica, medium roast")
    expect(phone.get_by_text("ID0110000999")).to_be_visible()
    screenshot(phone, "product")

    phone.get_by_role("button", name="Bahasa Indonesia").click()
    expect(phone).to_have_url(f"{live_server.url}/id/products/gayo-arabica/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kopi arabika Gayo, sangrai sedang")
    screenshot(phone, "product-id")
