"""A buyer on a phone collects two products of two businesses on the inquiry list,
sends it, and sees the reference."""

import re

import pytest
from playwright.sync_api import expect

from buyers.models import ExpressionOfInterest, Inquiry

from ..factories import ExhibitorFactory, ProductFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_inquiry_list_two_businesses_on_phone(live_server, phone, screenshot):
    page = phone
    coffee = ProductFactory(
        slug="gayo-arabica",
        name_en="Gayo arabica coffee",
        exhibitor=ExhibitorFactory(name="Kopi Purna Gayo"),
    )
    batik = ProductFactory(
        slug="batik-scarf",
        name_en="Batik tulis scarf",
        unit="piece",
        exhibitor=ExhibitorFactory(name="Batik Purna Solo"),
    )

    # Arrives by the QR code on the stand, on the first product.
    page.goto(f"{live_server.url}/en/interest/product/{coffee.slug}/?src=booth")
    page.get_by_role("button", name="Add to inquiry list").first.click()
    expect(page.get_by_text("Gayo arabica coffee is on your inquiry list.")).to_be_visible()

    page.goto(f"{live_server.url}/en/interest/product/{batik.slug}/")
    page.get_by_role("button", name="Add to inquiry list").first.click()
    expect(page.get_by_text("Batik tulis scarf is on your inquiry list.")).to_be_visible()

    page.get_by_role("link", name="On your inquiry list: review and send").first.click()
    expect(page.get_by_role("heading", name="Your inquiry list")).to_be_visible()
    expect(page.get_by_role("heading", name="Kopi Purna Gayo")).to_be_visible()
    expect(page.get_by_role("heading", name="Batik Purna Solo")).to_be_visible()

    page.get_by_label("Quantity (kilogram)").fill("250")
    page.get_by_label("Quantity (piece)").fill("60")
    page.get_by_label("Your name").fill("Lucas Martin")
    page.get_by_label("Email", exact=True).fill("lucas@epicerie.example.fr")
    page.get_by_label("Your country").select_option("FR")
    page.get_by_label("I have read the privacy notice").check()
    screenshot(page, "list")
    send = page.get_by_role("button", name="Send to 2 businesses")
    box = send.bounding_box()
    # A big target for a thumb at a noisy venue.
    assert box["height"] >= 48
    assert box["width"] >= 300
    send.click()

    reference = page.get_by_test_id("reference")
    expect(reference).to_have_text(re.compile(r"^INQ-[0-9]{2}-[0-9]{5}$"))
    screenshot(page, "sent")

    inquiry = Inquiry.objects.get()
    assert reference.inner_text() == inquiry.reference
    leads = ExpressionOfInterest.objects.filter(inquiry_reference=inquiry.reference)
    assert sorted(lead.exhibitor.name for lead in leads) == ["Batik Purna Solo", "Kopi Purna Gayo"]
    assert {lead.source for lead in leads} == {"booth"}
    # The reference is readable without zooming: large type, fully on screen.
    font_size = reference.evaluate("element => getComputedStyle(element).fontSize")
    assert float(font_size.removesuffix("px")) >= 28
    box = reference.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
