"""Consent to share contact details is given per lead, and later forms never take it back."""

import pytest
from django.urls import reverse
from post_office.models import Email

from buyers.models import Buyer
from buyers.resources import LeadResource

from .factories import ExhibitorFactory, ProductFactory, UserFactory
from .lead_data import trade_post
from .meeting_data import book, stand

pytestmark = pytest.mark.django_db

SECRETS = ["Aiko Tanaka", "aiko@example.jp", "+819012345678"]


@pytest.fixture
def two_businesses():
    first = UserFactory(username="wati", email="wati@umkm.example")
    second = UserFactory(username="budi", email="budi@umkm.example")
    return (
        first,
        ProductFactory(exhibitor=ExhibitorFactory(owners=[first])),
        second,
        ProductFactory(exhibitor=ExhibitorFactory(owners=[second])),
    )


@pytest.fixture
def aiko_leads(client, two_businesses, django_capture_on_commit_callbacks):
    """Aiko shares her details with the first business, then writes to the second without."""
    _first, shared_product, _second, private_product = two_businesses
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("buyers:product-interest", args=[shared_product.slug]),
            trade_post(share_contact="on"),
        )
        client.post(
            reverse("buyers:product-interest", args=[private_product.slug]),
            trade_post(message="A second product, please."),
        )
    buyer = Buyer.objects.get(email="aiko@example.jp")
    return buyer.leads.get(product=shared_product), buyer.leads.get(product=private_product)


def test_consent_later_form_without_the_tick_keeps_earlier_lead_shared(
    client, two_businesses, aiko_leads
):
    first, _product, second, _other = two_businesses
    shared, private = aiko_leads

    client.force_login(first)
    first_page = client.get(reverse("portal:lead-detail", kwargs={"pk": shared.pk}))
    client.force_login(second)
    second_page = client.get(reverse("portal:lead-detail", kwargs={"pk": private.pk}))

    assert (shared.share_contact, private.share_contact) == (True, False)
    for secret in ("Aiko Tanaka", "aiko@example.jp"):
        assert secret in first_page.text
        assert secret not in second_page.text
    assert "did not share their contact details" in second_page.text


def test_consent_owner_mails_follow_each_leads_own_consent(aiko_leads):
    first_mail = Email.objects.get(to=["wati@umkm.example"])
    second_mail = Email.objects.get(to=["budi@umkm.example"])

    assert all(secret in first_mail.message for secret in SECRETS)
    assert first_mail.headers == {"Reply-To": "aiko@example.jp"}
    assert [secret for secret in SECRETS if secret in second_mail.message] == []
    assert not second_mail.headers


def test_consent_export_shows_staff_each_leads_own_consent(aiko_leads):
    shared, private = aiko_leads

    dataset = LeadResource().export()
    headers = dataset.headers
    rows = {row[0]: dict(zip(headers, row, strict=True)) for row in dataset}

    assert rows[shared.reference]["Contact shared with the MSME"] == "yes"
    assert rows[private.reference]["Contact shared with the MSME"] == "no"
    # BP2MI staff run the follow-up of both, so they see who wrote both.
    assert (
        rows[shared.reference]["Email"] == rows[private.reference]["Email"] == ("aiko@example.jp")
    )


def test_consent_booking_without_the_tick_keeps_earlier_leads_shared(
    client, aiko_leads, two_businesses
):
    first, _product, _second, _other = two_businesses
    shared, _private = aiko_leads
    place = stand(exhibitor=shared.exhibitor)

    meeting = book(place, place.slot("10:00"), share_contact=False)
    shared.refresh_from_db()
    client.force_login(first)
    page = client.get(reverse("portal:lead-detail", kwargs={"pk": shared.pk}))

    assert meeting.share_contact is False
    assert shared.share_contact is True
    assert "aiko@example.jp" in page.text
