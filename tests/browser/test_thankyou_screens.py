"""The thank-you mail in Chromium: the staff page's preview (laptop, both languages) up to
the send, the mail as rendered, and the buyer's status page with its WhatsApp link on a
phone in both languages."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from post_office.models import Email

from buyers.status import status_token
from thankyou.models import ThankYouRecipient

from ..conftest import staff_role
from ..factories import (
    BuyerFactory,
    ExhibitorFactory,
    ExpoFactory,
    ProductFactory,
    TradeLeadFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
TEST = {"en": "Send the test to", "id": "Kirim uji coba ke"}
SEND = {"en": "Send to 2 people", "id": "Kirim ke 2 orang"}


@pytest.fixture
def visitors(generous_limits, settings):
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.id"
    expo = ExpoFactory(
        name_en="Trade Expo Indonesia 2024",
        name_ind="Trade Expo Indonesia 2024",
        start_date=datetime.date(2024, 10, 9),
        end_date=datetime.date(2024, 10, 12),
        is_current=True,
    )
    coffee = ExhibitorFactory(
        name="Kopi Gayo Mandiri", whatsapp="+6281234567801", whatsapp_public=True
    )
    batik = ExhibitorFactory(name="Batik Tulis Sekar Jagad")
    aiko = BuyerFactory(name="Aiko Tanaka", email="aiko@example.jp", language="en")
    siti = BuyerFactory(name="Siti Rahma", email="siti@example.my", language="id")
    TradeLeadFactory(
        buyer=aiko,
        expo=expo,
        product=ProductFactory(
            exhibitor=coffee, name_en="Gayo arabica green beans", name_ind="Biji kopi arabika Gayo"
        ),
    )
    TradeLeadFactory(
        buyer=aiko,
        expo=expo,
        product=ProductFactory(
            exhibitor=batik, name_en="Silk batik scarf", name_ind="Syal batik sutra"
        ),
    )
    TradeLeadFactory(
        buyer=siti,
        expo=expo,
        product=ProductFactory(exhibitor=coffee, name_en="Robusta coffee", name_ind="Kopi robusta"),
    )
    TradeLeadFactory(buyer=BuyerFactory(consent_version=""), expo=expo)
    return {"expo": expo, "aiko": aiko, "siti": siti}


def _staff_page(browser, live_server):
    admin = UserFactory(username="boothadmin", staff=True, email="officer@bp2mi.example")
    admin.groups.add(staff_role("Booth admin"))
    client = Client()
    client.force_login(admin)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context, context.new_page()


@pytest.mark.parametrize("language", ["en", "id"])
def test_thank_you_preview_test_and_send(browser, live_server, screenshot, visitors, language):
    context, page = _staff_page(browser, live_server)
    with translation.override(language):
        url = live_server.url + reverse("thankyou:mailing")
    page.goto(f"{url}?expo={visitors['expo'].pk}")
    expect(page.get_by_test_id("recipients")).to_have_text("2")
    expect(page.get_by_test_id("excluded")).to_have_text("1")
    expect(page.get_by_test_id("preview-en")).to_contain_text("Gayo arabica green beans")
    expect(page.get_by_test_id("preview-id")).to_contain_text("Kopi robusta")
    screenshot(page, f"preview-{language}-1280")

    page.get_by_role("button", name=TEST[language]).click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert sorted(mail.to[0] for mail in Email.objects.all()) == ["officer@bp2mi.example"] * 2
    page.get_by_role("button", name=SEND[language]).click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.get_by_test_id("recipients")).to_have_text("0")
    screenshot(page, f"sent-{language}-1280")
    assert ThankYouRecipient.objects.count() == 2
    context.close()


@pytest.mark.parametrize(
    ("language", "address"), [("en", "aiko@example.jp"), ("id", "siti@example.my")]
)
def test_thank_you_mail_as_rendered(
    browser, live_server, artifacts, screenshot, visitors, language, address
):
    from thankyou import services

    services.thank_you_send(expo=visitors["expo"], intros={}, actor=None)
    mail = Email.objects.get(to__icontains=address)
    html = artifacts / f"thankyou-mail-{language}.html"
    html.write_text(mail.html_message, encoding="utf-8")
    context = browser.new_context(viewport={"width": 600, "height": 800})
    page = context.new_page()
    page.goto(html.as_uri())
    expect(page.locator("a[href^='https://expo.example.id/']")).to_have_count(1)
    screenshot(page, f"mail-{language}-600")
    context.close()


@pytest.mark.parametrize("language", ["en", "id"])
def test_status_page_whatsapp_link_on_a_phone(live_server, phone, screenshot, visitors, language):
    buyer = visitors["aiko"]
    with translation.override(language):
        url = live_server.url + reverse("buyers:status", kwargs={"token": status_token(buyer)})
    phone.goto(url)

    link = phone.get_by_test_id("status-whatsapp")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", re.compile(r"^https://wa\.me/6281234567801\?text="))
    screenshot(phone, f"status-whatsapp-{language}-390")
