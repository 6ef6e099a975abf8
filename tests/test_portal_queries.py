"""The owner's list pages cost the same number of SQL queries with 3 or 40 products and leads."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from buyers.models import ExpressionOfInterest, LeadItem
from buyers.services import lead_add_note
from products.proposals import ProductProposal
from products.services import product_reject, product_submit_changes

from .factories import (
    CertificationFactory,
    ExhibitorFactory,
    ProductFactory,
    ProductImageFactory,
    SubCategoryFactory,
    TradeLeadFactory,
)

pytestmark = pytest.mark.django_db


def _grow(exhibitors, total, actor):
    """Add products (every kind of state) and leads to the owner's businesses."""
    categories = [SubCategoryFactory() for _ in range(2)]
    for n in range(total):
        exhibitor = exhibitors[n % len(exhibitors)]
        state = n % 5
        product = ProductFactory(
            exhibitor=exhibitor,
            category=categories[n % 2],
            draft=state == 0,
            rejected=state == 1,
            price_min=None if n % 3 == 0 else 10,
            price_max=None,
        )
        if n % 2:
            ProductImageFactory(product=product)
        if n % 4 == 0:
            CertificationFactory(product=product)
        if state == 2:
            product_submit_changes(
                product=product, proposal=ProductProposal(fields={"moq": 99}), actor=actor
            )
        if state == 3:
            product_submit_changes(
                product=product, proposal=ProductProposal(fields={"moq": 98}), actor=actor
            )
            product_reject(product=product, reason="No.", actor=actor)
        lead = TradeLeadFactory(product=product)
        LeadItem.objects.create(lead=lead, product=product)
        lead_add_note(lead=lead, note="Called.", actor=actor)
        if n % 3 == 0:
            quiet = timezone.now() - datetime.timedelta(days=5)
            ExpressionOfInterest.objects.filter(pk=lead.pk).update(last_activity_at=quiet)


PAGES = {
    "dashboard": ("portal:dashboard", None),
    "products": ("portal:product-list", None),
    "leads": ("portal:lead-list", None),
    "all leads": ("portal:lead-list", {"show": "all"}),
    "leads needing a reply": ("portal:lead-list", {"show": "follow-up"}),
}
QUERIES = {
    # 9: the daily digest's switch reads the owner's choice.
    "dashboard": 10,
    "products": 5,
    "leads": 5,
    "all leads": 5,
    "leads needing a reply": 5,
}


def test_portal_list_pages_query_count_is_fixed(client, user, other_user, assert_page_queries):
    exhibitors = [ExhibitorFactory(owners=[user]), ExhibitorFactory(owners=[user])]
    ExhibitorFactory(owners=[other_user])
    client.force_login(user)
    pages = {name: (reverse(url), params) for name, (url, params) in PAGES.items()}
    _grow(exhibitors, 3, user)
    assert_page_queries(client, pages, QUERIES)

    _grow(exhibitors, 37, user)

    assert_page_queries(client, pages, QUERIES)
