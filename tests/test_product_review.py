"""Review of products: pending changes of published products wait for staff approval."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from common.choices import ChangeRequestStatus, ReviewStatus
from products.models import Product, ProductChangeRequest
from products.proposals import ProductProposal
from products.services import (
    change_request_diff,
    product_approve,
    product_reject,
    product_submit_changes,
)

from .factories import ProductFactory, SubCategoryFactory

pytestmark = pytest.mark.django_db


def test_product_submit_changes_on_a_published_product_waits_and_keeps_it_public(user):
    product = ProductFactory(name_en="Gayo coffee", price_max=Decimal("15.00"))

    request = product_submit_changes(
        product=product,
        proposal=ProductProposal(fields={"name_en": "Gayo Arabica", "price_max": "18.50"}),
        actor=user,
    )
    product.refresh_from_db()

    assert request.status == ChangeRequestStatus.PENDING
    assert request.changes == {"name_en": "Gayo Arabica", "price_max": "18.50"}
    assert request.previous == {"name_en": "Gayo coffee", "price_max": "15.00"}
    assert (product.name_en, product.price_max) == ("Gayo coffee", Decimal("15.00"))
    assert Product.objects.published().filter(pk=product.pk).exists()


def test_product_submit_changes_twice_merges_into_one_pending_request(user):
    product = ProductFactory(moq=10)

    product_submit_changes(
        product=product, proposal=ProductProposal(fields={"moq": 20}), actor=user
    )
    product_submit_changes(
        product=product, proposal=ProductProposal(fields={"hs_code": "0901.11"}), actor=user
    )

    pending = ProductChangeRequest.objects.get(product=product)
    assert pending.changes == {"moq": 20, "hs_code": "0901.11"}


def test_product_submit_changes_back_to_the_approved_values_withdraws_the_request(user):
    product = ProductFactory(moq=10)
    product_submit_changes(
        product=product, proposal=ProductProposal(fields={"moq": 20}), actor=user
    )

    result = product_submit_changes(
        product=product, proposal=ProductProposal(fields={"moq": 10}), actor=user
    )

    assert result is None
    assert not ProductChangeRequest.objects.filter(product=product).exists()


def test_product_submit_changes_bad_values_are_refused_and_nothing_is_stored(user):
    """Tried: a highest price below the lowest, and an unknown incoterm."""
    product = ProductFactory(price_min=Decimal("12.50"), price_max=Decimal("15.00"))

    with pytest.raises(ValidationError) as price_error:
        product_submit_changes(
            product=product, proposal=ProductProposal(fields={"price_max": "3.00"}), actor=user
        )
    with pytest.raises(ValidationError) as incoterm_error:
        product_submit_changes(
            product=product, proposal=ProductProposal(fields={"incoterms": ["XYZ"]}), actor=user
        )

    assert "price_max" in price_error.value.message_dict
    assert "incoterms" in incoterm_error.value.message_dict
    assert not ProductChangeRequest.objects.exists()


def test_product_submit_changes_refuses_fields_outside_review(user):
    product = ProductFactory()

    with pytest.raises(ValueError, match="slug"):
        product_submit_changes(
            product=product, proposal=ProductProposal(fields={"slug": "elsewhere"}), actor=user
        )


def test_product_submit_changes_on_a_draft_saves_at_once_and_asks_for_review(user):
    product = ProductFactory(draft=True, moq=10)

    result = product_submit_changes(
        product=product, proposal=ProductProposal(fields={"moq": 25}), actor=user
    )
    product.refresh_from_db()

    assert result is None
    assert (product.moq, product.review_status, product.updated_by) == (
        25,
        ReviewStatus.PENDING,
        user,
    )


def test_product_approve_applies_the_pending_changes(user, staff_user):
    product = ProductFactory(name_en="Gayo coffee", price_max=Decimal("15.00"))
    new_category = SubCategoryFactory()
    request = product_submit_changes(
        product=product,
        proposal=ProductProposal(
            fields={"name_en": "Gayo Arabica", "price_max": "18.50", "category": new_category.pk}
        ),
        actor=user,
    )

    product_approve(product=product, actor=staff_user)
    product.refresh_from_db()
    request.refresh_from_db()

    assert (product.name_en, product.price_max, product.category) == (
        "Gayo Arabica",
        Decimal("18.50"),
        new_category,
    )
    assert (request.status, request.reviewed_by) == (ChangeRequestStatus.APPROVED, staff_user)
    assert product.updated_by == user
    assert product.reviewed_at is not None


def test_product_reject_changes_keeps_the_approved_version_public(user, staff_user):
    product = ProductFactory(name_en="Gayo coffee")
    request = product_submit_changes(
        product=product, proposal=ProductProposal(fields={"name_en": "BEST COFFEE!!!"})
    )

    product_reject(product=product, actor=staff_user, reason="Please keep the real name.")
    product.refresh_from_db()
    request.refresh_from_db()

    assert product.name_en == "Gayo coffee"
    assert product.review_status == ReviewStatus.APPROVED
    assert (request.status, request.reason) == (
        ChangeRequestStatus.REJECTED,
        "Please keep the real name.",
    )


def test_product_reject_without_changes_takes_it_out_of_the_catalogue(staff_user):
    product = ProductFactory()

    product_reject(product=product, actor=staff_user, reason="The photo shows another product.")
    product.refresh_from_db()

    assert product.review_status == ReviewStatus.REJECTED
    assert product.rejection_reason == "The photo shows another product."
    assert not Product.objects.published().filter(pk=product.pk).exists()


def test_product_reject_needs_a_reason(staff_user):
    """Tried: an empty reason and one of spaces only."""
    product = ProductFactory()

    for reason in ("", "   "):
        with pytest.raises(ValidationError):
            product_reject(product=product, actor=staff_user, reason=reason)

    product.refresh_from_db()
    assert product.review_status == ReviewStatus.APPROVED


def test_change_request_diff_shows_labels_and_readable_values(user):
    product = ProductFactory(unit="kg", incoterms=["EXW"], custom_orders=False)
    request = product_submit_changes(
        product=product,
        proposal=ProductProposal(
            fields={"unit": "box", "incoterms": ["EXW", "FOB"], "custom_orders": True}
        ),
        actor=user,
    )

    rows = {row.name: (row.before, row.after) for row in change_request_diff(request)}

    assert rows == {
        "unit": ("kilogram", "box"),
        "incoterms": ("EXW", "EXW, FOB"),
        "custom_orders": ("no", "yes"),
    }
