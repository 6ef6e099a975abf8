"""Quantities with their units: singular and plural in English, one form in Indonesian."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from products.choices import Unit
from products.units import quantity_with_unit

from .factories import ProductFactory


@pytest.mark.parametrize(
    ("quantity", "unit", "english", "indonesian"),
    [
        (200, Unit.PACK, "200 packs", "200 pak"),
        (1, Unit.PACK, "1 pack", "1 pak"),
        (5, Unit.SHEET, "5 sheets", "5 lembar"),
        (1, Unit.SHEET, "1 sheet", "1 lembar"),
        (3, Unit.BOX, "3 boxes", "3 kotak"),
        (2, Unit.DOZEN, "2 dozen", "2 lusin"),
        (Decimal("12.50"), Unit.KILOGRAM, "12.50 kilograms", "12,50 kilogram"),
        (Decimal("1.00"), Unit.TONNE, "1 tonne", "1 ton"),
        (Decimal("0.5"), Unit.LITRE, "0.50 litres", "0,50 liter"),
        (1500, Unit.PIECE, "1,500 pieces", "1.500 buah"),
        (0, Unit.METRE, "0 metres", "0 meter"),
        (7, "bale", "7", "7"),
        (None, Unit.PACK, "", ""),
    ],
)
def test_quantity_with_unit_agrees_with_the_number(quantity, unit, english, indonesian):
    with translation.override("en"):
        shown_en = quantity_with_unit(quantity, unit)
    with translation.override("id"):
        shown_id = quantity_with_unit(quantity, unit)

    assert (shown_en, shown_id) == (english, indonesian)


@pytest.mark.django_db
def test_product_page_and_card_say_200_packs(client: Client):
    product = ProductFactory(unit=Unit.PACK, moq=200, monthly_capacity=1, slug="keripik")
    ProductFactory(unit=Unit.SHEET, moq=5, slug="songket", exhibitor=product.exhibitor)

    page = client.get(product.get_absolute_url()).text
    catalogue = client.get("/en/catalogue/").text

    assert "<dd>200 packs</dd>" in page and "<dd>1 pack</dd>" in page
    assert "Min. order 200 packs" in catalogue and "Min. order 5 sheets" in catalogue
    assert "200 pack<" not in page and "5 sheet (cloth)" not in catalogue
