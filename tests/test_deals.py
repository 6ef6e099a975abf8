"""Deals: what leads became. Recorded by owners (and staff), verified by staff, reported
as potential, agreed and realised, never mixed; their documents only to who may see them."""

import datetime
import pathlib
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from buyers.models import ExpressionOfInterest, LeadEvent
from deals.models import Deal, results_usd
from deals.services import deal_record, deal_update, deal_verify

from .factories import ExhibitorFactory, ProductFactory, TradeLeadFactory
from .upload_files import image_bytes, jpeg, upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def exhibitor(user):
    return ExhibitorFactory(owners=[user])


@pytest.fixture
def lead(exhibitor):
    return TradeLeadFactory(
        product=ProductFactory(exhibitor=exhibitor), estimated_value_usd=Decimal("50000")
    )


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


def _pdf(name="mou.pdf", data=PDF):
    return upload(data, name, "application/pdf")


def _form(**fields):
    data = {
        "title": "First container of coffee",
        "amount": "",
        "currency": "USD",
        "usd_idr_rate": "16000",
        "destination_country": "JP",
        "incoterm": "FOB",
        "sample_sent_on": "",
        "quoted_on": "",
        "quoted_amount": "",
        "agreement_signed_on": "",
        "purchase_order_on": "",
        "shipped_on": "",
        "shipped_quantity": "",
        "unit": "",
        "paid_on": "",
    }
    data.update(fields)
    return data


# --- the lifecycle and the three figures -----------------------------------------------


def test_deal_lifecycle_counts_agreed_then_realised_after_verification(lead, user, staff_user):
    leads = ExpressionOfInterest.objects.filter(pk=lead.pk)
    deal = deal_record(
        lead=lead, actor=user, title="Sample", sample_sent_on=datetime.date(2024, 10, 20)
    )
    assert results_usd(leads) == {
        "potential": Decimal("50000.00"),
        "agreed": Decimal("0.00"),
        "realised": Decimal("0.00"),
    }

    deal = deal_update(
        deal=deal,
        actor=user,
        agreement_signed_on=datetime.date(2024, 11, 2),
        amount=Decimal("12000"),
    )
    assert results_usd(leads)["agreed"] == Decimal("12000.00")
    assert results_usd(leads)["realised"] == Decimal("0.00")

    deal = deal_verify(deal=deal, actor=staff_user)

    assert results_usd(leads) == {
        "potential": Decimal("50000.00"),
        "agreed": Decimal("12000.00"),
        "realised": Decimal("12000.00"),
    }
    assert (deal.verified_by, deal.verified_at is not None) == (staff_user, True)
    notes = list(LeadEvent.objects.filter(lead=lead).exclude(note="").values_list("actor", "note"))
    assert [actor for actor, _note in notes] == [user.pk, user.pk, staff_user.pk]
    assert notes[0][1] == "Deal recorded: Sample · Sample sent"
    assert notes[1][1] == (
        "Deal changed: Sample · Agreement signed · 12,000.00 USD "
        "(agreement or MoU signed on, deal amount)"
    )
    assert notes[2][1] == "Deal verified: Sample · Agreement signed · 12,000.00 USD"


def test_deal_in_rupiah_counts_in_dollars_at_its_own_rate(lead, user, staff_user, settings):
    settings.EXPO_USD_IDR_RATE = 20000
    deal = deal_record(
        lead=lead,
        actor=user,
        title="Batik order",
        purchase_order_on=datetime.date(2024, 11, 5),
        amount=Decimal("31500000"),
        currency="IDR",
        usd_idr_rate=Decimal("15750"),
    )
    deal_record(
        lead=lead,
        actor=user,
        title="Second order",
        agreement_signed_on=datetime.date(2024, 11, 6),
        amount=Decimal("1000"),
    )
    deal_verify(deal=deal, actor=staff_user)

    figures = Deal.objects.filter(lead=lead).figures()

    assert deal.amount_usd == Decimal("2000.00")
    assert figures == {
        "agreed": Decimal("3000.00"),
        "realised": Decimal("2000.00"),
        "agreed_deals": 2,
        "realised_deals": 1,
    }


def test_deal_changed_after_verification_needs_verifying_again(lead, user, staff_user):
    deal = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 2),
        amount=Decimal("9000"),
    )
    deal_verify(deal=deal, actor=staff_user)

    deal = deal_update(deal=deal, actor=user, amount=Decimal("19000"))

    assert (deal.verified_at, deal.verified_by) == (None, None)
    assert Deal.objects.realised().count() == 0
    assert LeadEvent.objects.filter(lead=lead).last().note.endswith("It needs verifying again.")


def test_deal_verify_refuses_a_deal_without_agreement(lead, user, staff_user):
    deal = deal_record(
        lead=lead, actor=user, title="Sample", sample_sent_on=datetime.date(2024, 10, 20)
    )

    with pytest.raises(ValidationError) as refused:
        deal_verify(deal=deal, actor=staff_user)

    deal.refresh_from_db()
    assert refused.value.code == "not_agreed"
    assert deal.verified_at is None


def test_deal_update_without_changes_writes_no_history(lead, user):
    deal = deal_record(lead=lead, actor=user, title="Sample")
    before = LeadEvent.objects.count()

    deal_update(deal=deal, actor=user, title="Sample")

    assert LeadEvent.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"amount": Decimal("-1")}, "deal_amount_not_negative"),
        ({"quoted_amount": Decimal("-1")}, "deal_quoted_amount_not_negative"),
        ({"usd_idr_rate": Decimal("0")}, "deal_rate_positive"),
        ({"currency": "IDR", "usd_idr_rate": None}, "deal_rupiah_has_rate"),
        ({"shipped_quantity": Decimal("0")}, "deal_shipped_quantity_positive"),
        ({"verified_at": timezone.now()}, "deal_verified_has_amount"),
    ],
)
def test_deal_constraints_hold_in_the_database(lead, fields, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Deal.objects.create(lead=lead, title="Bad", **fields)


# --- the owner's pages ---------------------------------------------------------------------


def test_owner_records_a_deal_with_its_document_from_the_lead_page(owner_client, lead, user):
    response = owner_client.post(
        reverse("portal:deal-add", kwargs={"pk": lead.pk}),
        _form(agreement_signed_on="01/11/2024", amount="Rp 12.000", new_document=_pdf()),
    )

    deal = Deal.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("portal:lead-detail", kwargs={"pk": lead.pk})
    assert (deal.amount, deal.agreement_signed_on) == (Decimal("12000"), datetime.date(2024, 11, 1))
    assert deal.usd_idr_rate == Decimal("16000")
    assert deal.created_by == user
    # A random name in the private storage, never the uploaded one nor MEDIA_ROOT.
    assert deal.document.name.startswith("deals/") and deal.document.name.endswith(".pdf")
    assert "mou" not in deal.document.name
    page = owner_client.get(reverse("portal:lead-detail", kwargs={"pk": lead.pk}))
    assert "First container of coffee" in page.text
    assert reverse("deals:document", kwargs={"pk": deal.pk}) in page.text
    assert "Waiting for verification" in page.text


def test_deal_document_is_stored_outside_media_root(owner_client, lead, settings):
    owner_client.post(
        reverse("portal:deal-add", kwargs={"pk": lead.pk}),
        _form(agreement_signed_on="2024-11-01", amount="100", new_document=_pdf()),
    )

    deal = Deal.objects.get()
    path = deal.document.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert path.startswith(str(settings.STORAGES["private"]["OPTIONS"]["location"]))


def test_owner_updates_a_deal_and_opens_its_document(owner_client, lead, user):
    deal = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
        document=ContentFile(PDF, name="x.pdf"),
    )

    response = owner_client.post(
        reverse("portal:deal-edit", kwargs={"pk": deal.pk}),
        _form(
            title="Container",
            agreement_signed_on="2024-11-01",
            amount="5000",
            shipped_on="2024-11-20",
            shipped_quantity="2000",
            unit="kg",
        ),
    )
    document = owner_client.get(reverse("deals:document", kwargs={"pk": deal.pk}))

    deal.refresh_from_db()
    assert response.status_code == 302
    assert (deal.shipped_quantity, deal.unit) == (Decimal("2000"), "kg")
    assert deal.document.name.endswith(".pdf")
    assert document.status_code == 200
    assert b"".join(document.streaming_content) == PDF
    assert document.headers["Content-Type"] == "application/pdf"
    assert document.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in document.headers["Cache-Control"]


def test_owner_b_gets_404_on_owner_a_deals_and_documents(client, lead, user, other_user):
    deal = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
        document=ContentFile(PDF, name="x.pdf"),
    )
    ExhibitorFactory(owners=[other_user])
    client.force_login(other_user)

    answers = [
        client.get(reverse("portal:deal-edit", kwargs={"pk": deal.pk})).status_code,
        client.post(
            reverse("portal:deal-edit", kwargs={"pk": deal.pk}), _form(amount="1")
        ).status_code,
        client.get(reverse("portal:deal-add", kwargs={"pk": lead.pk})).status_code,
        client.post(reverse("portal:deal-add", kwargs={"pk": lead.pk}), _form()).status_code,
        client.get(reverse("deals:document", kwargs={"pk": deal.pk})).status_code,
    ]

    deal.refresh_from_db()
    assert answers == [404] * 5
    assert (Deal.objects.count(), deal.amount, deal.title) == (1, Decimal("5000"), "Container")


def test_anonymous_cannot_fetch_a_deal_document(client, lead, user):
    deal = deal_record(
        lead=lead, actor=user, title="Container", document=ContentFile(PDF, name="x.pdf")
    )

    response = client.get(reverse("deals:document", kwargs={"pk": deal.pk}))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("portal:login"))


def test_a_photo_of_the_agreement_is_kept_re_encoded(owner_client, lead):
    response = owner_client.post(
        reverse("portal:deal-add", kwargs={"pk": lead.pk}),
        _form(agreement_signed_on="2024-11-01", amount="100", new_document=jpeg("mou.pdf")),
    )

    deal = Deal.objects.get()
    assert response.status_code == 302
    assert deal.document.name.endswith(".jpg")
    served = owner_client.get(reverse("deals:document", kwargs={"pk": deal.pk}))
    assert served.headers["Content-Type"] == "image/jpeg"


# --- bad input: a clear message, nothing changed ----------------------------------------------

FAR_FUTURE = "2099-01-01"


@pytest.mark.parametrize(
    ("fields", "field", "english", "indonesian"),
    [
        (
            {"amount": "-5"},
            "amount",
            "An amount cannot be below 0.",
            "Nilai tidak boleh di bawah 0.",
        ),
        (
            {"currency": "IDR", "usd_idr_rate": "", "amount": "1000000"},
            "usd_idr_rate",
            "A deal in rupiah needs the exchange rate of its day",
            "Kesepakatan dalam rupiah memerlukan kurs pada harinya",
        ),
        (
            {"usd_idr_rate": "0"},
            "usd_idr_rate",
            "The rate must be above 0.",
            "Kurs harus lebih dari 0.",
        ),
        (
            {"paid_on": FAR_FUTURE},
            "paid_on",
            "This date is in the future. Enter the day it happened.",
            "Tanggal ini ada di masa depan. Isi tanggal kejadiannya.",
        ),
        (
            {"agreement_signed_on": "2024-11-01"},
            "amount",
            "Enter the amount agreed with the buyer.",
            "Isi nilai yang disepakati dengan pembeli.",
        ),
        (
            {
                "new_document": upload(
                    b"<html><script>alert(1)</script>", "mou.pdf", "application/pdf"
                )
            },
            "new_document",
            "This file is not a PDF or a photo.",
            "Berkas ini bukan PDF atau foto.",
        ),
        (
            {"new_document": upload(image_bytes((64, 64), "GIF"), "mou.pdf", "application/pdf")},
            "new_document",
            "This file is not a PDF or a photo.",
            "Berkas ini bukan PDF atau foto.",
        ),
        (
            {"new_document": _pdf(data=PDF[:40])},
            "new_document",
            "This PDF is damaged or was not uploaded completely.",
            "PDF ini rusak atau tidak terunggah sepenuhnya.",
        ),
    ],
    ids=[
        "negative-amount",
        "rupiah-without-rate",
        "zero-rate",
        "far-future-date",
        "agreement-without-amount",
        "html-named-pdf",
        "gif-named-pdf",
        "cut-off-pdf",
    ],
)
@pytest.mark.parametrize("language", ["en", "id"])
def test_deal_bad_input_gets_a_translated_message_and_changes_nothing(
    owner_client, lead, fields, field, english, indonesian, language
):
    for value in fields.values():
        if hasattr(value, "seek"):
            value.seek(0)
    events = LeadEvent.objects.count()
    url = reverse("portal:deal-add", kwargs={"pk": lead.pk}).replace("/en/", f"/{language}/")

    response = owner_client.post(url, _form(**fields))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert (english if language == "en" else indonesian) in response.text
    assert Deal.objects.count() == 0
    assert LeadEvent.objects.count() == events


def test_deal_oversized_document_is_refused(owner_client, lead, settings):
    settings.EXPO_DOCUMENT_MAX_BYTES = 1024

    response = owner_client.post(
        reverse("portal:deal-add", kwargs={"pk": lead.pk}),
        _form(new_document=_pdf(data=PDF + b" " * 2048 + b"%%EOF")),
    )

    assert response.status_code == 400
    assert "This document is too big (2.1\xa0KB)" in response.text
    assert Deal.objects.count() == 0


def test_deal_bad_update_leaves_the_deal_as_it_was(owner_client, lead, user):
    deal = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
    )

    response = owner_client.post(
        reverse("portal:deal-edit", kwargs={"pk": deal.pk}),
        _form(title="Container", agreement_signed_on="2024-11-01", amount="-1"),
    )

    deal.refresh_from_db()
    assert response.status_code == 400
    assert deal.amount == Decimal("5000")


# --- the lead page's cost ------------------------------------------------------------------


@pytest.mark.parametrize("deals", [1, 4])
def test_lead_page_with_deals_costs_a_fixed_number_of_queries(
    owner_client, lead, user, deals, django_assert_num_queries
):
    for number in range(deals):
        deal_record(
            lead=lead,
            actor=user,
            title=f"Deal {number}",
            agreement_signed_on=datetime.date(2024, 11, 1),
            amount=Decimal("100"),
            document=ContentFile(PDF, name="x.pdf"),
        )
    url = reverse("portal:lead-detail", kwargs={"pk": lead.pk})
    owner_client.get(url)

    with django_assert_num_queries(QUERIES_LEAD_PAGE):
        response = owner_client.get(url)

    assert response.text.count("Update the deal") == deals


QUERIES_LEAD_PAGE = 5


# --- staff: record and verify in the admin ---------------------------------------------------


def test_booth_staff_verify_deals_in_the_admin(client, lead, user, booth_staff):
    agreed = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
    )
    sample = deal_record(lead=lead, actor=user, title="Sample")
    client.force_login(booth_staff)

    response = client.post(
        reverse("admin:deals_deal_changelist"),
        {"action": "verify", "_selected_action": [agreed.pk, sample.pk]},
    )

    agreed.refresh_from_db()
    sample.refresh_from_db()
    assert response.status_code == 302
    assert (agreed.verified_by, sample.verified_at) == (booth_staff, None)
    assert LeadEvent.objects.filter(lead=lead, actor=booth_staff).count() == 1


def test_staff_without_the_verify_permission_have_no_verify_action(client, lead, user, booth_staff):
    booth_staff.groups.first().permissions.remove(Permission.objects.get(codename="verify_deal"))
    client.force_login(booth_staff)

    response = client.get(reverse("admin:deals_deal_changelist"))

    assert response.status_code == 200
    assert "Verify selected deals" not in response.text


def test_staff_record_a_deal_for_an_owner_in_the_admin(client, lead, booth_staff):
    client.force_login(booth_staff)

    response = client.post(
        reverse("admin:deals_deal_add"),
        {
            "lead": lead.pk,
            "title": "Container",
            "currency": "USD",
            "agreement_signed_on": "2024-11-01",
            "amount": "7000",
            "document": upload(PDF, "mou.pdf", "application/pdf"),
        },
    )

    deal = Deal.objects.get()
    assert response.status_code == 302
    assert (deal.created_by, deal.verified_at) == (booth_staff, None)
    assert deal.document.name.endswith(".pdf")
    assert LeadEvent.objects.filter(lead=lead, actor=booth_staff).count() == 1
    staff_copy = client.get(reverse("deals:document", kwargs={"pk": deal.pk}))
    assert staff_copy.status_code == 200


def test_admin_refuses_a_disguised_document(client, lead, booth_staff):
    client.force_login(booth_staff)

    response = client.post(
        reverse("admin:deals_deal_add"),
        {
            "lead": lead.pk,
            "title": "Container",
            "currency": "USD",
            "document": upload(b"MZ\x90\x00", "mou.pdf", "application/pdf"),
        },
    )

    assert response.status_code == 200
    assert "This file is not a PDF or a photo." in response.text
    assert Deal.objects.count() == 0


def test_staff_change_a_verified_deal_in_the_admin_and_it_needs_verifying_again(
    client, lead, user, booth_staff
):
    deal = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
        document=ContentFile(PDF, name="x.pdf"),
    )
    deal_verify(deal=deal, actor=booth_staff)
    client.force_login(booth_staff)
    url = reverse("admin:deals_deal_change", args=[deal.pk])

    page = client.get(url)
    response = client.post(
        url,
        {
            "title": "Container",
            "currency": "USD",
            "agreement_signed_on": "2024-11-01",
            "amount": "5500",
            "verified_at": "2024-11-02 10:00",
        },
    )

    deal.refresh_from_db()
    assert page.status_code == 200
    assert reverse("deals:document", kwargs={"pk": deal.pk}) in page.text
    assert response.status_code == 302
    assert (deal.amount, deal.verified_at, deal.lead) == (Decimal("5500"), None, lead)
    assert deal.document.name.endswith(".pdf")
    assert LeadEvent.objects.filter(lead=lead).last().actor == booth_staff


def test_owner_cannot_verify_through_extra_post_data(owner_client, lead):
    response = owner_client.post(
        reverse("portal:deal-add", kwargs={"pk": lead.pk}),
        _form(
            agreement_signed_on="2024-11-01",
            amount="100",
            verified_at="2024-11-02 10:00",
            verified_by=str(lead.exhibitor.owners.first().pk),
        ),
    )

    deal = Deal.objects.get()
    assert response.status_code == 302
    assert (deal.verified_at, deal.verified_by) == (None, None)


def test_a_replaced_document_is_deleted_once_the_new_one_is_saved(
    owner_client, lead, user, django_capture_on_commit_callbacks
):
    deal = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
        document=ContentFile(PDF, name="x.pdf"),
    )
    old = deal.document.path

    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(
            reverse("portal:deal-edit", kwargs={"pk": deal.pk}),
            _form(
                title="Container",
                agreement_signed_on="2024-11-01",
                amount="5000",
                new_document=jpeg("signed.jpg"),
            ),
        )

    deal.refresh_from_db()
    assert deal.document.name.endswith(".jpg")
    assert deal.document.storage.exists(deal.document.name)
    assert not pathlib.Path(old).exists()


def test_erasing_the_buyer_deletes_their_deals_and_documents(
    lead, user, booth_admin, django_capture_on_commit_callbacks
):
    from backoffice.personal_data import personal_data_erase

    deal = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
        document=ContentFile(PDF, name="x.pdf"),
    )
    path = pathlib.Path(deal.document.path)

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(email=lead.buyer.email, actor=booth_admin)

    assert Deal.objects.count() == 0
    assert not path.exists()


def test_the_buyers_personal_data_export_lists_the_deals_of_their_leads(lead, user):
    from backoffice.personal_data import personal_data_export

    deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
        document=ContentFile(PDF, name="x.pdf"),
    )

    exported = str(personal_data_export(email=lead.buyer.email))

    assert "Container" in exported
    assert "5000.00" in exported
