"""Photos and certifications in review: on a published product they wait with the fields."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from common.choices import ReviewStatus
from common.uploads import clean_image_upload
from products.models import (
    Certification,
    ChangeRequestStatus,
    Product,
    ProductChangeRequest,
    ProductImage,
)
from products.proposals import (
    ProductProposal,
    ProposedCertification,
    ProposedPhoto,
)
from products.services import (
    change_request_diff,
    owner_photo_count,
    pending_change_request,
    product_approve,
    product_create,
    product_delete,
    product_proposal,
    product_reject,
    product_submit_changes,
    product_withdraw_changes,
)

from . import upload_files as files
from .factories import (
    CertificationFactory,
    ExhibitorFactory,
    ProductFactory,
    ProductImageFactory,
    SubCategoryFactory,
    TradeLeadFactory,
)

pytestmark = pytest.mark.django_db


def _new_photo(text=""):
    return ProposedPhoto(upload=clean_image_upload(files.jpeg()).file, alt_text_ind=text)


def _fields(category, **values):
    return {"name_ind": "Kopi Gayo", "name_en": "Gayo coffee", "category": category.pk, **values}


def test_product_create_saves_fields_photos_and_certifications_and_waits_for_review(user):
    exhibitor = ExhibitorFactory(owners=[user])
    category = SubCategoryFactory()

    product = product_create(
        exhibitor=exhibitor,
        proposal=ProductProposal(
            fields=_fields(category, moq=5),
            photos=[_new_photo("Kemasan 250 g"), _new_photo()],
            certifications=[ProposedCertification(kind="halal", number="ID123", issuer="BPJPH")],
        ),
        actor=user,
    )

    assert (product.slug, product.review_status, product.created_by) == (
        "gayo-coffee",
        ReviewStatus.PENDING,
        user,
    )
    images = list(product.images.order_by("position"))
    assert [(i.position, i.alt_text_ind) for i in images] == [(0, "Kemasan 250 g"), (1, "")]
    assert all(i.image.name.startswith("products/") and i.derived for i in images)
    assert list(product.certifications.values_list("kind", "number")) == [("halal", "ID123")]
    assert not Product.objects.published().filter(pk=product.pk).exists()


def test_product_create_makes_unique_slugs_and_drafts(user):
    exhibitor = ExhibitorFactory()
    category = SubCategoryFactory()
    ProductFactory(slug="gayo-coffee")

    product = product_create(
        exhibitor=exhibitor,
        proposal=ProductProposal(fields=_fields(category)),
        actor=user,
        submit=False,
    )

    assert (product.slug, product.review_status) == ("gayo-coffee-2", ReviewStatus.DRAFT)


def test_product_submit_changes_photos_of_a_published_product_wait_for_review(user, staff_user):
    product = ProductFactory()
    first = ProductImageFactory(product=product, alt_text_ind="Lama")
    second = ProductImageFactory(product=product)

    request = product_submit_changes(
        product=product,
        proposal=ProductProposal(
            photos=[
                ProposedPhoto(id=second.pk, alt_text_ind="Sekarang pertama"),
                _new_photo("Baru"),
            ]
        ),
        actor=user,
    )

    # The live photos are untouched and the new file waits under a random name.
    assert list(product.images.order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
    ]
    photos = request.changes["photos"]
    assert photos[0] == {"id": second.pk, "alt_text_en": "", "alt_text_ind": "Sekarang pertama"}
    assert photos[1]["file"].startswith("products/") and photos[1]["alt_text_ind"] == "Baru"
    assert ProductImage._meta.get_field("image").storage.exists(photos[1]["file"])

    product_approve(product=product, actor=staff_user)

    images = list(product.images.order_by("position"))
    assert [(i.pk, i.alt_text_ind) for i in images][0] == (second.pk, "Sekarang pertama")
    assert images[1].alt_text_ind == "Baru" and images[1].image.name == photos[1]["file"]
    assert images[1].derived and images[1].width == 640
    assert not ProductImage.objects.filter(pk=first.pk).exists()


def test_product_submit_changes_certifications_of_a_published_product_wait_for_review(
    user, staff_user
):
    product = ProductFactory()
    CertificationFactory(product=product, kind="halal", number="OLD", valid_until=None)

    request = product_submit_changes(
        product=product,
        proposal=ProductProposal(
            certifications=[
                ProposedCertification(
                    kind="pirt", number="P-IRT 1", valid_until=datetime.date(2027, 5, 1)
                ),
                ProposedCertification(kind="halal", number="NEW", issuer="BPJPH"),
            ]
        ),
        actor=user,
    )

    assert list(product.certifications.values_list("number", flat=True)) == ["OLD"]
    assert [entry["kind"] for entry in request.changes["certifications"]] == ["halal", "pirt"]
    rows = {row.name: row for row in change_request_diff(request)}
    assert rows["certifications"].before == "Halal (BPJPH) OLD, BPJPH"
    assert "P-IRT (home industry food) P-IRT 1, valid until 2027-05-01" in (
        rows["certifications"].after
    )

    product_approve(product=product, actor=staff_user)

    assert sorted(product.certifications.values_list("kind", "number", "valid_until")) == [
        ("halal", "NEW", None),
        ("pirt", "P-IRT 1", datetime.date(2027, 5, 1)),
    ]


def test_product_submit_changes_refuses_another_products_photo_and_a_made_up_file(user):
    """Tried: the id of another product's photo, and a storage path never uploaded here."""
    product = ProductFactory()
    foreign = ProductImageFactory()

    for photo in (ProposedPhoto(id=foreign.pk), ProposedPhoto(file="products/../../settings.py")):
        with pytest.raises(ValidationError) as refused:
            product_submit_changes(
                product=product, proposal=ProductProposal(photos=[photo]), actor=user
            )
        assert "photos" in refused.value.message_dict

    assert not ProductChangeRequest.objects.exists()
    assert ProductImage.objects.filter(pk=foreign.pk, product=foreign.product).exists()


def test_product_submit_changes_refuses_a_certification_listed_twice(user):
    product = ProductFactory(draft=True)
    halal = ProposedCertification(kind="halal", number="1")

    with pytest.raises(ValidationError) as refused:
        product_submit_changes(
            product=product, proposal=ProductProposal(certifications=[halal, halal]), actor=user
        )

    assert "listed twice" in refused.value.message_dict["certifications"][0]
    assert not Certification.objects.exists()


def test_product_submit_changes_draft_photos_are_applied_at_once(user):
    product = ProductFactory(draft=True)
    old = ProductImageFactory(product=product)

    product_submit_changes(
        product=product,
        proposal=ProductProposal(photos=[_new_photo("satu")]),
        actor=user,
        submit=False,
    )
    product.refresh_from_db()

    assert product.review_status == ReviewStatus.DRAFT
    assert list(product.images.values_list("alt_text_ind", flat=True)) == ["satu"]
    assert not ProductImage.objects.filter(pk=old.pk).exists()


def test_product_reject_keeps_photos_and_tells_the_reason(user, staff_user):
    product = ProductFactory()
    image = ProductImageFactory(product=product)
    product_submit_changes(product=product, proposal=ProductProposal(photos=[]), actor=user)

    product_reject(product=product, actor=staff_user, reason="Keep at least one photo.")

    assert list(product.images.all()) == [image]
    request = product.change_requests.get()
    assert (request.status, request.reason) == (
        ChangeRequestStatus.REJECTED,
        "Keep at least one photo.",
    )


def test_product_proposal_shows_the_pending_changes(user):
    product = ProductFactory(name_en="Old name", moq=10)
    image = ProductImageFactory(product=product)
    product_submit_changes(
        product=product,
        proposal=ProductProposal(
            fields={"name_en": "New name"}, photos=[_new_photo(), ProposedPhoto(id=image.pk)]
        ),
        actor=user,
    )

    proposal = product_proposal(product, pending=pending_change_request(product))

    shown = proposal.applied_to(product)
    assert (shown.name_en, shown.moq) == ("New name", 10)
    assert proposal.photos[0].file and proposal.photos[1].id == image.pk
    assert Product.objects.get(pk=product.pk).name_en == "Old name"


def test_product_withdraw_changes_removes_the_request_and_its_new_files(
    user, django_capture_on_commit_callbacks
):
    product = ProductFactory()
    request = product_submit_changes(
        product=product, proposal=ProductProposal(photos=[_new_photo()])
    )
    name = request.changes["photos"][0]["file"]
    storage = ProductImage._meta.get_field("image").storage

    with django_capture_on_commit_callbacks(execute=True):
        assert product_withdraw_changes(product=product, actor=user) is True

    assert not ProductChangeRequest.objects.exists()
    assert not storage.exists(name)


def test_owner_photo_count_counts_photos_on_show_and_waiting(user, other_user):
    mine = ProductFactory(exhibitor=ExhibitorFactory(owners=[user]))
    ProductImageFactory.create_batch(2, product=mine)
    ProductImageFactory(product=ProductFactory(exhibitor=ExhibitorFactory(owners=[other_user])))
    product_submit_changes(
        product=mine,
        proposal=ProductProposal(
            photos=[
                *product_proposal(mine, pending=pending_change_request(mine)).photos,
                _new_photo(),
            ]
        ),
        actor=user,
    )

    assert owner_photo_count(user) == 3
    assert owner_photo_count(other_user) == 1


def test_product_delete_only_never_published_products_without_leads(user):
    """Tried: a published product, and a draft a buyer asked about."""
    published = ProductFactory()
    asked_about = ProductFactory(draft=True)
    TradeLeadFactory(product=asked_about)
    draft = ProductFactory(draft=True)

    for product in (published, asked_about):
        with pytest.raises(ValidationError):
            product_delete(product=product, actor=user)
    product_delete(product=draft, actor=user)

    assert set(Product.objects.values_list("pk", flat=True)) == {published.pk, asked_about.pk}
