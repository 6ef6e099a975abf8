"""Database rules hold even when a row skips full_clean() (bulk writes, .update(), raw admin).

Each bad row is written with ``.objects.create`` (factories call it) or a queryset
``.update()``, inside ``transaction.atomic()`` so the failed statement does not
poison the rest of the test. ``match`` names the rule that must refuse the row, so a
bad row refused for another reason does not pass.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from booths.models import Booth, BoothPresence, Exhibitor, Expo
from buyers.choices import LeadKind
from buyers.models import Buyer, Delegate, ExpressionOfInterest
from products.models import Category, Product

from .factories import (
    BoothFactory,
    BoothPresenceFactory,
    BuyerFactory,
    CertificationFactory,
    DelegateFactory,
    ExhibitorFactory,
    ExpoFactory,
    PlacementLeadFactory,
    ProductFactory,
    SubCategoryFactory,
    TradeLeadFactory,
)

pytestmark = pytest.mark.django_db


# Products


def test_product_slug_unique():
    ProductFactory(slug="kopi-gayo")

    with (
        pytest.raises(IntegrityError, match=r"Key \(slug\)=\(kopi-gayo\) already exists"),
        transaction.atomic(),
    ):
        ProductFactory(slug="kopi-gayo")

    assert Product.objects.filter(slug="kopi-gayo").count() == 1


@pytest.mark.parametrize(
    ("price_min", "price_max"),
    [(Decimal("15.00"), Decimal("12.50")), (Decimal("0.01"), Decimal("0.00"))],
)
def test_product_price_min_above_max_rejected(price_min, price_max):
    product = ProductFactory()

    with pytest.raises(IntegrityError, match="product_price_range_in_order"), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(price_min=price_min, price_max=price_max)


def test_product_equal_min_and_max_price_accepted():
    product = ProductFactory()

    Product.objects.filter(pk=product.pk).update(
        price_min=Decimal("9.99"), price_max=Decimal("9.99")
    )

    product.refresh_from_db()
    assert (product.price_min, product.price_max) == (Decimal("9.99"), Decimal("9.99"))


def test_product_moq_zero_rejected():
    product = ProductFactory()

    with pytest.raises(IntegrityError, match="product_moq_positive"), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(moq=0)


@pytest.mark.parametrize(
    ("price_min", "price_max"),
    [
        (Decimal("-0.01"), Decimal("15.00")),
        (Decimal("-5.00"), None),
        # Only a "highest price" is given, and it is negative.
        (None, Decimal("-1.00")),
    ],
    ids=["negative-min", "negative-min-no-max", "negative-max-no-min"],
)
def test_product_negative_price_rejected(price_min, price_max):
    product = ProductFactory()

    with pytest.raises(IntegrityError, match="not_negative"), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(price_min=price_min, price_max=price_max)


def test_product_monthly_capacity_zero_rejected():
    product = ProductFactory()

    with pytest.raises(IntegrityError, match="product_capacity_positive"), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(monthly_capacity=0)


@pytest.mark.parametrize("field", ["lead_time_days", "shelf_life_days"])
def test_product_zero_days_rejected(field):
    product = ProductFactory()

    with (
        pytest.raises(IntegrityError, match=f"product_{field.removesuffix('_days')}_positive"),
        transaction.atomic(),
    ):
        Product.objects.filter(pk=product.pk).update(**{field: 0})


def test_certification_kind_once_per_product():
    certification = CertificationFactory(kind="halal", number="ID31110000000001")

    with pytest.raises(IntegrityError, match="certification_once_per_kind"), transaction.atomic():
        CertificationFactory(product=certification.product, kind="halal", number="ID3111000009")

    assert certification.product.certifications.count() == 1


def test_certification_same_kind_on_two_products_accepted():
    first = CertificationFactory(kind="halal")

    second = CertificationFactory(kind="halal")

    assert first.product_id != second.product_id


def test_category_cannot_be_its_own_parent():
    category = SubCategoryFactory()

    with pytest.raises(IntegrityError, match="category_not_own_parent"), transaction.atomic():
        Category.objects.filter(pk=category.pk).update(parent=category.pk)


# Exhibitors


def test_exhibitor_slug_unique():
    ExhibitorFactory(slug="batik-sari")

    with (
        pytest.raises(IntegrityError, match=r"Key \(slug\)=\(batik-sari\) already exists"),
        transaction.atomic(),
    ):
        ExhibitorFactory(slug="batik-sari")

    assert Exhibitor.objects.filter(slug="batik-sari").count() == 1


def test_exhibitor_nib_unique():
    ExhibitorFactory(nib="1234567890123")

    with (
        pytest.raises(IntegrityError, match=r"Key \(nib\)=\(1234567890123\) already exists"),
        transaction.atomic(),
    ):
        ExhibitorFactory(nib="1234567890123")

    assert Exhibitor.objects.filter(nib="1234567890123").count() == 1


def test_exhibitor_without_nib_many_allowed():
    ExhibitorFactory(nib="")
    ExhibitorFactory(nib=None)

    assert Exhibitor.objects.filter(nib__isnull=True).count() == 2


@pytest.mark.parametrize(
    "nib",
    ["123456789012", "12345678901AB", "abcdefghijklm", "1234 5678 901", ""],
    ids=["12-digits", "letters-at-end", "all-letters", "spaces", "empty-string"],
)
def test_exhibitor_nib_not_13_digits_rejected(nib):
    exhibitor = ExhibitorFactory()

    # .update() skips Exhibitor.save(), which would turn "" into NULL.
    with pytest.raises(IntegrityError, match="exhibitor_nib_13_digits"), transaction.atomic():
        Exhibitor.objects.filter(pk=exhibitor.pk).update(nib=nib)


def test_exhibitor_employees_zero_rejected():
    exhibitor = ExhibitorFactory()

    with pytest.raises(IntegrityError, match="exhibitor_employees_positive"), transaction.atomic():
        Exhibitor.objects.filter(pk=exhibitor.pk).update(employees=0)


# Expos, booths and who stands there


def test_expo_end_before_start_rejected():
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13))

    with pytest.raises(IntegrityError, match="expo_dates_in_order"), transaction.atomic():
        Expo.objects.filter(pk=expo.pk).update(end_date=datetime.date(2024, 10, 8))


def test_expo_one_day_accepted():
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 9))

    assert expo.days == [datetime.date(2024, 10, 9)]


def test_expo_only_one_current():
    ExpoFactory(current=True)

    with pytest.raises(IntegrityError, match="expo_one_current"), transaction.atomic():
        ExpoFactory(current=True)

    assert Expo.objects.filter(is_current=True).count() == 1


def test_expo_many_not_current_accepted():
    ExpoFactory(current=True)
    ExpoFactory()
    ExpoFactory()

    assert list(Expo.objects.values_list("is_current", flat=True).order_by("start_date")) == [
        True,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [(datetime.time(10, 0), datetime.time(9, 0)), (datetime.time(10, 0), datetime.time(10, 0))],
    ids=["closes-before-opening", "closes-when-opening"],
)
def test_booth_closing_before_opening_rejected(opening, closing):
    booth = BoothFactory()

    with pytest.raises(IntegrityError, match="booth_hours_in_order"), transaction.atomic():
        Booth.objects.filter(pk=booth.pk).update(opening_time=opening, closing_time=closing)


def test_booth_stand_unique_in_expo():
    booth = BoothFactory(hall="Hall 5", stand_number="5-118")

    with pytest.raises(IntegrityError, match="booth_unique_stand"), transaction.atomic():
        BoothFactory(expo=booth.expo, hall="Hall 5", stand_number="5-118")

    assert Booth.objects.filter(expo=booth.expo).count() == 1


def test_booth_same_stand_in_another_expo_accepted():
    BoothFactory(hall="Hall 5", stand_number="5-118")

    BoothFactory(hall="Hall 5", stand_number="5-118")

    assert Booth.objects.filter(hall="Hall 5", stand_number="5-118").count() == 2


def test_booth_presence_once_a_day():
    presence = BoothPresenceFactory()

    with pytest.raises(IntegrityError, match="presence_once_a_day"), transaction.atomic():
        BoothPresenceFactory(booth=presence.booth, exhibitor=presence.exhibitor, day=presence.day)

    assert BoothPresence.objects.count() == 1


# Buyers, delegates and leads


@pytest.mark.parametrize(
    ("factory_class", "model"),
    [(BuyerFactory, Buyer), (DelegateFactory, Delegate)],
    ids=["buyer", "delegate"],
)
def test_contact_email_unique_ignoring_case(factory_class, model):
    factory_class(email="sari@example.com")
    other = factory_class(email="other@example.com")

    # .update() skips Contact.save(), which lowercases; the database must still refuse.
    with (
        pytest.raises(IntegrityError, match=f"{model._meta.model_name}_email_unique_ci"),
        transaction.atomic(),
    ):
        model.objects.filter(pk=other.pk).update(email="Sari@Example.COM")

    assert model.objects.filter(email__iexact="sari@example.com").count() == 1


def test_trade_lead_without_buyer_rejected():
    product = ProductFactory()

    with pytest.raises(IntegrityError, match="lead_kind_matches_parties"), transaction.atomic():
        ExpressionOfInterest.objects.create(
            kind=LeadKind.TRADE, buyer=None, exhibitor=product.exhibitor, product=product
        )

    assert ExpressionOfInterest.objects.count() == 0


def test_trade_lead_without_exhibitor_rejected():
    lead = TradeLeadFactory()

    with pytest.raises(IntegrityError, match="lead_kind_matches_parties"), transaction.atomic():
        ExpressionOfInterest.objects.filter(pk=lead.pk).update(exhibitor=None)


def test_trade_lead_with_delegate_rejected():
    lead = TradeLeadFactory()
    delegate = DelegateFactory()

    with pytest.raises(IntegrityError, match="lead_kind_matches_parties"), transaction.atomic():
        ExpressionOfInterest.objects.filter(pk=lead.pk).update(delegate=delegate)


def test_placement_lead_with_product_rejected():
    delegate = DelegateFactory()
    product = ProductFactory()

    with pytest.raises(IntegrityError, match="lead_kind_matches_parties"), transaction.atomic():
        ExpressionOfInterest.objects.create(
            kind=LeadKind.PLACEMENT, delegate=delegate, product=product
        )

    assert ExpressionOfInterest.objects.count() == 0


@pytest.mark.parametrize("field", ["buyer", "exhibitor"])
def test_placement_lead_with_trade_party_rejected(field):
    lead = PlacementLeadFactory()
    trade_lead = TradeLeadFactory()

    with pytest.raises(IntegrityError, match="lead_kind_matches_parties"), transaction.atomic():
        ExpressionOfInterest.objects.filter(pk=lead.pk).update(
            **{field: getattr(trade_lead, field)}
        )


def test_placement_lead_without_delegate_rejected():
    with pytest.raises(IntegrityError, match="lead_kind_matches_parties"), transaction.atomic():
        ExpressionOfInterest.objects.create(kind=LeadKind.PLACEMENT, delegate=None)


@pytest.mark.parametrize("quantity", [Decimal("0"), Decimal("-1.00")], ids=["zero", "negative"])
def test_lead_quantity_not_positive_rejected(quantity):
    lead = TradeLeadFactory()

    with pytest.raises(IntegrityError, match="lead_quantity_positive"), transaction.atomic():
        ExpressionOfInterest.objects.filter(pk=lead.pk).update(quantity=quantity)


def test_lead_headcount_zero_rejected():
    lead = PlacementLeadFactory()

    with pytest.raises(IntegrityError, match="lead_headcount_positive"), transaction.atomic():
        ExpressionOfInterest.objects.filter(pk=lead.pk).update(headcount=0)


@pytest.mark.parametrize(
    ("field", "constraint"),
    [
        ("target_price", "lead_target_price_not_negative"),
        ("estimated_value_usd", "lead_value_not_negative"),
    ],
)
def test_lead_negative_money_rejected(field, constraint):
    lead = TradeLeadFactory()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        ExpressionOfInterest.objects.filter(pk=lead.pk).update(**{field: Decimal("-0.01")})


def test_lead_reference_unique():
    first = TradeLeadFactory()
    second = TradeLeadFactory()

    with (
        pytest.raises(
            IntegrityError, match=r"Key \(reference\)=\(EOI-[0-9]{2}-[0-9]{5}\) already exists"
        ),
        transaction.atomic(),
    ):
        ExpressionOfInterest.objects.filter(pk=second.pk).update(reference=first.reference)

    assert ExpressionOfInterest.objects.filter(reference=first.reference).count() == 1


# Rules that full_clean() checks (forms and services call it)


def test_category_third_level_rejected_by_clean():
    subcategory = SubCategoryFactory()
    third_level = Category(name="Arabica", slug="arabica", parent=subcategory)

    with pytest.raises(ValidationError) as raised:
        third_level.full_clean()

    assert list(raised.value.message_dict) == ["parent"]
    assert raised.value.message_dict["parent"] == [
        "Categories have two levels: choose a main category as parent."
    ]


def test_category_with_children_cannot_get_parent():
    subcategory = SubCategoryFactory()
    main = subcategory.parent
    other_main = SubCategoryFactory().parent
    main.parent = other_main

    with pytest.raises(ValidationError) as raised:
        main.full_clean()

    assert raised.value.message_dict["parent"] == [
        "This category has subcategories, so it must stay a main category."
    ]


def test_category_second_level_passes_clean():
    main = SubCategoryFactory().parent
    subcategory = Category(name="Spices", slug="spices", parent=main)

    subcategory.full_clean()

    assert subcategory.parent == main


@pytest.mark.parametrize(
    "incoterms",
    [["FOB", "XYZ"], ["fob"], "FOB", {"FOB": True}],
    ids=["unknown-term", "lowercase", "string-not-list", "dict-not-list"],
)
def test_product_incoterms_outside_list_rejected_by_clean(incoterms):
    product = ProductFactory()
    product.incoterms = incoterms

    with pytest.raises(ValidationError) as raised:
        product.full_clean()

    assert raised.value.message_dict == {"incoterms": ["Choose incoterms from the list."]}


def test_product_valid_incoterms_pass_clean():
    product = ProductFactory(incoterms=["EXW", "FCA", "FOB", "CFR", "CIF", "DAP", "DDP"])

    product.full_clean()

    assert product.incoterms == ["EXW", "FCA", "FOB", "CFR", "CIF", "DAP", "DDP"]


def test_product_price_range_rejected_by_clean():
    product = ProductFactory()
    product.price_min, product.price_max = Decimal("15.00"), Decimal("12.50")

    with pytest.raises(ValidationError) as raised:
        product.full_clean()

    assert raised.value.message_dict["price_max"] == [
        "The highest price cannot be below the lowest price."
    ]


@pytest.mark.parametrize(
    "day",
    [datetime.date(2024, 10, 8), datetime.date(2024, 10, 14)],
    ids=["day-before-expo", "day-after-expo"],
)
def test_booth_presence_day_outside_expo_rejected_by_clean(day):
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13))
    booth = BoothFactory(expo=expo)
    presence = BoothPresence(booth=booth, exhibitor=ExhibitorFactory(), day=day)

    with pytest.raises(ValidationError) as raised:
        presence.full_clean()

    assert raised.value.message_dict == {"day": ["This day is not one of the expo's days."]}


@pytest.mark.parametrize(
    "day",
    [datetime.date(2024, 10, 9), datetime.date(2024, 10, 13)],
    ids=["first-day", "last-day"],
)
def test_booth_presence_day_within_expo_passes_clean(day):
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13))
    presence = BoothPresence(booth=BoothFactory(expo=expo), exhibitor=ExhibitorFactory(), day=day)

    presence.full_clean()

    assert presence.day == day


def test_exhibitor_nib_12_digits_rejected_by_clean():
    exhibitor = ExhibitorFactory.build(nib="123456789012")

    with pytest.raises(ValidationError) as raised:
        exhibitor.full_clean()

    assert "An NIB is exactly 13 digits." in raised.value.message_dict["nib"]


# All of a model's check constraints in one query (common.validation.failed_checks)


def _django_refusals(instance, exclude=None) -> dict:
    """What Django's own validate_constraints(), one query per constraint, refuses."""
    with pytest.raises(ValidationError) as raised:
        models.Model.validate_constraints(instance, exclude=exclude)
    return raised.value.message_dict


@pytest.mark.parametrize(
    ("exclude", "refused"),
    [(None, 4), ({"moq"}, 3)],
    ids=["every-field", "moq-excluded"],
)
def test_product_check_constraints_asked_at_once_refuse_what_django_refuses(
    exclude, refused, django_assert_num_queries
):
    product = ProductFactory()
    product.moq = product.monthly_capacity = product.lead_time_days = 0
    product.description_en = "x" * 5001

    with django_assert_num_queries(3), pytest.raises(ValidationError) as raised:
        product.validate_constraints(exclude=exclude)  # a savepoint around one query

    assert raised.value.message_dict == _django_refusals(product, exclude)
    assert len(raised.value.messages) == refused
    assert "Keep the description to 5000 characters at most." in raised.value.messages


def test_product_within_its_check_constraints_passes_in_one_query(django_assert_num_queries):
    product = ProductFactory(moq=1, monthly_capacity=None, price_min=Decimal("12.50"))
    product.price_max = Decimal("12.50")

    with django_assert_num_queries(3):
        product.validate_constraints()
