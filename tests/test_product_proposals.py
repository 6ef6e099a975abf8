"""One typed proposal for an owner's product change, checked in one place; field lists
declared once."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError

from booths.resources import ExhibitorResource
from booths.services import OWNER_PROFILE_FIELDS
from common.fieldlists import with_translations
from portal.forms import ProductForm, ProfileForm
from products.models import Product
from products.proposals import (
    MAX_PHOTOS_PER_PRODUCT,
    REVIEWED_FIELDS,
    ProductProposal,
    ProposedCertification,
    ProposedPhoto,
)
from products.resources import ProductResource

from .factories import ExhibitorFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


def _refused(proposal, product, *, live_ids=(), waiting_files=()) -> dict:
    with pytest.raises(ValidationError) as refused:
        proposal.clean(product, live_ids=set(live_ids), waiting_files=set(waiting_files))
    return refused.value.message_dict


def test_product_proposal_refuses_more_photos_than_a_product_may_have():
    product = ProductFactory()
    ids = range(1, MAX_PHOTOS_PER_PRODUCT + 2)
    proposal = ProductProposal(photos=[ProposedPhoto(id=pk) for pk in ids])

    errors = _refused(proposal, product, live_ids=ids)

    assert errors == {
        "photos": ["A product can have at most 10 photos. Choose fewer or remove some."]
    }


def test_product_proposal_allows_exactly_the_most_photos():
    product = ProductFactory()
    ids = range(1, MAX_PHOTOS_PER_PRODUCT + 1)

    cleaned = ProductProposal(photos=[ProposedPhoto(id=pk) for pk in ids]).clean(
        product, live_ids=set(ids), waiting_files=set()
    )

    assert [photo.id for photo in cleaned.photos] == list(ids)


def test_product_proposal_refuses_a_certificate_kind_listed_twice():
    product = ProductFactory()
    proposal = ProductProposal(
        certifications=[
            ProposedCertification(kind="halal", number="ID1"),
            ProposedCertification(kind="halal", number="ID2"),
        ]
    )

    errors = _refused(proposal, product)

    assert errors == {"certifications": ["Halal (BPJPH) is listed twice: keep one."]}


def test_product_proposal_refuses_a_photo_of_another_product():
    product = ProductFactory()
    own = ProductImageFactory(product=product)
    foreign = ProductImageFactory()
    proposal = ProductProposal(photos=[ProposedPhoto(id=own.pk), ProposedPhoto(id=foreign.pk)])

    errors = _refused(proposal, product, live_ids=[own.pk])

    assert errors == {"photos": ["A photo was removed meanwhile. Please open the page again."]}


def test_product_proposal_refuses_an_unknown_field():
    """Tried: review_status, featured, exhibitor, slug and a made-up name as fields."""
    for name, value in (
        ("review_status", "approved"),
        ("featured", True),
        ("exhibitor", 1),
        ("slug", "elsewhere"),
        ("made_up", "box"),
    ):
        with pytest.raises(ValueError, match=f"Not a reviewed product field: {name}"):
            ProductProposal(fields={name: value})


def test_product_proposal_tells_every_mistake_at_once():
    product = ProductFactory(price_min=Decimal("12.50"))
    halal = ProposedCertification(kind="halal", number="1")
    proposal = ProductProposal(
        fields={"price_max": "3.00"},
        photos=[ProposedPhoto(file="products/not-waiting.jpg")],
        certifications=[halal, halal],
    )

    errors = _refused(proposal, product)

    assert set(errors) == {"price_max", "photos", "certifications"}
    product.refresh_from_db()
    assert product.price_max != Decimal("3.00")


def test_product_proposal_cleans_texts_and_stores_values_in_one_form():
    product = ProductFactory()
    proposal = ProductProposal(
        fields={"price_max": Decimal("18.5"), "name_en": "Gayo"},
        photos=[ProposedPhoto(file="products/new.jpg", alt_text_ind="  Kemasan  ")],
        certifications=[
            ProposedCertification(kind="sni", number=" S1 "),
            ProposedCertification(kind="halal", number="H1", valid_until=datetime.date(2027, 5, 1)),
        ],
    )

    stored = proposal.clean(product, live_ids=set(), waiting_files={"products/new.jpg"}).to_json()

    assert stored == {
        "price_max": "18.50",
        "name_en": "Gayo",
        "photos": [{"file": "products/new.jpg", "alt_text_en": "", "alt_text_ind": "Kemasan"}],
        "certifications": [
            {"kind": "halal", "number": "H1", "issuer": "", "valid_until": "2027-05-01"},
            {"kind": "sni", "number": "S1", "issuer": "", "valid_until": None},
        ],
    }
    assert ProductProposal.from_json(stored).to_json() == stored


def test_product_proposal_of_a_product_names_only_what_is_asked():
    product = ProductFactory(moq=12)
    image = ProductImageFactory(product=product, alt_text_en="A pack", alt_text_ind="")

    proposal = ProductProposal.of_product(product, ["moq", "photos"])

    assert proposal.to_json() == {
        "moq": 12,
        "photos": [{"id": image.pk, "alt_text_en": "A pack", "alt_text_ind": ""}],
    }


# ---- Field lists declared once -------------------------------------------------------------


def _admin_fields(model_admin, *, leave_out_title) -> set[str]:
    names = set()
    for title, options in model_admin.fieldsets:
        if title == leave_out_title:
            continue
        for entry in options["fields"]:
            names.update(entry if isinstance(entry, tuple) else (entry,))
    return set(with_translations(model_admin.model, names))


def test_reviewed_fields_are_the_same_in_the_portal_form_spreadsheet_and_admin():
    reviewed = set(REVIEWED_FIELDS)

    form = ProductForm()
    assert set(form.fields) == reviewed
    shown = form.about_fieldsets() + form.more_fieldsets()
    assert {field.name for _title, fields in shown for field in fields} == reviewed
    assert set(ProductResource().fields) == reviewed | {"slug", "exhibitor"}
    product_admin = admin.site._registry[Product]
    assert _admin_fields(product_admin, leave_out_title="Review and staff only") == reviewed | {
        "slug",
        "exhibitor",
    }


def test_reviewed_fields_name_each_language_of_a_translated_field():
    assert {"name_en", "name_ind", "description_en", "description_ind"} <= set(REVIEWED_FIELDS)
    assert "name" not in REVIEWED_FIELDS
    assert with_translations(Product, ["name", "moq"], indonesian_first=True) == (
        "name_ind",
        "name_en",
        "moq",
    )


def test_owner_profile_fields_are_the_same_in_the_portal_form_and_spreadsheet():
    form = ProfileForm(instance=ExhibitorFactory(logo=""))
    profile = set(OWNER_PROFILE_FIELDS)

    shown = {field.name for _title, fields in form.fieldsets() for field in fields}
    assert shown == profile | {"new_logo"}
    assert set(form.fields) == profile | {"new_logo"}
    assert profile <= set(ExhibitorResource().fields)
    assert {"tagline_en", "tagline_ind", "story_en", "story_ind"} <= profile
