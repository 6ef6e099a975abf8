"""The daily digest (digest.services, ``manage.py send_digests``) and its unsubscribe page.

Bad inputs tried: a second and a third run on the same day; owners with nothing waiting;
an owner without an e-mail address and an inactive owner; a lead untouched 6 days (no
escalation) and 7 days (escalation); a lead assigned to a non-staff account; a lead that is
closed (lost) however old; a deal paid, a deal only quoted, a deal updated 13 days ago; an
unsubscribe token with one character changed, cut short, signed for another salt, naming
an account that does not exist, an empty token, and a POST with a tampered token.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from post_office.models import Email

from buyers.choices import LeadStatus
from buyers.models import ExpressionOfInterest
from deals.models import Deal
from deals.services import deal_record
from digest.models import DigestKind, DigestPreference, DigestSent
from digest.services import collect, send_digests
from digest.tokens import unsubscribe_token

from .factories import ExhibitorFactory, ProductFactory, TradeLeadFactory, UserFactory
from .meeting_data import book, stand

pytestmark = pytest.mark.django_db


def age(lead, days: float, *, activity=False):
    """Make ``lead`` untouched for ``days``."""
    when = timezone.now() - datetime.timedelta(days=days)
    fields = {"created_at": when, "last_activity_at": when if activity else None}
    ExpressionOfInterest.objects.filter(pk=lead.pk).update(**fields)


def business(*owners):
    return ExhibitorFactory(owners=list(owners))


def lead_for(exhibitor, days: float, **kwargs):
    lead = TradeLeadFactory(product=ProductFactory(exhibitor=exhibitor), **kwargs)
    age(lead, days)
    return lead


def digest_mails(to: str):
    return [mail for mail in Email.objects.order_by("pk") if mail.to == [to]]


def run():
    Email.objects.all().delete()
    call_command("send_digests", stdout=io.StringIO())


def test_digest_goes_to_each_owner_with_their_own_leads_only():
    sari, budi, idle = UserFactory(username="sari"), UserFactory(username="budi"), UserFactory()
    mine = lead_for(business(sari), 4)
    theirs = lead_for(business(budi), 5)
    lead_for(business(idle), 1)  # not yet 3 days: nothing to say to idle

    run()

    (to_sari,) = digest_mails("sari@example.com")
    assert mine.reference in to_sari.message and theirs.reference not in to_sari.message
    (to_budi,) = digest_mails("budi@example.com")
    assert theirs.reference in to_budi.message and mine.reference not in to_budi.message
    assert digest_mails(idle.email) == []
    assert Email.objects.count() == 2
    assert set(DigestSent.objects.values_list("user__username", "kind", "leads")) == {
        ("sari", DigestKind.OWNER, 1),
        ("budi", DigestKind.OWNER, 1),
    }


def test_digest_is_in_indonesian_by_default():
    sari = UserFactory(username="sari")
    lead = lead_for(business(sari), 4)

    run()

    (mail,) = digest_mails("sari@example.com")
    assert mail.subject.startswith("Tindak lanjut Anda untuk ")
    assert "1 prospek belum dibalas selama 3 hari atau lebih" in mail.message
    assert f"/id/portal/leads/{lead.pk}/" in mail.message
    assert "/id/digest/unsubscribe/" in mail.html_message
    assert '<html lang="id">' in mail.html_message


def test_digest_sent_once_a_day_and_never_when_empty():
    sari, budi = UserFactory(username="sari"), UserFactory(username="budi")
    lead_for(business(sari), 4)
    business(budi)

    run()
    assert len(digest_mails("sari@example.com")) == 1
    run()
    run()

    assert Email.objects.count() == 0
    assert DigestSent.objects.count() == 1
    assert digest_mails("budi@example.com") == []


def test_digest_lists_meetings_to_confirm_and_stale_deals():
    sari = UserFactory(username="sari")
    place = stand(owners=[sari])
    meeting = book(place, place.slot("11:00"))
    old_deal_lead = lead_for(place.exhibitor, 0)
    ExpressionOfInterest.objects.filter(pk=old_deal_lead.pk).update(status=LeadStatus.AGREED)
    stale = deal_record(
        lead=old_deal_lead,
        actor=sari,
        title="First container",
        purchase_order_on=datetime.date(2024, 11, 1),
        amount=Decimal("12000"),
    )
    paid = deal_record(
        lead=old_deal_lead,
        actor=sari,
        title="Paid sample",
        purchase_order_on=datetime.date(2024, 11, 1),
        paid_on=datetime.date(2024, 11, 20),
        amount=Decimal("500"),
    )
    quoted = deal_record(
        lead=old_deal_lead,
        actor=sari,
        title="Only a quotation",
        quoted_on=datetime.date(2024, 11, 1),
        quoted_amount=Decimal("800"),
    )
    recent = deal_record(
        lead=old_deal_lead,
        actor=sari,
        title="Second container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("9000"),
    )
    long_ago = timezone.now() - datetime.timedelta(days=20)
    Deal.objects.filter(pk__in=[stale.pk, paid.pk, quoted.pk]).update(updated_at=long_ago)
    Deal.objects.filter(pk=recent.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=13)
    )

    run()

    (mail,) = digest_mails("sari@example.com")
    assert meeting.reference in mail.message
    assert "First container" in mail.message
    for title in ("Paid sample", "Only a quotation", "Second container"):
        assert title not in mail.message
    assert f"/id/portal/deals/{stale.pk}/" in mail.html_message


def test_digest_skips_closed_leads_and_owners_who_cannot_receive_mail():
    no_mail = UserFactory(username="nomail", email="")
    gone = UserFactory(username="gone", is_active=False)
    sari = UserFactory(username="sari")
    lead_for(business(no_mail, gone), 10)
    lost = lead_for(business(sari), 10)
    ExpressionOfInterest.objects.filter(pk=lost.pk).update(status=LeadStatus.LOST)

    run()

    assert Email.objects.count() == 0
    assert DigestSent.objects.count() == 0


def test_escalation_to_assigned_staff_at_7_days_not_at_6():
    sari = UserFactory(username="sari")
    rina = UserFactory(username="rina", staff=True)
    helper = UserFactory(username="helper")  # not staff: never escalated to
    shop = business(sari)
    week = lead_for(shop, 7.01, assigned_to=rina)
    six = lead_for(shop, 6.9, assigned_to=rina)
    other = lead_for(shop, 12, assigned_to=helper)

    run()

    (to_rina,) = digest_mails("rina@example.com")
    assert week.reference in to_rina.message
    assert six.reference not in to_rina.message and other.reference not in to_rina.message
    assert to_rina.subject == "1 prospek yang ditugaskan kepada Anda tidak disentuh selama 7 hari"
    assert digest_mails("helper@example.com") == []
    # The owner hears of all three.
    (to_sari,) = digest_mails("sari@example.com")
    assert all(lead.reference in to_sari.message for lead in (week, six, other))

    run()
    assert Email.objects.count() == 0


def test_escalation_lists_all_of_a_staff_members_leads_in_one_mail():
    rina = UserFactory(username="rina", staff=True)
    leads = [lead_for(business(UserFactory()), 8 + n, assigned_to=rina) for n in range(3)]

    run()

    (mail,) = digest_mails("rina@example.com")
    assert all(lead.reference in mail.message for lead in leads)
    assert f"/admin/buyers/expressionofinterest/{leads[0].pk}/change/" in mail.message


def test_collect_query_count_does_not_grow_with_owners_and_leads():
    def seed(owners: int):
        rina = UserFactory(staff=True)
        for _ in range(owners):
            place_owner = UserFactory()
            shop = business(place_owner)
            for days in (4, 9):
                lead_for(shop, days, assigned_to=rina)
            deal = deal_record(
                lead=lead_for(shop, 0),
                actor=place_owner,
                title="Container",
                purchase_order_on=datetime.date(2024, 11, 1),
                amount=Decimal("1000"),
            )
            Deal.objects.filter(pk=deal.pk).update(
                updated_at=timezone.now() - datetime.timedelta(days=15)
            )

    seed(1)
    with CaptureQueriesContext(connection) as small:
        owners, staff = collect()
    assert len(owners) == 1
    seed(6)
    with CaptureQueriesContext(connection) as large:
        owners, staff = collect()
    assert len(owners) == 7 and sum(len(d.leads) for d in staff.values()) == 7
    assert sum(len(d.deals) for d in owners.values()) == 7
    # Leads and their owners, meetings (none here, so no owners query), deals and their
    # owners, the unsubscribed.
    assert len(large) == len(small) == 6


def test_unsubscribed_owner_gets_no_digest_but_staff_still_escalated(client):
    sari = UserFactory(username="sari")
    rina = UserFactory(username="rina", staff=True)
    lead = lead_for(business(sari), 8, assigned_to=rina)
    url = reverse("digest:unsubscribe", args=[unsubscribe_token(sari)])

    page = client.get(url)
    assert page.status_code == 200
    assert not DigestPreference.objects.exists()  # opening the link changes nothing
    response = client.post(url)
    assert response.status_code == 302

    preference = DigestPreference.objects.get(user=sari)
    assert preference.subscribed is False and preference.changed_via == "link"
    assert preference.changed_at is not None
    run()
    assert digest_mails("sari@example.com") == []
    assert lead.reference in digest_mails("rina@example.com")[0].message
    assert "You do not receive the daily digest" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "make_token",
    [
        lambda user: (
            unsubscribe_token(user)[:-1] + ("A" if unsubscribe_token(user)[-1] != "A" else "B")
        ),
        lambda user: unsubscribe_token(user)[:10],
        lambda user: signing.dumps({"u": user.pk}, salt="meetings.guest", compress=True),
        lambda user: signing.dumps({"u": 999999}, salt="digest.unsubscribe", compress=True),
        lambda user: signing.dumps({"u": True}, salt="digest.unsubscribe", compress=True),
        lambda user: signing.dumps("x", salt="digest.unsubscribe", compress=True),
    ],
    ids=["changed", "cut", "other-salt", "no-such-account", "bool-id", "not-a-dict"],
)
def test_unsubscribe_tampered_token_gets_clear_page_and_changes_nothing(client, make_token):
    sari = UserFactory(username="sari")
    with translation.override("id"):
        url = reverse("digest:unsubscribe", args=[make_token(sari)])

    page = client.get(url)
    posted = client.post(url)

    assert page.status_code == posted.status_code == 400
    assert "Tautan ini tidak berfungsi." in page.content.decode()
    assert not DigestPreference.objects.exists()


def test_unsubscribe_page_speaks_the_owners_language(client):
    sari = UserFactory(username="sari")
    for language, button in (("id", "Hentikan ringkasan harian"), ("en", "Stop the daily digest")):
        with translation.override(language):
            url = reverse("digest:unsubscribe", args=[unsubscribe_token(sari)])
        assert button in client.get(url).content.decode()


def test_portal_switch_turns_digest_off_and_on(client):
    sari = UserFactory(username="sari")
    lead_for(business(sari), 4)
    client.force_login(sari)
    url = reverse("digest:preference")

    assert client.post(url, {"subscribed": "0"}).status_code == 302
    assert DigestPreference.objects.get(user=sari).changed_via == "portal"
    run()
    assert digest_mails("sari@example.com") == []

    client.post(url, {"subscribed": "1"})
    assert DigestPreference.objects.get(user=sari).subscribed is True
    send_digests()
    assert len(digest_mails("sari@example.com")) == 1
