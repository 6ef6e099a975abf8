"""The thank-you mail after an expo: who gets it, in which language, what it lists, the
link in it, who is left out, never twice, the test send, and who may send it.

Bad inputs tried: no expo chosen, an expo that does not exist, an opening text over the
limit, sending before a test, sending when nobody is left, a second send, sending
before the expo ended, a test from an account without an address; each answers 400
with a message and changes nothing.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from backoffice.personal_data import (
    consent_withdraw,
    personal_data_anonymise,
    personal_data_erase,
)
from thankyou import services
from thankyou.models import ThankYouMailing, ThankYouRecipient

from .concurrency import post_all_at_once
from .factories import (
    BuyerFactory,
    DelegateFactory,
    ExpoFactory,
    PlacementLeadFactory,
    ProductFactory,
    TradeLeadFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("thankyou:mailing")


@pytest.fixture(autouse=True)
def public_address(settings, generous_limits):
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.id"


@pytest.fixture
def expo(db):
    return ExpoFactory(
        name_en="Trade Expo Indonesia 2024",
        name_ind="Trade Expo Indonesia 2024",
        start_date=datetime.date(2024, 10, 9),
        end_date=datetime.date(2024, 10, 12),
        is_current=True,
    )


@pytest.fixture
def visitors(expo):
    """An English buyer with two products of one business, an Indonesian buyer, a
    delegate, and one person for each reason to be left out."""
    coffee = ProductFactory(name_en="Gayo arabica coffee", name_ind="Kopi arabika Gayo")
    batik = ProductFactory(name_en="Hand-drawn batik", name_ind="Batik tulis")
    aiko = BuyerFactory(name="Aiko Tanaka", email="aiko@example.jp", language="en")
    lead = TradeLeadFactory(buyer=aiko, product=coffee, expo=expo, language="en")
    siti = BuyerFactory(name="Siti Rahma", email="siti@example.my", language="id")
    TradeLeadFactory(buyer=siti, product=batik, expo=expo, language="id")
    kim = DelegateFactory(name="Kim Min-jun", email="kim@example.kr", language="en")
    PlacementLeadFactory(delegate=kim, expo=expo)
    # Left out: no address, no consent, consent withdrawn.
    TradeLeadFactory(buyer=BuyerFactory(email="", phone="+6281234567890"), expo=expo)
    TradeLeadFactory(
        buyer=BuyerFactory(email="noconsent@example.com", consent_version=""), expo=expo
    )
    gone = BuyerFactory(email="gone@example.com")
    TradeLeadFactory(buyer=gone, expo=expo)
    consent_withdraw(email="gone@example.com", reference="test")
    # Another expo's visitor is not thanked for this one.
    TradeLeadFactory(expo=ExpoFactory(), buyer=BuyerFactory(email="other@example.com"))
    return {"aiko": aiko, "siti": siti, "kim": kim, "coffee": coffee, "batik": batik, "lead": lead}


def _mail_to(address):
    return Email.objects.filter(to__icontains=address)


def _send(client, expo, **extra):
    data = {"expo": expo.pk, "intro_en": "", "intro_ind": "", **extra}
    client.post(URL, {**data, "action": "test"})
    return client.post(URL, {**data, "action": "send"})


def test_selection_counts_recipients_and_who_is_left_out_and_why(expo, visitors):
    selection = services.select_recipients(expo)

    assert sorted(r.email for r in selection.recipients) == [
        "aiko@example.jp",
        "kim@example.kr",
        "siti@example.my",
    ]
    assert selection.excluded == {
        "no_address": 1,
        "withdrawn": 1,
        "no_consent": 1,
        "already_sent": 0,
    }
    assert selection.per_language() == {"en": 2, "id": 1}


def test_anonymised_people_and_a_withdrawal_under_the_other_kind_are_left_out(expo):
    TradeLeadFactory(buyer=BuyerFactory(email="anon@example.com"), expo=expo)
    personal_data_anonymise(email="anon@example.com")
    # The same address withdrew as a buyer: not mailed as a delegate either.
    BuyerFactory(email="twice@example.com")
    consent_withdraw(email="twice@example.com")
    PlacementLeadFactory(delegate=DelegateFactory(email="twice@example.com"), expo=expo)

    selection = services.select_recipients(expo)

    assert selection.recipients == []
    assert (selection.excluded["no_address"], selection.excluded["withdrawn"]) == (1, 1)


def test_send_mails_each_person_once_in_their_language_with_their_products(
    client, booth_admin, expo, visitors
):
    client.force_login(booth_admin)
    response = _send(client, expo, intro_en="We loved meeting you.")

    assert response.status_code == 302
    aiko = _mail_to("aiko@example.jp").get()
    assert aiko.subject == "Thank you for visiting the BP2MI booth at Trade Expo Indonesia 2024"
    assert "We loved meeting you." in aiko.message
    assert "Gayo arabica coffee" in aiko.message and visitors["lead"].reference in aiko.message
    assert visitors["coffee"].exhibitor.name in aiko.html_message
    assert "Batik" not in aiko.message
    siti = _mail_to("siti@example.my").get()
    assert siti.subject == "Terima kasih telah mengunjungi booth BP2MI di Trade Expo Indonesia 2024"
    assert "Batik tulis" in siti.message and "Kopi" not in siti.message
    kim = _mail_to("kim@example.kr").get()
    assert "placement" in kim.message.lower()
    for address in ("gone@example.com", "noconsent@example.com", "other@example.com"):
        assert not _mail_to(address).exists()
    mailing = ThankYouMailing.objects.get()
    assert (mailing.sent_by, mailing.recipients_count) == (booth_admin, 3)
    assert mailing.excluded["withdrawn"] == 1
    assert set(ThankYouRecipient.objects.values_list("language", flat=True)) == {"en", "id"}
    assert ThankYouRecipient.objects.get(buyer=visitors["aiko"]).email == aiko


def test_the_link_in_the_mail_opens_the_buyers_status_page(client, booth_admin, expo, visitors):
    client.force_login(booth_admin)
    _send(client, expo)
    message = _mail_to("aiko@example.jp").get().message
    link = re.search(r"https://expo\.example\.id(/en/status/[^/\s]+/)", message).group(1)

    client.logout()
    response = client.get(link)

    assert response.status_code == 200
    assert visitors["lead"].reference in response.content.decode()
    assert response.context["contact"] == visitors["aiko"]


def test_second_send_mails_nobody_again_and_says_so(client, booth_admin, expo, visitors):
    client.force_login(booth_admin)
    _send(client, expo)
    queued = Email.objects.count()

    response = _send(client, expo)

    assert response.status_code == 400
    assert "has been sent it already" in response.content.decode()
    # Not even the test goes out again: nobody is left to show it for.
    assert Email.objects.count() == queued
    assert ThankYouMailing.objects.count() == 1
    assert ThankYouRecipient.objects.count() == 3


def test_a_newcomer_after_the_send_gets_it_and_nobody_else_again(expo, visitors, booth_admin):
    services.thank_you_send(expo=expo, intros={}, actor=booth_admin)
    TradeLeadFactory(buyer=BuyerFactory(email="late@example.com"), expo=expo)

    mailing = services.thank_you_send(expo=expo, intros={}, actor=booth_admin)

    assert mailing.recipients_count == 1
    assert _mail_to("late@example.com").count() == 1
    assert _mail_to("aiko@example.jp").count() == 1


def test_the_database_refuses_a_second_row_for_a_person_and_expo(expo, visitors, booth_admin):
    from django.db import IntegrityError, transaction

    services.thank_you_send(expo=expo, intros={}, actor=booth_admin)
    mailing = ThankYouMailing.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ThankYouRecipient.objects.create(
            mailing=mailing, expo=expo, buyer=visitors["aiko"], language="en"
        )


def test_a_buyer_who_is_also_a_delegate_gets_one_mail(expo, booth_admin):
    buyer = BuyerFactory(email="both@example.com")
    delegate = DelegateFactory(email="both@example.com")
    TradeLeadFactory(buyer=buyer, expo=expo)
    PlacementLeadFactory(delegate=delegate, expo=expo)

    services.thank_you_send(expo=expo, intros={}, actor=booth_admin)

    mail = _mail_to("both@example.com").get()
    assert mail.message.count("https://expo.example.id/en/status/") == 2
    assert ThankYouRecipient.objects.count() == 2


def test_test_send_goes_only_to_the_staff_member_in_both_languages(
    client, booth_admin, expo, visitors
):
    client.force_login(booth_admin)
    response = client.post(URL, {"expo": expo.pk, "action": "test"})

    assert response.status_code == 200
    mails = list(Email.objects.all())
    assert [mail.to for mail in mails] == [[booth_admin.email]] * 2
    assert {mail.subject[:6] for mail in mails} == {"[Test]", "[Uji] "}
    assert not ThankYouRecipient.objects.exists()
    assert not ThankYouMailing.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"action": "send"}, "Choose the expo whose visitors to thank."),
        ({"expo": "999999", "action": "send"}, "Choose the expo whose visitors to thank."),
        ({"action": "preview"}, "Choose the expo whose visitors to thank."),
        ({"intro_en": "x" * 2001, "action": "send"}, "at most 2000 characters"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_sends_nothing(
    client, booth_admin, expo, visitors, data, message
):
    client.force_login(booth_admin)
    if "intro_en" in data:
        data = {**data, "expo": expo.pk}
    response = client.post(URL, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Email.objects.exists()
    assert not ThankYouRecipient.objects.exists()


def test_send_without_a_test_first_is_refused(client, booth_admin, expo, visitors):
    client.force_login(booth_admin)
    response = client.post(URL, {"expo": expo.pk, "action": "send"})

    assert response.status_code == 400
    assert "Send yourself the test mail of these texts first" in response.content.decode()
    assert not Email.objects.exists()


def test_send_after_changing_the_texts_asks_for_a_new_test(client, booth_admin, expo, visitors):
    client.force_login(booth_admin)
    client.post(URL, {"expo": expo.pk, "intro_en": "First text", "action": "test"})
    response = client.post(URL, {"expo": expo.pk, "intro_en": "Second text", "action": "send"})

    assert response.status_code == 400
    assert not ThankYouRecipient.objects.exists()


def test_nothing_to_send_is_said_and_changes_nothing(client, booth_admin, expo):
    TradeLeadFactory(buyer=BuyerFactory(consent_version=""), expo=expo)
    client.force_login(booth_admin)

    response = client.post(URL, {"expo": expo.pk, "action": "test"})

    assert response.status_code == 400
    assert (
        "Nobody who sent an inquiry at this expo may receive the mail" in response.content.decode()
    )
    assert not Email.objects.exists()


def test_an_expo_that_has_not_ended_is_not_sent(client, booth_admin, visitors):
    today = timezone.localdate()
    running = ExpoFactory(start_date=today, end_date=today + datetime.timedelta(days=3))
    TradeLeadFactory(buyer=BuyerFactory(email="early@example.com"), expo=running)
    client.force_login(booth_admin)

    response = _send(client, running)

    assert response.status_code == 400
    assert "This expo has not ended yet" in response.content.decode()
    assert not ThankYouRecipient.objects.exists()
    assert not _mail_to("early@example.com").exists()


def test_test_from_an_account_without_an_address_is_refused(client, booth_admin, expo, visitors):
    booth_admin.email = ""
    booth_admin.save()
    client.force_login(booth_admin)

    response = client.post(URL, {"expo": expo.pk, "action": "test"})

    assert response.status_code == 400
    assert "Your account has no email address" in response.content.decode()
    assert not Email.objects.exists()


def test_booth_staff_are_refused_and_booth_admins_allowed(client, booth_staff, booth_admin, expo):
    client.force_login(booth_staff)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"expo": expo.pk, "action": "send"}).status_code == 403
    client.force_login(booth_admin)
    assert client.get(URL).status_code == 200


def test_preview_shows_the_mail_in_both_languages_with_the_counts(
    client, booth_admin, expo, visitors
):
    client.force_login(booth_admin)
    response = client.get(URL, {"expo": expo.pk})

    assert response.status_code == 200
    body = response.content.decode()
    assert [p["language"] for p in response.context["previews"]] == ["en", "id"]
    assert "Gayo arabica coffee" in body and "Batik tulis" in body
    assert 'data-testid="recipients">3<' in body and 'data-testid="excluded">3<' in body
    assert "Consent withdrawn" in body
    assert not Email.objects.exists()
    # The send button comes with the test of the same texts.
    assert 'data-testid="send"' not in body and 'data-testid="test-first"' in body
    tested = client.post(URL, {"expo": expo.pk, "intro_en": "", "intro_ind": "", "action": "test"})
    assert 'data-testid="send"' in tested.content.decode()


def test_erasing_a_person_deletes_the_record_of_mailing_them(expo, visitors, booth_admin):
    services.thank_you_send(expo=expo, intros={}, actor=booth_admin)

    personal_data_erase(email="aiko@example.jp")

    assert not ThankYouRecipient.objects.filter(buyer__email="aiko@example.jp").exists()
    assert ThankYouRecipient.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_mail_everyone_once(booth_admin, expo, visitors, settings):
    from django.test import Client

    client = Client()
    client.force_login(booth_admin)
    client.post(URL, {"expo": expo.pk, "action": "test"})
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    results, errors = post_all_at_once(
        URL,
        [{"expo": expo.pk, "intro_en": "", "intro_ind": "", "action": "send"}] * 4,
        cookies={settings.SESSION_COOKIE_NAME: session_key},
    )

    assert errors == []
    assert sorted(status for status, _body in results) == [302, 400, 400, 400]
    assert ThankYouRecipient.objects.count() == 3
    assert ThankYouMailing.objects.count() == 1
    for address in ("aiko@example.jp", "siti@example.my", "kim@example.kr"):
        assert _mail_to(address).count() == 1


def test_the_page_costs_a_fixed_number_of_queries(
    client, booth_admin, expo, visitors, assert_page_queries
):
    client.force_login(booth_admin)
    pages = {"form": URL, "preview": (URL, {"expo": expo.pk})}
    counts = {"form": QUERIES_FORM, "preview": QUERIES_PREVIEW}
    assert_page_queries(client, pages, counts)

    for index in range(10):
        buyer = BuyerFactory(language="id" if index % 2 else "en")
        TradeLeadFactory(buyer=buyer, expo=expo)
        TradeLeadFactory(buyer=buyer, expo=expo)
        PlacementLeadFactory(delegate=DelegateFactory(), expo=expo)
    services.thank_you_send(expo=expo, intros={}, actor=booth_admin)
    TradeLeadFactory(buyer=BuyerFactory(), expo=expo)

    assert_page_queries(client, pages, counts)


def test_send_costs_a_fixed_number_of_queries_per_person(
    expo, booth_admin, django_assert_num_queries
):
    for _ in range(3):
        TradeLeadFactory(buyer=BuyerFactory(), expo=expo)

    # The transaction (2), the lock, the reads (5), the mailing and its count; then per
    # person: the claim in a savepoint (3), the mail, and the mail's link on the claim.
    with django_assert_num_queries(10 + 3 * PER_PERSON):
        services.thank_you_send(expo=expo, intros={}, actor=booth_admin)


QUERIES_FORM = 5
QUERIES_PREVIEW = 11
PER_PERSON = 5
