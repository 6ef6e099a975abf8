"""WhatsApp for buyers: an owner's opt-in, reviewed like the other public profile fields,
puts a "Chat on WhatsApp" link per business on the status page of buyers who asked it.

Bad inputs tried: opting in without a number (refused, nothing saved), another owner's
business (404, nothing changed).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from booths.models import Exhibitor
from booths.services import exhibitor_approve
from buyers.status import status_token

from .factories import BuyerFactory, ExhibitorFactory, ProductFactory, TradeLeadFactory
from .portal_helpers import profile_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(generous_limits):
    pass


@pytest.fixture
def exhibitor(user):
    return ExhibitorFactory(owners=[user], name="Kopi Gayo Sari", slug="kopi-gayo-sari")


@pytest.fixture
def lead(exhibitor):
    buyer = BuyerFactory(name="Aiko Tanaka")
    return TradeLeadFactory(buyer=buyer, product=ProductFactory(exhibitor=exhibitor))


def _status(client, lead):
    return client.get(reverse("buyers:status", kwargs={"token": status_token(lead.buyer)}))


def _edit(client, exhibitor, **fields):
    data = profile_form_data(
        exhibitor,
        story_ind=exhibitor.story_ind or "",
        regency=exhibitor.regency,
        years_abroad=str(exhibitor.years_abroad),
        employees=str(exhibitor.employees),
        **fields,
    )
    return client.post(reverse("portal:business-edit", kwargs={"slug": exhibitor.slug}), data)


def _links(response):
    return [
        link for link in response.content.decode().split('"') if link.startswith("https://wa.me/")
    ]


def _opt_in(client, user, exhibitor, **fields):
    client.force_login(user)
    response = _edit(client, exhibitor, whatsapp="0812 7777 8888", whatsapp_public="on", **fields)
    client.logout()
    return response


def test_whatsapp_opt_in_waits_for_review_then_shows_on_the_status_page(
    client, user, exhibitor, lead
):
    response = _opt_in(client, user, exhibitor)

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert (exhibitor.whatsapp, exhibitor.whatsapp_public) == ("", False)
    assert exhibitor.change_requests.get().changes["whatsapp_public"] is True
    assert _links(_status(client, lead)) == []

    exhibitor_approve(exhibitor=exhibitor)
    page = _status(client, lead)

    (link,) = _links(page)
    parts = urlsplit(link.replace("&amp;", "&"))
    assert parts.path == "/6281277778888"
    text = parse_qs(parts.query)["text"][0]
    assert text == (
        f"Hello Kopi Gayo Sari, this is Aiko Tanaka about my inquiry {lead.reference} "
        "from the BP2MI booth, Trade Expo Indonesia."
    )
    assert "Chat on WhatsApp" in page.content.decode()


def test_whatsapp_link_speaks_the_language_of_the_page(client, user, exhibitor, lead):
    _opt_in(client, user, exhibitor)
    exhibitor_approve(exhibitor=exhibitor)

    page = client.get(
        reverse("buyers:status", kwargs={"token": status_token(lead.buyer)}).replace(
            "/en/", "/id/", 1
        )
    )

    (link,) = _links(page)
    text = parse_qs(urlsplit(link.replace("&amp;", "&")).query)["text"][0]
    assert text.startswith("Halo Kopi Gayo Sari, saya Aiko Tanaka")
    assert "Chat lewat WhatsApp" in page.content.decode()


def test_whatsapp_turned_off_stays_until_staff_approve_then_goes(client, user, exhibitor, lead):
    _opt_in(client, user, exhibitor)
    exhibitor_approve(exhibitor=exhibitor)
    exhibitor.refresh_from_db()

    client.force_login(user)
    _edit(client, exhibitor, whatsapp="0812 7777 8888")
    client.logout()
    assert len(_links(_status(client, lead))) == 1

    exhibitor_approve(exhibitor=exhibitor)

    assert _links(_status(client, lead)) == []
    exhibitor.refresh_from_db()
    assert exhibitor.whatsapp_public is False


def test_whatsapp_not_shown_without_the_opt_in_or_on_a_business_not_approved(
    client, exhibitor, lead
):
    Exhibitor.objects.filter(pk=exhibitor.pk).update(whatsapp="+6281277778888")
    assert _links(_status(client, lead)) == []

    Exhibitor.objects.filter(pk=exhibitor.pk).update(whatsapp_public=True, review_status="pending")
    assert _links(_status(client, lead)) == []


def test_whatsapp_opt_in_without_a_number_is_refused_and_saves_nothing(client, user, exhibitor):
    client.force_login(user)

    response = _edit(client, exhibitor, whatsapp="", whatsapp_public="on")

    assert response.status_code == 400
    assert "Fill in your WhatsApp number" in response.content.decode()
    assert not exhibitor.change_requests.exists()


def test_whatsapp_opt_in_of_another_owners_business_is_a_404(client, other_user, exhibitor):
    client.force_login(other_user)

    response = _edit(client, exhibitor, whatsapp="0812 7777 8888", whatsapp_public="on")

    assert response.status_code == 404
    exhibitor.refresh_from_db()
    assert exhibitor.whatsapp_public is False
    assert not exhibitor.change_requests.exists()


def test_whatsapp_not_on_the_public_business_page(client, user, exhibitor, lead):
    _opt_in(client, user, exhibitor)
    exhibitor_approve(exhibitor=exhibitor)

    page = client.get(exhibitor.get_absolute_url()).content.decode()

    assert "wa.me" not in page and "77778888" not in page


def test_status_page_queries_do_not_grow_with_businesses_on_whatsapp(
    client, user, django_assert_num_queries
):
    buyer = BuyerFactory()
    token = status_token(buyer)
    url = reverse("buyers:status", kwargs={"token": token})

    def add_business():
        business = ExhibitorFactory(whatsapp="+6281277778888", whatsapp_public=True)
        TradeLeadFactory(buyer=buyer, product=ProductFactory(exhibitor=business))

    add_business()
    client.get(url)
    with django_assert_num_queries(QUERIES):
        assert len(_links(client.get(url))) == 1
    for _ in range(3):
        add_business()
    with django_assert_num_queries(QUERIES):
        assert len(_links(client.get(url))) == 4


QUERIES = 3
