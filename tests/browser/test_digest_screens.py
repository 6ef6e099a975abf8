"""The daily digest mail (its HTML written to a file and opened in Chromium) and the
unsubscribe page, at phone width, in Indonesian and English."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect
from post_office.models import Email

from buyers.models import ExpressionOfInterest
from deals.models import Deal
from deals.services import deal_record
from digest.models import DigestPreference
from digest.services import send_digests
from digest.tokens import unsubscribe_token

from ..factories import (
    BuyerFactory,
    ExhibitorFactory,
    ProductFactory,
    TradeLeadFactory,
    UserFactory,
)
from ..meeting_data import book, stand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _owner_with_work():
    owner = UserFactory(username="sari", first_name="Sari")
    exhibitor = ExhibitorFactory(name="Batik Sekar Jagad", owners=[owner])
    place = stand(exhibitor=exhibitor)
    book(place, place.slot("11:00"))
    deal_lead = TradeLeadFactory(product=ProductFactory(exhibitor=exhibitor))
    deal = deal_record(
        lead=deal_lead,
        actor=owner,
        title="First container of silk scarves",
        purchase_order_on=datetime.date(2024, 11, 1),
        amount=Decimal("14400"),
    )
    Deal.objects.filter(pk=deal.pk).update(updated_at=timezone.now() - datetime.timedelta(days=20))
    for days, company in ((4, "Tanaka Trading K.K."), (9, "Nordic Home AB")):
        lead = TradeLeadFactory(
            product=ProductFactory(exhibitor=exhibitor, name_en="Silk batik scarf"),
            buyer=BuyerFactory(company=company),
        )
        then = timezone.now() - datetime.timedelta(days=days)
        ExpressionOfInterest.objects.filter(pk=lead.pk).update(
            created_at=then, last_activity_at=then
        )
    return owner


@pytest.mark.parametrize("language", ["id", "en"])
def test_digest_mail_and_unsubscribe_page_on_a_phone(
    phone, live_server, screenshot, artifacts, language
):
    owner = _owner_with_work()
    Email.objects.all().delete()
    with override_settings(
        EXPO_NOTIFICATION_LANGUAGE=language, EXPO_PUBLIC_BASE_URL=live_server.url
    ):
        send_digests()
    (mail,) = Email.objects.filter(to=[owner.email])
    path = artifacts / f"digest-mail-{language}.html"
    path.write_text(mail.html_message)
    phone.goto(path.as_uri())
    expect(phone.locator("h2")).to_have_count(3)
    screenshot(phone, f"mail-{language}")

    with translation.override(language):
        url = reverse("digest:unsubscribe", args=[unsubscribe_token(owner)])
    phone.goto(live_server.url + url)
    screenshot(phone, f"unsubscribe-{language}")
    phone.locator("main form button.btn-primary, .container form button.btn-primary").first.click()
    expect(phone.locator(".alert")).not_to_have_count(0)
    screenshot(phone, f"unsubscribed-{language}")
    assert DigestPreference.objects.get(user=owner).subscribed is False

    phone.goto(live_server.url + url[:-3] + "xyz/")
    screenshot(phone, f"tampered-{language}")


@pytest.mark.parametrize(("language", "width"), [("id", 390), ("en", 1024)])
def test_owner_switches_the_digest_off_and_on_from_the_portal(
    browser, live_server, screenshot, password, language, width
):
    owner = UserFactory(username="sari", first_name="Sari")
    ExhibitorFactory(name="Batik Sekar Jagad", owners=[owner])
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/portal/login/")
    page.locator("#id_username").fill("sari")
    page.locator("#id_password").fill(password)
    page.locator("form.owner-form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/portal/")

    card = page.locator("section[aria-labelledby=digest-title]")
    card.scroll_into_view_if_needed()
    screenshot(page, f"portal-on-{language}-{width}")
    card.locator("button").click()
    expect(page.locator("section[aria-labelledby=digest-title] input[value='1']")).to_have_count(1)
    screenshot(page, f"portal-off-{language}-{width}")
    assert DigestPreference.objects.get(user=owner).changed_via == "portal"
    page.locator("section[aria-labelledby=digest-title] button").click()
    expect(page.locator("section[aria-labelledby=digest-title] input[value='0']")).to_have_count(1)
    assert DigestPreference.objects.get(user=owner).subscribed is True
    context.close()
