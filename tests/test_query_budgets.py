"""Every public page costs the same, small number of SQL queries at 10 and 1,000 products."""

import pytest

from products.choices import CertificationKind

from .factories import (
    BoothFactory,
    CertificationFactory,
    ExhibitorFactory,
    ProductFactory,
    ProductImageFactory,
    SubCategoryFactory,
    SupportProgrammeFactory,
)

pytestmark = pytest.mark.django_db

# A cold page, whatever the catalogue size (the README promises at most 10).
QUERIES = {
    "home": 9,
    # Categories and programmes (cached in production, not here), the counts, the page's
    # ids, its products, their photos and certificates; a category or programme in the
    # link is checked against the cached lists. A search reads its page's ids with its
    # counts, in one statement.
    "catalogue": 7,
    "catalogue search": 6,
    "catalogue filtered": 7,
    "catalogue by category and programme": 7,
    # The related products' ids, then the cards not cached yet: their products, photos
    # and certificates.
    "product": 10,
    "exhibitors": 3,
    "exhibitor": 9,
}


def _grow_catalogue(total):
    """Add products (spread over businesses and categories) until there are ``total``."""
    from booths.models import SupportProgramme
    from products.models import Product

    programme = SupportProgramme.objects.first() or SupportProgrammeFactory(code="kur")
    exhibitors = [ExhibitorFactory(province=p) for p in ("JB", "JT", "BA", "NT")]
    exhibitors[0].support_programmes.add(programme)
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


def _pages(product, exhibitor):
    return {
        "home": ("/en/", {}),
        "catalogue": ("/en/catalogue/", {}),
        "catalogue search": ("/en/catalogue/", {"q": "batik"}),
        "catalogue filtered": ("/en/catalogue/", {"province": "JB", "cert": "halal", "page": "2"}),
        "catalogue by category and programme": (
            "/en/catalogue/",
            {"category": product.category.parent.slug, "programme": "kur", "sort": "price_asc"},
        ),
        "product": (product.get_absolute_url(), {}),
        "exhibitors": ("/en/exhibitors/", {}),
        "exhibitor": (exhibitor.get_absolute_url(), {}),
    }


def test_public_pages_query_count_is_fixed(client, assert_page_queries):
    BoothFactory(expo__is_current=True)
    _grow_catalogue(10)
    from products.models import Product

    product = Product.objects.order_by("pk").first()
    pages = _pages(product, product.exhibitor)
    assert_page_queries(client, pages, QUERIES, cold=True)

    _grow_catalogue(1000)

    assert_page_queries(client, pages, QUERIES, cold=True)


def test_cached_pages_need_no_queries(client, assert_page_queries):
    BoothFactory(expo__is_current=True)
    _grow_catalogue(30)
    from products.models import Product

    product = Product.objects.order_by("pk").first()
    pages = _pages(product, product.exhibitor)
    for url, params in pages.values():
        client.get(url, params)

    assert_page_queries(client, pages, dict.fromkeys(pages, 0))
