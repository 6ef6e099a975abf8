"""The booth floor's capture: who may capture for whom, what one capture stores, and what
a device's bad or repeated post changes (nothing)."""

import json
import uuid

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from post_office.models import Email

from booth.models import CaptureMail, Device
from buyers.choices import LeadSource
from buyers.models import Buyer, Delegate, ExpressionOfInterest, Inquiry

from .factories import (
    BoothFactory,
    BoothPresenceFactory,
    BuyerFactory,
    ExhibitorFactory,
    ExpoFactory,
    ProductFactory,
    UserFactory,
)

API = "/en/booth/captures/"


@pytest.fixture(autouse=True)
def mail_settings(settings):
    settings.STAFF_NOTIFICATION_EMAILS = []
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"


@pytest.fixture
def expo(db):
    return ExpoFactory(current=True)


@pytest.fixture
def coffee(expo):
    owner = UserFactory(username="sari", email="sari@umkm.example")
    exhibitor = ExhibitorFactory(name="Kopi Purna Gayo", owners=[owner])
    BoothPresenceFactory(booth=BoothFactory(expo=expo), exhibitor=exhibitor)
    return ProductFactory(name_en="Gayo arabica coffee", exhibitor=exhibitor)


@pytest.fixture
def batik(expo):
    owner = UserFactory(username="dewi", email="dewi@umkm.example")
    exhibitor = ExhibitorFactory(name="Batik Purna Solo", owners=[owner])
    BoothPresenceFactory(booth=BoothFactory(expo=expo), exhibitor=exhibitor)
    return ProductFactory(name_en="Hand-drawn batik scarf", exhibitor=exhibitor)


def capture(**changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "name": "Aiko Tanaka",
        "company": "Tanaka Trading K.K.",
        "email": "aiko@example.jp",
        "phone": "+81 90 1234 5678",
        "country": "JP",
        "visitor_kind": "buyer:importer",
        "language": "en",
        "products": [],
        "exhibitors": [],
        "currency": "USD",
        "rating": "hot",
        "notes": "Wants 2 tonnes a month from March.",
        "consent": True,
        "captured_at": "2024-10-09T10:15:00+07:00",
    }
    data.update(changes)
    return data


def post(client, data, path=API, **extra):
    body = data if isinstance(data, bytes | str) else json.dumps(data)
    return client.post(path, body, content_type="application/json", **extra)


def test_booth_staff_capture_makes_one_lead_with_reference(client, booth_staff, coffee):
    client.force_login(booth_staff)
    data = capture(products=[coffee.pk], **{f"quantity_{coffee.pk}": "500"})

    response = post(client, data)

    assert response.status_code == 201
    lead = ExpressionOfInterest.objects.get()
    assert response.json()["reference"] == Inquiry.objects.get().reference
    assert lead.source == LeadSource.BOOTH_STAFF
    assert lead.captured_by == booth_staff
    assert lead.rating == "hot"
    assert lead.product == coffee
    assert lead.items.get().quantity == 500
    assert lead.message == "Wants 2 tonnes a month from March."
    assert lead.captured_at.isoformat() == "2024-10-09T03:15:00+00:00"
    assert lead.received_at is not None
    assert lead.consent_version == "2024-10"
    assert lead.buyer.consented_at == lead.captured_at


def test_booth_capture_several_businesses_share_one_reference(client, booth_staff, coffee, batik):
    client.force_login(booth_staff)

    response = post(client, capture(products=[coffee.pk, batik.pk]))

    leads = ExpressionOfInterest.objects.order_by("exhibitor__name")
    assert [lead.exhibitor.name for lead in leads] == ["Batik Purna Solo", "Kopi Purna Gayo"]
    assert {lead.inquiry_reference for lead in leads} == {response.json()["reference"]}


def test_booth_capture_business_as_a_whole(client, booth_staff, coffee):
    client.force_login(booth_staff)

    response = post(client, capture(exhibitors=[coffee.exhibitor_id]))

    assert response.status_code == 201
    lead = ExpressionOfInterest.objects.get()
    assert (lead.exhibitor, lead.product) == (coffee.exhibitor, None)


def test_booth_capture_same_uuid_twice_makes_one_lead(client, booth_staff, coffee):
    client.force_login(booth_staff)
    data = capture(products=[coffee.pk])

    first = post(client, data)
    second = post(client, data)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["reference"] == first.json()["reference"]
    assert ExpressionOfInterest.objects.count() == 1


def test_booth_capture_same_email_matches_contact(client, booth_staff, coffee):
    BuyerFactory(email="aiko@example.jp", name="A. Tanaka")
    client.force_login(booth_staff)

    post(client, capture(products=[coffee.pk], email="AIKO@example.jp"))
    post(client, capture(products=[coffee.pk]))

    assert Buyer.objects.count() == 1
    assert ExpressionOfInterest.objects.filter(buyer__name="Aiko Tanaka").count() == 2


def test_booth_capture_phone_only_matches_contact_by_phone(client, booth_staff, coffee):
    client.force_login(booth_staff)

    post(client, capture(products=[coffee.pk], email=""))
    post(client, capture(products=[coffee.pk], email="", name="Aiko T."))

    buyer = Buyer.objects.get()
    assert (buyer.email, str(buyer.phone), buyer.name) == ("", "+819012345678", "Aiko T.")
    assert buyer.leads.count() == 2


def test_booth_capture_needs_email_or_phone(client, booth_staff, coffee):
    client.force_login(booth_staff)

    response = post(client, capture(products=[coffee.pk], email="", phone=""))

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "email": ["Enter the visitor's email or phone number (at least one)."]
    }


def test_booth_capture_without_consent_refused_clearly(client, booth_staff, coffee):
    client.force_login(booth_staff)

    response = post(client, capture(products=[coffee.pk], consent=False))

    assert response.status_code == 400
    assert response.json()["errors"]["consent"] == [
        "The visitor must tick the consent box on the screen themselves: "
        "without their consent nothing is stored."
    ]
    assert not Buyer.objects.exists()
    assert not ExpressionOfInterest.objects.exists()


def test_booth_capture_errors_translated(client, booth_staff, coffee):
    client.force_login(booth_staff)

    response = post(client, capture(email="not an address"), path="/id/booth/captures/")

    errors = response.json()["errors"]
    assert errors["email"] == ["Masukkan alamat email yang valid."]
    assert response.json()["labels"]["email"] == "Email"


def test_booth_capture_validates_like_public_forms(client, booth_staff, coffee):
    client.force_login(booth_staff)
    data = capture(products=[coffee.pk], name="Aiko\nTanaka", **{f"quantity_{coffee.pk}": "-3"})

    response = post(client, data)

    assert response.json()["errors"] == {
        "name": ["Enter this on one line, without line breaks."],
        f"quantity_{coffee.pk}": [
            "Enter a quantity above 0 with at most 12 digits, e.g. 500 or 12.5."
        ],
    }


def test_booth_capture_name_of_invisible_characters_refused(client, booth_staff, coffee):
    client.force_login(booth_staff)

    response = post(client, capture(products=[coffee.pk], name="\u200b\u200b", company="\u3164"))

    message = [
        "This name is made only of invisible characters or spaces. Please type the name with "
        "letters."
    ]
    assert response.status_code == 400
    assert response.json()["errors"] == {"name": message, "company": message}
    assert not Buyer.objects.exists()


def test_booth_capture_unmailable_email_refused(client, booth_staff, coffee):
    client.force_login(booth_staff)

    response = post(client, capture(products=[coffee.pk], email='"<i>Aiko</i>"@example.jp'))

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["email"]
    assert "We cannot send mail to this address" in response.json()["errors"]["email"][0]
    assert not Buyer.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'{"name": {"nested": 1}}',
        json.dumps(capture(notes="x" * 70_000)).encode(),
        json.dumps(capture(name="Aiko\u0000")).encode(),
        b'{"name": "Aiko\x00"}',
        b"\xff\xfe",
    ],
    ids=["malformed", "not-an-object", "nested", "oversized", "nul-escape", "nul-byte", "binary"],
)
def test_booth_capture_bad_body_refused_nothing_stored(client, booth_staff, coffee, body):
    client.force_login(booth_staff)

    response = post(client, body)

    assert response.status_code == 400
    assert response.json()["status"] == "refused"
    assert not Buyer.objects.exists()
    assert not ExpressionOfInterest.objects.exists()


def test_booth_capture_needs_csrf_token(booth_staff, coffee):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(booth_staff)

    response = post(client, capture(products=[coffee.pk]))

    assert response.status_code == 403
    assert not ExpressionOfInterest.objects.exists()


def test_booth_capture_with_session_token_accepted(booth_staff, coffee):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(booth_staff)
    token = client.get("/en/booth/session.json").json()["csrf"]

    response = post(client, capture(products=[coffee.pk]), HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 201


def test_booth_capture_expired_login_answers_401_json(client, coffee):
    response = post(client, capture(products=[coffee.pk]))

    assert response.status_code == 401
    assert response.json()["status"] == "login"


def test_booth_capture_staff_without_permission_forbidden(client, coffee):
    client.force_login(UserFactory(username="clerk", staff=True))

    assert post(client, capture(products=[coffee.pk])).status_code == 403
    assert client.get("/en/booth/").status_code == 403


def test_booth_staff_group_holds_capture_permission(booth_staff):
    assert booth_staff.has_perm("booth.capture_lead")
    assert Permission.objects.get(codename="capture_lead").name == "Can capture leads at the booth"


def test_booth_owner_captures_for_own_business(client, coffee):
    client.force_login(coffee.exhibitor.owners.get())

    response = post(client, capture(products=[coffee.pk]))

    assert response.status_code == 201
    assert ExpressionOfInterest.objects.get().captured_by.username == "sari"


def test_booth_owner_other_business_not_found(client, coffee, batik):
    client.force_login(coffee.exhibitor.owners.get())

    by_product = post(client, capture(products=[batik.pk]))
    by_business = post(client, capture(exhibitors=[batik.exhibitor_id]))

    assert (by_product.status_code, by_business.status_code) == (404, 404)
    assert not ExpressionOfInterest.objects.exists()


def test_booth_owner_cannot_assign_follow_up(client, coffee, booth_staff):
    client.force_login(coffee.exhibitor.owners.get())

    post(client, capture(products=[coffee.pk], follow_up_by=booth_staff.pk))

    assert ExpressionOfInterest.objects.get().assigned_to is None


def test_booth_capture_assigns_follow_up(client, booth_staff, coffee):
    client.force_login(booth_staff)

    post(client, capture(products=[coffee.pk], follow_up_by=booth_staff.pk))

    assert ExpressionOfInterest.objects.get().assigned_to == booth_staff


def test_booth_capture_of_delegate_is_placement_lead(client, booth_staff, coffee):
    client.force_login(booth_staff)
    data = capture(
        visitor_kind="delegate:employer", company="Osaka Care Homes", email="hr@osaka.jp"
    )

    response = post(client, data)

    assert response.status_code == 201
    lead = ExpressionOfInterest.objects.get()
    assert (lead.kind, lead.delegate.institution, lead.delegate.delegate_type) == (
        "placement",
        "Osaka Care Homes",
        "employer",
    )
    assert lead.source == LeadSource.BOOTH_STAFF
    assert Delegate.objects.count() == 1


def test_booth_capture_mail_in_visitors_language(client, booth_staff, coffee):
    client.force_login(booth_staff)

    post(client, capture(products=[coffee.pk], language="id"))
    call_command("queue_capture_mail")

    confirmation = Email.objects.get(to=["aiko@example.jp"])
    assert '<html lang="id">' in confirmation.html_message
    assert "Terima kasih telah mengunjungi booth BP2MI" in confirmation.message
    owner_notice = Email.objects.get(to=["sari@umkm.example"])
    assert ExpressionOfInterest.objects.get().reference in owner_notice.subject


def test_booth_capture_phone_only_sends_no_confirmation(client, booth_staff, coffee):
    client.force_login(booth_staff)

    post(client, capture(products=[coffee.pk], email=""))
    call_command("queue_capture_mail")

    assert list(Email.objects.values_list("to", flat=True)) == [["sari@umkm.example"]]


def test_booth_capture_mail_written_out_of_the_request_once(
    client, booth_staff, coffee, batik, django_capture_on_commit_callbacks
):
    client.force_login(booth_staff)
    data = capture(products=[coffee.pk, batik.pk])

    with django_capture_on_commit_callbacks(execute=True):
        post(client, data)
        post(client, data)  # a resend owes nothing more

    # The request only recorded what is owed; the mail is written by the queue.
    assert not Email.objects.exists()
    assert CaptureMail.objects.count() == 1
    call_command("queue_capture_mail")
    call_command("queue_capture_mail")
    recipients = sorted(to for (to,) in Email.objects.values_list("to"))
    assert recipients == [["aiko@example.jp"], ["dewi@umkm.example"], ["sari@umkm.example"]]
    assert not CaptureMail.objects.exists()


def test_booth_capture_mail_at_once_where_mail_is_sent_at_once(
    client, booth_staff, coffee, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "now"}
    client.force_login(booth_staff)

    with django_capture_on_commit_callbacks(execute=True):
        post(client, capture(products=[coffee.pk]))

    assert sorted(message.to for message in mailoutbox) == [
        ["aiko@example.jp"],
        ["sari@umkm.example"],
    ]
    assert not CaptureMail.objects.exists()


def test_booth_capture_queries_bounded(
    client, booth_staff, coffee, batik, django_assert_max_num_queries
):
    client.force_login(booth_staff)
    post(client, capture(products=[coffee.pk], email="first@example.com"))

    # Two businesses, so two leads under one reference, and a returning device session.
    with django_assert_max_num_queries(31):
        response = post(client, capture(products=[coffee.pk, batik.pk]))

    assert response.status_code == 201
    assert ExpressionOfInterest.objects.count() == 3


def test_booth_plain_form_post_stores_capture(client, booth_staff, coffee):
    client.force_login(booth_staff)
    data = capture(products=[str(coffee.pk)], consent="on")

    response = client.post("/en/booth/", data, follow=True)

    reference = Inquiry.objects.get().reference
    assert f"Stored: Aiko Tanaka, reference {reference}." in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 1


def test_booth_plain_form_post_shows_errors(client, booth_staff, coffee):
    client.force_login(booth_staff)
    data = capture(products=[str(coffee.pk)])
    del data["consent"]

    response = client.post("/en/booth/", data)

    assert response.status_code == 400
    assert "The visitor must tick the consent box" in response.content.decode()
    assert not ExpressionOfInterest.objects.exists()


def test_booth_page_login_required(client):
    response = client.get("/en/booth/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/portal/login/")


def test_booth_catalogue_index_lists_current_expo_products(client, booth_staff, coffee, batik):
    other_expo = ExpoFactory()
    elsewhere = ProductFactory()
    BoothPresenceFactory(booth=BoothFactory(expo=other_expo), exhibitor=elsewhere.exhibitor)
    client.force_login(booth_staff)

    index = client.get("/en/booth/catalogue.json").json()

    assert [p["name"] for p in index["products"]] == [
        "Hand-drawn batik scarf",
        "Gayo arabica coffee",
    ]
    assert [b["name"] for b in index["businesses"]] == ["Batik Purna Solo", "Kopi Purna Gayo"]


def test_booth_catalogue_index_for_owner_is_own_business(client, coffee, batik):
    client.force_login(coffee.exhibitor.owners.get())

    index = client.get("/en/booth/catalogue.json").json()

    assert [p["id"] for p in index["products"]] == [coffee.pk]


def test_booth_device_report_recorded(client, booth_staff):
    client.force_login(booth_staff)
    device_id = uuid.uuid4()

    response = post(client, {"device": str(device_id), "waiting": 3}, path="/en/booth/device/")

    assert response.status_code == 200
    device = Device.objects.get()
    assert (device.id, device.user, device.waiting) == (device_id, booth_staff, 3)


def test_booth_service_worker_served_inside_its_scope(client):
    response = client.get("/id/booth/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "/id/booth/catalogue.json" in response.content.decode()


def test_booth_day_shows_captures_hot_leads_and_quiet_devices(client, booth_staff, coffee):
    import datetime

    from django.utils import timezone

    client.force_login(booth_staff)
    post(client, capture(products=[coffee.pk], captured_at=timezone.now().isoformat()))
    Device.objects.create(
        id=uuid.uuid4(),
        user=booth_staff,
        waiting=4,
        last_synced_at=timezone.now() - datetime.timedelta(minutes=20),
    )

    page = client.get("/en/booth/day/").content.decode()

    reference = ExpressionOfInterest.objects.get().reference
    assert 'Kopi Purna Gayo</td><td class="text-end">1</td>' in page
    assert f">{reference}</a> · Aiko Tanaka → Kopi Purna Gayo" in page
    assert "4 captures waiting" in page


def test_booth_day_for_staff_with_permission_only(client, coffee):
    client.force_login(coffee.exhibitor.owners.get())

    assert client.get("/en/booth/day/").status_code == 302


def test_booth_captures_not_limited_per_address(client, booth_staff, coffee, settings):
    settings.EXPO_LEAD_RATE_PER_ADDRESS = "3/h"
    settings.EXPO_LEAD_RATE_PER_EMAIL = "3/h"
    client.force_login(booth_staff)

    statuses = [
        post(
            client,
            capture(products=[coffee.pk], email=f"walk-in{number}@example.com", phone=""),
            REMOTE_ADDR="203.0.113.10",
        ).status_code
        for number in range(6)
    ]

    assert statuses == [201] * 6
    assert ExpressionOfInterest.objects.count() == 6
