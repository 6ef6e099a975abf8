"""Owners hear of staff's review: one mail per decision, queued after the commit, in the
owners' language (Indonesian by default), with the reason and the page to fix it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from post_office.models import STATUS, Email

from booths.proposals import ProfileProposal
from booths.services import exhibitor_approve, exhibitor_reject, exhibitor_update_profile
from products.proposals import ProductProposal
from products.services import product_approve, product_reject, product_submit_changes

from .factories import ExhibitorFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "https://expo.example.go.id"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.EXPO_PUBLIC_BASE_URL = BASE
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}


@pytest.fixture
def business(db):
    owners = [
        UserFactory(username="sari", email="sari@umkm.example"),
        UserFactory(username="adi", email="adi@umkm.example"),
    ]
    return ExhibitorFactory(name="Kopi Purna Gayo", slug="kopi-purna-gayo", owners=owners)


@pytest.fixture
def other_business(db):
    owner = UserFactory(username="dewi", email="dewi@umkm.example")
    return ExhibitorFactory(name="Batik Purna Solo", owners=[owner])


@pytest.fixture
def coffee(business, other_business):
    ProductFactory(exhibitor=other_business, pending=True)
    return ProductFactory(
        exhibitor=business,
        name_en="Gayo arabica coffee",
        name_ind="Kopi arabika Gayo",
        pending=True,
    )


def only_mail() -> Email:
    (queued,) = Email.objects.all()
    assert queued.status == STATUS.queued
    assert sorted(queued.to) == ["adi@umkm.example", "sari@umkm.example"]
    return queued


def test_review_mail_product_approved_in_indonesian_by_default(
    coffee, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product_approve(product=coffee, actor=staff_user)

    queued = only_mail()
    assert queued.subject == "“Kopi arabika Gayo” sudah disetujui dan tampil di katalog"
    assert f"{BASE}/id/portal/products/{coffee.pk}/" in queued.message
    assert mail.outbox == []


def test_review_mail_product_rejected_gives_the_reason_and_the_page_to_fix_it(
    coffee, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"

    with django_capture_on_commit_callbacks(execute=True):
        product_reject(product=coffee, actor=staff_user, reason="Add the HS code <0901>.")

    queued = only_mail()
    assert queued.subject == "“Gayo arabica coffee” needs changes before it is published"
    assert "What to change:\nAdd the HS code <0901>." in queued.message
    assert "Add the HS code &lt;0901&gt;." in queued.html_message
    assert (
        f"Make the change here and send it for review again:\n{BASE}/en/portal/products/"
        f"{coffee.pk}/" in queued.message
    )


def test_review_mail_rejected_changes_say_the_approved_version_stays(
    business, staff_user, django_capture_on_commit_callbacks
):
    product = ProductFactory(exhibitor=business, name_ind="Kopi arabika Gayo")
    product_submit_changes(product=product, proposal=ProductProposal(fields={"moq": 20}))

    with django_capture_on_commit_callbacks(execute=True):
        product_reject(product=product, actor=staff_user, reason="MOQ terlalu tinggi.")

    queued = only_mail()
    assert queued.subject == "Perubahan Anda pada “Kopi arabika Gayo” perlu ditinjau lagi"
    assert "MOQ terlalu tinggi." in queued.message
    assert "versi yang disetujui sebelumnya" in queued.message


@pytest.mark.parametrize(
    ("language", "subject", "path"),
    [
        ("id", "Profil usaha Kopi Purna Gayo perlu diubah", "/id/portal/business/"),
        ("en", "The business profile of Kopi Purna Gayo needs changes", "/en/portal/business/"),
    ],
)
def test_review_mail_business_rejected_in_the_owners_language(
    business, staff_user, settings, django_capture_on_commit_callbacks, language, subject, path
):
    settings.EXPO_NOTIFICATION_LANGUAGE = language
    business.review_status = "pending"
    business.save()

    with django_capture_on_commit_callbacks(execute=True):
        exhibitor_reject(exhibitor=business, actor=staff_user, reason="Logo missing.")

    queued = only_mail()
    assert queued.subject == subject
    assert "Logo missing." in queued.message
    assert f"{BASE}{path}kopi-purna-gayo/" in queued.message


def test_review_mail_business_approved(business, staff_user, django_capture_on_commit_callbacks):
    business.name = "Kopi & Teh “Purna”"
    business.save()

    with django_capture_on_commit_callbacks(execute=True):
        exhibitor_approve(exhibitor=business, actor=staff_user)

    queued = only_mail()
    assert queued.subject == "Profil usaha Kopi & Teh “Purna” sudah disetujui"
    assert "profil usaha Kopi &amp; Teh “Purna”." in queued.html_message


def test_review_mail_rejected_profile_changes_say_the_approved_profile_stays(
    business, staff_user, django_capture_on_commit_callbacks
):
    business.review_status = "approved"
    business.save()
    exhibitor_update_profile(
        exhibitor=business,
        proposal=ProfileProposal(fields={"tagline_en": "The best coffee of the world!!!"}),
        changes={},
        actor=business.owners.first(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        exhibitor_reject(exhibitor=business, actor=staff_user, reason="No superlatives.")

    queued = only_mail()
    assert queued.subject == "Perubahan Anda pada profil usaha Kopi Purna Gayo perlu diperiksa lagi"
    assert "No superlatives." in queued.message
    assert "pembeli melihat profil yang disetujui sebelumnya" in queued.message


def test_review_mail_waits_for_the_commit_and_is_one_per_decision(
    coffee, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product_approve(product=coffee, actor=staff_user)
        assert Email.objects.count() == 0

    assert Email.objects.count() == 1


def test_review_mail_without_a_public_address_says_to_log_in(
    coffee, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.EXPO_PUBLIC_BASE_URL = ""
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"

    with django_capture_on_commit_callbacks(execute=True):
        product_reject(product=coffee, actor=staff_user, reason="Add the HS code.")

    queued = only_mail()
    assert "Log in to the Expo Portal to make the change" in queued.message
    assert "/portal/products/" not in queued.message


def test_review_mail_sent_from_the_admin_bulk_action_once_per_product(
    business, other_business, booth_admin, django_capture_on_commit_callbacks
):
    products = [ProductFactory(exhibitor=business, pending=True) for _ in range(2)]
    ProductFactory(exhibitor=other_business, pending=True)
    client = Client()
    client.force_login(booth_admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:products_product_changelist"),
            {"action": "approve", "_selected_action": [product.pk for product in products]},
        )

    assert [sorted(email.to) for email in Email.objects.all()] == [
        ["adi@umkm.example", "sari@umkm.example"]
    ] * 2
