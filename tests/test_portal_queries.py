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
from .portal_helpers import product_form_data

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


# 6: the user, the product with photos, certifications and latest change request, the
# pending changes (for the form and the page), the category list.
FORM_QUERIES = 6
# 33, savepoints included (a test runs in a transaction of its own): the page's reads (5);
# the form's category, read and checked, and its check constraints in one query (2 + 3);
# the service's transaction (2), locked read, photos, certifications, candidate, pending
# changes (5), the proposal's business, category and address checks and its constraints
# (3 + 3); the change request's user and product checks, its check constraint and its
# one-pending rule (2 + 3 + 3) and the update (1); the product read back for the message (1).
SAVE_QUERIES = 33


@pytest.mark.parametrize("photos", [1, 5])
def test_portal_product_form_and_save_query_count_is_fixed(
    client, user, photos, django_assert_num_queries
):
    exhibitor = ExhibitorFactory(owners=[user])
    product = ProductFactory(exhibitor=exhibitor)
    for _ in range(photos):
        ProductImageFactory(product=product)
    CertificationFactory(product=product)
    product_submit_changes(product=product, proposal=ProductProposal(fields={"moq": 99}))
    client.force_login(user)
    url = reverse("portal:product-edit", kwargs={"pk": product.pk})

    with django_assert_num_queries(FORM_QUERIES):
        assert client.get(url).status_code == 200
    data = product_form_data(category=product.category, product=product, description_en="New.")
    with django_assert_num_queries(SAVE_QUERIES):
        assert client.post(url, data).status_code == 302

    assert product.change_requests.get().changes["description_en"] == "New."
