"""The buyer's status page: the signed link in the confirmation mail, what it shows, the
requests it sends, and consent withdrawal that stops the follow-up mail."""

import datetime
import time

import pytest
from django.core import signing
from django.urls import reverse
from post_office.models import Email

from backoffice.models import PersonalDataAudit
from buyers.models import Buyer, LeadEvent
from buyers.status import SALT, status_token
from meetings import services as meeting_services
from meetings.choices import Side
from meetings.reminders import send_due_reminders

from .factories import BuyerFactory, PlacementLeadFactory, TradeLeadFactory, UserFactory
from .meeting_data import at, book, stand

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_notifications(settings, generous_limits):
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.id"


def _url(contact, name="buyers:status"):
    return reverse(name, kwargs={"token": status_token(contact)})


def test_status_signed_link_lists_the_buyers_leads_in_plain_words(client):
    buyer = BuyerFactory(name="Aiko Tanaka")
    first = TradeLeadFactory(buyer=buyer, status="quoted")
    second = TradeLeadFactory(buyer=buyer)
    TradeLeadFactory()  # another buyer's lead

    response = client.get(_url(buyer))

    assert response.status_code == 200
    body = response.content.decode()
    assert first.reference in body and second.reference in body
    assert "Quotation sent" in body and "Received, waiting for a reply" in body
    assert [lead.pk for lead, _words in response.context["leads"]] == [second.pk, first.pk]
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_status_lists_a_delegates_placement_leads(client):
    lead = PlacementLeadFactory()
    response = client.get(_url(lead.delegate))
    assert response.status_code == 200
    assert lead.reference in response.content.decode()


def test_status_leaves_out_leads_older_than_the_period(client, settings):
    settings.EXPO_STATUS_PAGE_MONTHS = 1
    buyer = BuyerFactory()
    old = TradeLeadFactory(buyer=buyer)
    old.__class__.objects.filter(pk=old.pk).update(
        created_at=old.created_at - datetime.timedelta(days=40)
    )
    response = client.get(_url(buyer))
    assert old.reference not in response.content.decode()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "x" + token,
        lambda token: signing.dumps({"b": 10**9}, salt=SALT, compress=True),  # no such buyer
        lambda token: signing.dumps({"b": "1"}, salt=SALT),  # not an id
        lambda token: signing.dumps({"m": 1}, salt="meetings.guest"),  # another salt
        lambda token: "",
    ],
    ids=["signature", "prefix", "unknown", "string-id", "other-salt", "empty"],
)
def test_status_tampered_link_gets_a_clear_page_and_no_data(client, mangle):
    lead = TradeLeadFactory(buyer=BuyerFactory(name="Aiko Tanaka"))
    token = mangle(status_token(lead.buyer))
    url = reverse("buyers:status", kwargs={"token": token}) if token else "/en/status//"

    response = client.get(url)

    assert response.status_code == 404
    body = response.content.decode()
    assert lead.reference not in body and "Aiko" not in body
    if token:
        assert "This link does not work" in body
        assert response["Referrer-Policy"] == "same-origin"


def test_status_expired_link_gets_a_clear_page_and_no_data(client, settings, monkeypatch):
    settings.EXPO_STATUS_LINK_MAX_AGE_DAYS = 90
    lead = TradeLeadFactory(buyer=BuyerFactory(name="Aiko Tanaka"))
    made = time.time() - 91 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: made)
    token = status_token(lead.buyer)
    monkeypatch.undo()

    response = client.get(reverse("buyers:status", kwargs={"token": token}))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert lead.reference not in response.content.decode()


def test_status_withdraw_of_a_tampered_link_changes_nothing(client):
    buyer = BuyerFactory()
    token = status_token(buyer)[:-2] + "zz"
    response = client.post(reverse("buyers:status-withdraw", kwargs={"token": token}))
    assert response.status_code == 404
    buyer.refresh_from_db()
    assert buyer.consent_withdrawn_at is None


def test_confirmation_mail_carries_the_status_link_in_text_and_html(client):
    from buyers.emails import notify_sent

    lead = TradeLeadFactory()
    Email.objects.all().delete()

    notify_sent(lead_ids=[lead.pk])

    mail = Email.objects.get(to=[lead.buyer.email])
    link = next(
        word for word in mail.message.split() if word.startswith("https://expo.example.id/")
    )
    assert f'href="{link}"' in mail.html_message
    response = client.get(link.removeprefix("https://expo.example.id"))
    assert response.status_code == 200
    assert lead.reference in response.content.decode()


def test_status_message_goes_to_the_history_and_to_the_owners(
    client, user, django_capture_on_commit_callbacks
):
    place = stand(owners=[user])
    lead = TradeLeadFactory(product__exhibitor=place.exhibitor)
    Email.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(lead.buyer),
            {"lead": lead.pk, "request": "message", "message": "Can you do 2 tonnes?"},
        )

    assert response.status_code == 302
    event = LeadEvent.objects.filter(lead=lead).latest("pk")
    assert event.note == "Message from the buyer (status page)\nCan you do 2 tonnes?"
    assert event.actor is None
    mail = Email.objects.get()
    assert mail.to == [user.email]
    assert "Can you do 2 tonnes?" in mail.message
    assert lead.reference in mail.subject


def test_status_sample_and_call_requests_are_lead_events(client):
    lead = TradeLeadFactory()
    for request, heading in (
        ("sample", "The buyer asks for a sample (status page)"),
        ("call", "The buyer asks for a follow-up call (status page)"),
    ):
        response = client.post(_url(lead.buyer), {"lead": lead.pk, "request": request})
        assert response.status_code == 302
        assert LeadEvent.objects.filter(lead=lead).latest("pk").note == heading


def test_status_refuses_another_buyers_lead_and_an_empty_message(client):
    buyer = BuyerFactory()
    TradeLeadFactory(buyer=buyer)
    other = TradeLeadFactory()
    before = LeadEvent.objects.count()

    foreign = client.post(_url(buyer), {"lead": other.pk, "request": "sample"})
    empty = client.post(
        _url(buyer), {"lead": buyer.leads.get().pk, "request": "message", "message": ""}
    )
    bad = client.post(_url(buyer), {"lead": "1x", "request": "nothing"})

    assert (foreign.status_code, empty.status_code, bad.status_code) == (400, 400, 400)
    assert "Write your message." in empty.content.decode()
    assert LeadEvent.objects.count() == before


def test_status_withdrawal_is_recorded_and_stops_the_follow_up_mails(client, settings):
    settings.EXPO_MEETING_REMINDER_HOUR = 7
    owner = UserFactory(username="sari")
    place = stand(owners=[owner])
    meeting = book(place, place.slot("15:00"), email="aiko@example.jp")
    meeting = meeting_services.meeting_confirm(meeting=meeting, side=Side.HOST)
    buyer = Buyer.objects.get(email="aiko@example.jp")
    lead = TradeLeadFactory(buyer=buyer, share_contact=True)

    response = client.post(_url(buyer, "buyers:status-withdraw"))
    again = client.post(_url(buyer, "buyers:status-withdraw"))

    assert (response.status_code, again.status_code) == (302, 302)
    buyer.refresh_from_db()
    lead.refresh_from_db()
    assert buyer.consent_withdrawn_at is not None
    assert lead.share_contact is False
    assert PersonalDataAudit.objects.get().action == "withdraw"
    assert not Buyer.objects.mailable().filter(pk=buyer.pk).exists()
    page = client.get(_url(buyer))
    assert 'data-testid="withdrawn"' in page.content.decode()

    Email.objects.all().delete()
    sent = send_due_reminders(base_url="https://expo.example.id", now=at(place.day, "08:00"))

    assert sent == 1
    addresses = [address for email in Email.objects.all() for address in email.to]
    assert addresses == ["sari@example.com"]


def test_new_inquiry_after_withdrawal_gives_consent_again():
    from buyers.services import _buyer_upsert

    buyer = BuyerFactory(email="aiko@example.jp")
    Buyer.objects.filter(pk=buyer.pk).update(
        consent_withdrawn_at=datetime.datetime.now(datetime.UTC)
    )
    _buyer_upsert(
        contact={"name": "Aiko", "email": "aiko@example.jp", "country": "JP"},
        language="en",
        consent_version="2024-10",
    )
    buyer.refresh_from_db()
    assert buyer.consent_withdrawn_at is None


@pytest.mark.parametrize("count", [1, 6])
def test_status_page_queries_do_not_grow_with_the_leads(client, django_assert_num_queries, count):
    buyer = BuyerFactory()
    for _ in range(count):
        TradeLeadFactory(buyer=buyer)
    url = _url(buyer)
    client.get(url)  # the session and the page cache warm up

    with django_assert_num_queries(QUERIES):
        response = client.get(url)

    assert len(response.context["leads"]) == count


QUERIES = 3


def test_status_requests_are_rate_limited(client, settings):
    settings.EXPO_LEAD_RATE_PER_ADDRESS = "3/h"
    lead = TradeLeadFactory()
    answers = [
        client.post(_url(lead.buyer), {"lead": lead.pk, "request": "sample"}).status_code
        for _ in range(4)
    ]
    assert answers == [302, 302, 302, 429]
    assert LeadEvent.objects.filter(lead=lead, note__contains="sample").count() == 3


def test_staff_withdrawal_stops_follow_up_mail_to_buyer_and_delegate_alike():
    from backoffice.personal_data import consent_withdraw
    from buyers.models import Delegate, follow_up_mail_allowed

    from .factories import DelegateFactory

    BuyerFactory(email="aiko@example.jp")
    DelegateFactory(email="Aiko@Example.jp")
    assert follow_up_mail_allowed("aiko@example.jp") is True

    consent_withdraw(email=" AIKO@example.jp ")

    assert follow_up_mail_allowed("aiko@example.jp") is False
    assert follow_up_mail_allowed("") is False
    assert not Delegate.objects.mailable().exists()
    assert follow_up_mail_allowed("someone@example.jp") is True
