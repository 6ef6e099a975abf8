"""Owners see the leads about their own business only, move them along and add notes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from buyers.choices import LeadStatus
from buyers.models import ExpressionOfInterest, LeadEvent
from buyers.services import lead_change_status

from .factories import (
    BuyerFactory,
    ExhibitorFactory,
    PlacementLeadFactory,
    ProductFactory,
    TradeLeadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor(user):
    return ExhibitorFactory(owners=[user])


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


def _lead(exhibitor, **kwargs):
    return TradeLeadFactory(product=ProductFactory(exhibitor=exhibitor), **kwargs)


def _age(lead, days):
    """Pretend nobody touched the lead for ``days`` days."""
    moment = timezone.now() - datetime.timedelta(days=days)
    ExpressionOfInterest.objects.filter(pk=lead.pk).update(
        created_at=moment, last_activity_at=moment
    )


def test_lead_list_shows_only_the_owners_own_trade_leads(owner_client, exhibitor, other_user):
    mine = _lead(exhibitor)
    theirs = _lead(ExhibitorFactory(owners=[other_user]))
    placement = PlacementLeadFactory()

    response = owner_client.get(reverse("portal:lead-list"), {"show": "all"})

    shown = [lead.pk for lead in response.context["page"].object_list]
    assert shown == [mine.pk]
    assert theirs.reference not in response.text
    assert placement.reference not in response.text


def test_lead_detail_shows_the_buyers_contact_only_with_consent(owner_client, exhibitor):
    buyer = BuyerFactory(name="Kaori Tanaka", email="kaori@example.jp", phone="+819012345678")
    shared = _lead(exhibitor, buyer=buyer, share_contact=True)
    private = _lead(exhibitor, buyer=buyer, share_contact=False)

    with_consent = owner_client.get(reverse("portal:lead-detail", kwargs={"pk": shared.pk}))
    without = owner_client.get(reverse("portal:lead-detail", kwargs={"pk": private.pk}))

    for text in ("Kaori Tanaka", "kaori@example.jp", "+81 90-1234-5678", "wa.me/819012345678"):
        assert text in with_consent.text
        assert text not in without.text
    assert "did not share their contact details" in without.text
    assert "Japan" in without.text


def test_lead_status_change_is_recorded_in_the_history(owner_client, exhibitor, user):
    lead = _lead(exhibitor)
    url = reverse("portal:lead-detail", kwargs={"pk": lead.pk})

    response = owner_client.post(
        url, {"action": "status", "status": "contacted", "note": "Sent the price list."}
    )

    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == LeadStatus.CONTACTED
    event = lead.history.order_by("-pk").first()
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        user,
        LeadStatus.NEW,
        LeadStatus.CONTACTED,
        "Sent the price list.",
    )
    page = owner_client.get(url)
    assert "Status: New → Contacted" in page.text
    assert "Sent the price list." in page.text


def test_lead_note_is_recorded_without_changing_the_status(owner_client, exhibitor, user):
    lead = _lead(exhibitor)

    owner_client.post(
        reverse("portal:lead-detail", kwargs={"pk": lead.pk}),
        {"action": "note", "note": "Buyer wants samples in December."},
    )

    lead.refresh_from_db()
    assert lead.status == LeadStatus.NEW
    assert LeadEvent.objects.filter(
        lead=lead, actor=user, note="Buyer wants samples in December.", to_status=""
    ).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "status", "status": "won-the-lottery"},
        {"action": "note", "note": ""},
        {"action": "note", "note": "x" * 4001},
    ],
)
def test_lead_bad_input_changes_nothing(owner_client, exhibitor, data):
    """Tried: an unknown status, an empty note, a note of 4,001 characters."""
    lead = _lead(exhibitor)
    events = lead.history.count()

    response = owner_client.post(reverse("portal:lead-detail", kwargs={"pk": lead.pk}), data)

    assert response.status_code == 400
    lead.refresh_from_db()
    assert (lead.status, lead.history.count()) == (LeadStatus.NEW, events)


def test_leads_untouched_for_3_days_are_flagged(owner_client, exhibitor, user):
    quiet = _lead(exhibitor)
    _age(quiet, 4)
    recent = _lead(exhibitor)
    _age(recent, 2)
    closed = _lead(exhibitor)
    lead_change_status(lead=closed, status=LeadStatus.LOST, actor=user)
    _age(closed, 10)

    follow_up = owner_client.get(reverse("portal:lead-list"), {"show": "follow-up"})
    every = owner_client.get(reverse("portal:lead-list"), {"show": "all"})
    dashboard = owner_client.get(reverse("portal:dashboard"))

    assert [lead.pk for lead in follow_up.context["page"].object_list] == [quiet.pk]
    flags = {lead.pk: lead.overdue for lead in every.context["page"].object_list}
    assert flags == {quiet.pk: True, recent.pk: False, closed.pk: False}
    assert "No reply for 4 days" in every.text
    assert dashboard.context["lead_counts"] == {"total": 3, "new": 2, "overdue": 1, "open": 2}


def test_lead_touched_again_is_no_longer_flagged(owner_client, exhibitor):
    lead = _lead(exhibitor)
    _age(lead, 5)

    owner_client.post(
        reverse("portal:lead-detail", kwargs={"pk": lead.pk}),
        {"action": "note", "note": "Called the buyer."},
    )

    response = owner_client.get(reverse("portal:lead-list"), {"show": "follow-up"})
    assert list(response.context["page"].object_list) == []


def test_lead_list_unknown_view_and_page_fall_back(owner_client, exhibitor):
    """Tried: ?show=<script> and ?page=999 and ?page=abc."""
    _lead(exhibitor)

    for params in ({"show": "<script>"}, {"page": "999"}, {"page": "abc"}):
        response = owner_client.get(reverse("portal:lead-list"), params)
        assert response.status_code == 200
        assert response.context["show"] == "open"
        assert "<script>" not in response.text.split("</header>")[1]


def _whatsapp_button(response):
    return 'target="_blank" rel="noopener"' in response.text and "Chat on WhatsApp" in response.text


def test_lead_detail_whatsapp_button_with_consent_and_phone(owner_client, exhibitor):
    buyer = BuyerFactory(name="Kaori Tanaka", phone="+819012345678")
    lead = _lead(exhibitor, buyer=buyer, share_contact=True)

    response = owner_client.get(reverse("portal:lead-detail", kwargs={"pk": lead.pk}))

    assert _whatsapp_button(response)
    assert response.context["whatsapp_url"].startswith("https://wa.me/819012345678?text=Hello")
    assert response.context["whatsapp_url"] in response.text


def test_lead_detail_whatsapp_button_absent_without_consent(owner_client, exhibitor):
    buyer = BuyerFactory(phone="+819012345678")
    lead = _lead(exhibitor, buyer=buyer, share_contact=False)

    response = owner_client.get(reverse("portal:lead-detail", kwargs={"pk": lead.pk}))

    assert not _whatsapp_button(response)
    assert "wa.me" not in response.text


def test_lead_detail_whatsapp_button_absent_without_phone(owner_client, exhibitor):
    lead = _lead(exhibitor, buyer=BuyerFactory(phone=""), share_contact=True)

    response = owner_client.get(reverse("portal:lead-detail", kwargs={"pk": lead.pk}))

    assert not _whatsapp_button(response)
    assert "wa.me" not in response.text
