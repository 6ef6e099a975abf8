"""Every public page costs the same, small number of SQL queries at 10 and 1,000 products."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from products.choices import CertificationKind

from .factories import (
    BoothFactory,
    CertificationFactory,
    ExhibitorFactory,
    ProductFactory,
    ProductImageFactory,
    SubCategoryFactory,
)

pytestmark = pytest.mark.django_db

BUDGET = 10


def _grow_catalogue(total):
    """Add products (spread over businesses and categories) until there are ``total``."""
    from products.models import Product

    exhibitors = [ExhibitorFactory(province=p) for p in ("JB", "JT", "BA", "NT")]
    categories = [SubCategoryFactory() for _ in range(3)]
    missing = total - Product.objects.count()
    for n in range(missing):
        product = ProductFactory(
            exhibitor=exhibitors[n % len(exhibitors)],
            category=categories[n % len(categories)],
            name_en=f"Batik tulis {n}",
        )
        if n % 7 == 0:
            CertificationFactory(product=product, kind=CertificationKind.HALAL)
        if n < 5:
            ProductImageFactory(product=product)


def _count(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(queries)


def _pages(product, exhibitor):
    return {
        "home": ("/en/", {}),
        "catalogue": ("/en/catalogue/", {}),
        "catalogue search": ("/en/catalogue/", {"q": "batik"}),
        "catalogue filtered": ("/en/catalogue/", {"province": "JB", "cert": "halal", "page": "2"}),
        "product": (product.get_absolute_url(), {}),
        "exhibitors": ("/en/exhibitors/", {}),
        "exhibitor": (exhibitor.get_absolute_url(), {}),
    }


def _measure(client, pages):
    counts = {}
    for name, (url, params) in pages.items():
        cache.clear()
        counts[name] = _count(client, url, **params)
    return counts


def test_public_pages_query_count_is_fixed(client):
    BoothFactory(expo__is_current=True)
    _grow_catalogue(10)
    from products.models import Product

    product = Product.objects.order_by("pk").first()
    pages = _pages(product, product.exhibitor)
    small = _measure(client, pages)

    _grow_catalogue(1000)
    large = _measure(client, pages)

    assert small == large
    assert max(large.values()) <= BUDGET, large


def test_cached_pages_need_no_queries(client):
    BoothFactory(expo__is_current=True)
    _grow_catalogue(30)
    from products.models import Product

    product = Product.objects.order_by("pk").first()
    pages = _pages(product, product.exhibitor)
    for url, params in pages.values():
        client.get(url, params)

    warm = {name: _count(client, url, **params) for name, (url, params) in pages.items()}

    assert warm == dict.fromkeys(pages, 0)
