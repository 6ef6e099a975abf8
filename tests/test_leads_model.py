import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from buyers.choices import LeadKind, LeadStatus
from buyers.models import Buyer, Delegate, ExpressionOfInterest, LeadEvent
from buyers.services import contact_upsert, lead_create
from common.money import convert
from products.models import Product

from .factories import (
    BuyerFactory,
    DelegateFactory,
    ExhibitorFactory,
    PlacementLeadFactory,
    ProductFactory,
    TradeLeadFactory,
)

REFERENCE = re.compile(r"^EOI-[0-9]{2}-[0-9]{5}$")


# lead_create


@pytest.mark.django_db
def test_lead_create_reference_format():
    lead = TradeLeadFactory()

    assert REFERENCE.match(lead.reference)
    year = timezone.localtime(lead.created_at).strftime("%y")
    assert lead.reference == f"EOI-{year}-{lead.pk:05d}"


@pytest.mark.django_db
def test_lead_create_reference_stored():
    lead = TradeLeadFactory()

    assert ExpressionOfInterest.objects.get(pk=lead.pk).reference == lead.reference


@pytest.mark.django_db
def test_lead_create_reference_unique_per_lead():
    leads = [TradeLeadFactory(), TradeLeadFactory(), PlacementLeadFactory()]

    references = [lead.reference for lead in leads]

    assert all(REFERENCE.match(reference) for reference in references)
    assert len(set(references)) == 3


@pytest.mark.django_db
def test_lead_create_first_history_entry_is_new(staff_user):
    lead = TradeLeadFactory(actor=staff_user)

    events = list(LeadEvent.objects.filter(lead=lead).values("from_status", "to_status", "actor"))

    assert events == [{"from_status": "", "to_status": "new", "actor": staff_user.pk}]
    assert lead.status == LeadStatus.NEW


@pytest.mark.django_db
def test_lead_create_sets_last_activity():
    before = timezone.now()

    lead = PlacementLeadFactory()

    assert before <= lead.last_activity_at <= timezone.now()


@pytest.mark.django_db
def test_lead_create_invalid_lead_saves_nothing():
    buyer = BuyerFactory()

    with pytest.raises(ValidationError):
        # A trade inquiry must name the business it is for.
        lead_create(kind=LeadKind.TRADE, buyer=buyer, quantity=Decimal("5"))

    assert ExpressionOfInterest.objects.count() == 0
    assert LeadEvent.objects.count() == 0


@pytest.mark.django_db
def test_lead_create_quantity_zero_rejected():
    product = ProductFactory()

    with pytest.raises(ValidationError) as raised:
        lead_create(
            kind=LeadKind.TRADE,
            buyer=BuyerFactory(),
            exhibitor=product.exhibitor,
            product=product,
            quantity=Decimal("0"),
        )

    assert "quantity" in raised.value.message_dict
    assert ExpressionOfInterest.objects.count() == 0


@pytest.mark.django_db
def test_lead_create_product_of_another_exhibitor_rejected():
    product = ProductFactory()
    other_exhibitor = ExhibitorFactory()

    # The lead would land in other_exhibitor's inbox, about a product that is not theirs.
    with pytest.raises(ValidationError) as raised:
        lead_create(
            kind=LeadKind.TRADE,
            buyer=BuyerFactory(),
            exhibitor=other_exhibitor,
            product=product,
        )

    assert raised.value.message_dict["product"] == ["This product belongs to another business."]

    assert ExpressionOfInterest.objects.count() == 0


# contact_upsert


@pytest.mark.django_db
def test_contact_upsert_matches_email_in_other_case():
    existing = BuyerFactory(name="Aiko Tanaka", email="aiko@example.jp", country="JP")

    buyer = contact_upsert(
        model=Buyer, email="  Aiko@Example.JP ", name="Aiko Tanaka-Sato", country="JP"
    )

    assert buyer.pk == existing.pk
    assert Buyer.objects.count() == 1
    assert Buyer.objects.values_list("email", "name").get() == (
        "aiko@example.jp",
        "Aiko Tanaka-Sato",
    )


@pytest.mark.django_db
def test_contact_upsert_new_email_creates_lowercased():
    BuyerFactory(email="aiko@example.jp")

    buyer = contact_upsert(model=Buyer, email="Kenji@Example.JP", name="Kenji", country="JP")

    assert Buyer.objects.count() == 2
    assert buyer.email == "kenji@example.jp"


@pytest.mark.django_db
def test_contact_upsert_delegate_matches_email_in_other_case():
    existing = DelegateFactory(email="labour@embassy.example.org")

    delegate = contact_upsert(
        model=Delegate,
        email="LABOUR@Embassy.Example.org",
        name="Min-jun Park",
        country="KR",
        institution="Embassy of the Republic of Korea",
        delegate_type="embassy",
    )

    assert delegate.pk == existing.pk
    assert Delegate.objects.count() == 1


# ExpressionOfInterest.objects.for_owner


@pytest.mark.django_db
def test_lead_for_owner_only_own_trade_leads(user, other_user):
    own_exhibitor = ExhibitorFactory(owners=[user])
    own_lead = TradeLeadFactory(product=ProductFactory(exhibitor=own_exhibitor))
    own_exhibitor_lead = TradeLeadFactory(exhibitor=own_exhibitor, product=None)
    TradeLeadFactory(product=ProductFactory(exhibitor=ExhibitorFactory(owners=[other_user])))
    TradeLeadFactory()
    PlacementLeadFactory()

    leads = ExpressionOfInterest.objects.for_owner(user)

    assert sorted(lead.pk for lead in leads) == sorted([own_lead.pk, own_exhibitor_lead.pk])


@pytest.mark.django_db
def test_lead_for_owner_of_two_exhibitors_no_duplicates(user, other_user):
    # Two owners on the same exhibitor must not double the rows of either.
    shared = ExhibitorFactory(owners=[user, other_user])
    second = ExhibitorFactory(owners=[user])
    leads = [
        TradeLeadFactory(product=ProductFactory(exhibitor=shared)),
        TradeLeadFactory(product=ProductFactory(exhibitor=second)),
    ]

    result = list(ExpressionOfInterest.objects.for_owner(user))

    assert sorted(lead.pk for lead in result) == sorted(lead.pk for lead in leads)


@pytest.mark.django_db
def test_lead_for_owner_without_exhibitor_empty(user):
    TradeLeadFactory()

    assert list(ExpressionOfInterest.objects.for_owner(user)) == []


# Product.objects.published


@pytest.mark.django_db
def test_product_published_only_approved_of_approved_exhibitor():
    published = ProductFactory(slug="published")
    ProductFactory(slug="draft", draft=True)
    ProductFactory(slug="pending", pending=True)
    ProductFactory(slug="rejected", rejected=True)
    ProductFactory(slug="archived", archived=True)
    ProductFactory(slug="draft-exhibitor", exhibitor=ExhibitorFactory(draft=True))
    ProductFactory(slug="pending-exhibitor", exhibitor=ExhibitorFactory(pending=True))
    ProductFactory(slug="rejected-exhibitor", exhibitor=ExhibitorFactory(rejected=True))

    slugs = list(Product.objects.published().values_list("slug", flat=True))

    assert slugs == ["published"]
    assert published.is_public is True


@pytest.mark.django_db
def test_product_is_public_matches_published():
    products = [
        ProductFactory(),
        ProductFactory(archived=True),
        ProductFactory(pending=True),
        ProductFactory(exhibitor=ExhibitorFactory(pending=True)),
    ]

    public = set(Product.objects.published().values_list("pk", flat=True))

    assert [product.is_public for product in products] == [True, False, False, False]
    assert public == {products[0].pk}


@pytest.mark.django_db
def test_product_approved_sets_published_at_once():
    product = ProductFactory(draft=True)
    assert product.published_at is None

    product.review_status = "approved"
    product.save()
    first_published = product.published_at
    product.save()

    assert first_published is not None
    assert product.published_at == first_published


# common.money.convert


def test_money_convert_usd_to_idr(settings):
    settings.EXPO_USD_IDR_RATE = 15500.0

    assert convert(Decimal("10.00"), "USD", "IDR") == Decimal("155000.00")
    assert convert(Decimal("0.01"), "USD", "IDR") == Decimal("155.00")


def test_money_convert_idr_to_usd(settings):
    settings.EXPO_USD_IDR_RATE = 15500.0

    assert convert(Decimal("155000"), "IDR", "USD") == Decimal("10.00")
    # 12 345 / 15 500 = 0.79645..., rounded half up to cents.
    assert convert(Decimal("12345"), "IDR", "USD") == Decimal("0.80")
    # 7 750 / 15 500 = 0.5 exactly; 77.5 rupiah is 0.005 USD, which rounds up.
    assert convert(Decimal("77.50"), "IDR", "USD") == Decimal("0.01")


def test_money_convert_uses_fractional_rate(settings):
    settings.EXPO_USD_IDR_RATE = 16250.5

    assert convert(Decimal("2"), "USD", "IDR") == Decimal("32501.00")


def test_money_convert_same_currency_unchanged(settings):
    settings.EXPO_USD_IDR_RATE = 15500.0

    assert convert(Decimal("12.345"), "USD", "USD") == Decimal("12.345")
    assert convert(None, "USD", "IDR") is None


def test_money_convert_unknown_currency_rejected(settings):
    settings.EXPO_USD_IDR_RATE = 15500.0

    with pytest.raises(ValueError, match="Unknown currency pair EUR->IDR"):
        convert(Decimal("1"), "EUR", "IDR")


@pytest.mark.django_db
def test_lead_create_rule_checked_by_the_insert_is_a_validation_error():
    # No field validator or clean() stops a trade lead without its business: the
    # table's check constraint does, at the insert, and the service still answers as
    # full_clean() did.
    with pytest.raises(ValidationError) as raised:
        lead_create(kind=LeadKind.TRADE, buyer=BuyerFactory())

    assert raised.value.messages == ["Constraint “lead_kind_matches_parties” is violated."]
    assert ExpressionOfInterest.objects.count() == 0
