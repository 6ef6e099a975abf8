"""The public catalogue: search, filters, facets, visibility, caching and bad input."""

import datetime
import re
import zoneinfo
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from booths.choices import ExportReadiness
from common.cache import content_changed
from common.choices import ReviewStatus
from products.choices import CertificationKind
from products.services import product_approve, product_set_archived

from .factories import (
    CategoryFactory,
    CertificationFactory,
    ExhibitorFactory,
    ProductFactory,
    ProductImageFactory,
    SubCategoryFactory,
    png_file,
)

pytestmark = pytest.mark.django_db

CATALOGUE = "/en/catalogue/"
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def names(response):
    """Product names on a catalogue page, in the order shown."""
    return re.findall(
        r'class="stretched-link" href="/en/products/[^"]+/">([^<]+)</a>', response.text
    )


@pytest.fixture
def textiles():
    batik = SubCategoryFactory(
        name_en="Batik",
        name_ind="Batik",
        slug="batik",
        parent__name_en="Textiles",
        parent__name_ind="Tekstil",
        parent__slug="textiles",
    )
    return batik


@pytest.fixture
def coffee_category():
    return SubCategoryFactory(
        name_en="Coffee",
        name_ind="Kopi",
        slug="coffee",
        parent__name_en="Food and drink",
        parent__name_ind="Makanan dan minuman",
        parent__slug="food",
    )


def test_search_exact_name_ranks_first(client, textiles):
    ProductFactory(
        name_en="Batik tulis scarf",
        name_ind="Selendang batik tulis",
        category=textiles,
        description_en="Batik, batik, batik: hand-drawn batik with batik wax.",
    )
    ProductFactory(name_en="Batik", name_ind="Batik", category=textiles, description_en="Cloth.")

    response = client.get(CATALOGUE, {"q": "batik"})

    assert names(response)[0] == "Batik"
    assert set(names(response)) == {"Batik", "Batik tulis scarf"}


def test_search_finds_english_and_indonesian_words(client, coffee_category):
    ProductFactory(name_en="Luwak coffee", name_ind="Kopi luwak", category=coffee_category)
    ProductFactory(
        name_en="Rattan bag",
        name_ind="Tas rotan",
        description_en="Woven by hand.",
        description_ind="Dianyam tangan.",
    )

    assert names(client.get(CATALOGUE, {"q": "kopi"})) == ["Luwak coffee"]
    assert names(client.get(CATALOGUE, {"q": "coffee"})) == ["Luwak coffee"]
    assert names(client.get(CATALOGUE, {"q": "kopi luwak"})) == ["Luwak coffee"]
    assert names(client.get(CATALOGUE, {"q": "luwak coffee"})) == ["Luwak coffee"]
    assert names(client.get(CATALOGUE, {"q": "rotan"})) == ["Rattan bag"]


def test_search_finds_by_category_and_business_name(client, coffee_category):
    exhibitor = ExhibitorFactory(name="Sari Rasa Gayo")
    ProductFactory(
        name_en="Green beans", name_ind="Biji hijau", category=coffee_category, exhibitor=exhibitor
    )

    assert names(client.get(CATALOGUE, {"q": "coffee"})) == ["Green beans"]
    assert names(client.get(CATALOGUE, {"q": "Sari Rasa"})) == ["Green beans"]


def test_search_corrects_typos_from_catalogue_words(client, textiles):
    ProductFactory(name_en="Batik tulis scarf", name_ind="Selendang batik tulis", category=textiles)
    ProductFactory(name_en="Rattan bag", name_ind="Tas rotan")

    response = client.get(CATALOGUE, {"q": "baitk"})

    assert names(response) == ["Batik tulis scarf"]
    assert "Showing results for “<strong>batik</strong>”" in response.text


def test_search_follows_renamed_category_and_business(client, coffee_category):
    product = ProductFactory(name_en="Green beans", name_ind="Biji hijau", category=coffee_category)
    assert names(client.get(CATALOGUE, {"q": "arabica"})) == []

    coffee_category.name_en = "Arabica"
    coffee_category.save()
    product.exhibitor.name = "Kintamani Highlands"
    product.exhibitor.save()
    content_changed()  # as the admin's save does (tests/test_cache_write_paths.py)

    assert names(client.get(CATALOGUE, {"q": "arabica"})) == ["Green beans"]
    assert names(client.get(CATALOGUE, {"q": "kintamani"})) == ["Green beans"]


def test_catalogue_hides_unpublished_products(client):
    ProductFactory(name_en="Visible")
    ProductFactory(name_en="Draft one", draft=True)
    ProductFactory(name_en="Pending one", pending=True)
    ProductFactory(name_en="Archived one", archived=True)
    ProductFactory(name_en="Of a pending business", exhibitor=ExhibitorFactory(pending=True))

    assert names(client.get(CATALOGUE)) == ["Visible"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"review_status": ReviewStatus.DRAFT},
        {"review_status": ReviewStatus.PENDING},
        {"review_status": ReviewStatus.REJECTED},
        {"is_archived": True},
    ],
)
def test_product_page_of_unpublished_product_is_404(client, kwargs):
    product = ProductFactory(**kwargs)

    assert client.get(f"/en/products/{product.slug}/").status_code == 404


def test_exhibitor_page_of_unapproved_business_is_404(client):
    exhibitor = ExhibitorFactory(pending=True)

    assert client.get(f"/en/exhibitors/{exhibitor.slug}/").status_code == 404
    assert client.get("/en/exhibitors/no-such-business/").status_code == 404
    assert client.get("/en/products/no-such-product/").status_code == 404


def test_filters_combine(client, textiles, coffee_category):
    west_java = ExhibitorFactory(province="JB", former_placement_country="TW")
    central_java = ExhibitorFactory(province="JT", former_placement_country="HK")
    halal_coffee = ProductFactory(
        name_en="Halal coffee", category=coffee_category, exhibitor=west_java
    )
    CertificationFactory(product=halal_coffee, kind=CertificationKind.HALAL)
    ProductFactory(name_en="Plain coffee", category=coffee_category, exhibitor=west_java)
    ProductFactory(name_en="Batik from Solo", category=textiles, exhibitor=central_java)
    other = ProductFactory(
        name_en="Coffee from Central Java", category=coffee_category, exhibitor=central_java
    )
    CertificationFactory(product=other, kind=CertificationKind.HALAL)

    assert set(names(client.get(CATALOGUE, {"category": "food"}))) == {
        "Halal coffee",
        "Plain coffee",
        "Coffee from Central Java",
    }
    assert names(
        client.get(CATALOGUE, {"category": "coffee", "province": "JB", "cert": "halal"})
    ) == ["Halal coffee"]
    assert names(client.get(CATALOGUE, {"country": "HK", "category": "textiles"})) == [
        "Batik from Solo"
    ]


def test_filters_by_price_across_currencies_and_moq(client, settings):
    settings.EXPO_USD_IDR_RATE = 16000
    ProductFactory(
        name_en="Cheap in rupiah",
        currency="IDR",
        price_min=Decimal("16000"),
        price_max=Decimal("32000"),
        moq=5,
    )
    ProductFactory(
        name_en="Dear in dollars",
        currency="USD",
        price_min=Decimal("40"),
        price_max=Decimal("60"),
        moq=100,
    )

    in_budget = client.get(CATALOGUE, {"price_to": "3", "currency": "USD"})
    above = client.get(CATALOGUE, {"price_from": "500000", "currency": "IDR"})
    small_orders = client.get(CATALOGUE, {"moq_max": "10"})

    assert names(in_budget) == ["Cheap in rupiah"]
    assert names(above) == ["Dear in dollars"]
    assert names(small_orders) == ["Cheap in rupiah"]
    # The boxes keep what was asked for; the currency is US dollars unless chosen.
    assert 'name="price_to" id="id_price_to" value="3"' in in_budget.text
    assert 'name="price_from" id="id_price_from" value=""' in in_budget.text
    assert '<option value="IDR" selected>' in above.text
    assert 'name="price_from" id="id_price_from" value="500000"' in above.text
    assert 'name="moq_max" id="id_moq_max" value="10"' in small_orders.text
    assert '<option value="USD" selected>' in small_orders.text


def test_facet_counts_ignore_their_own_filter(client, textiles, coffee_category):
    west_java = ExhibitorFactory(province="JB", export_readiness=ExportReadiness.READY)
    bali = ExhibitorFactory(province="BA")
    ProductFactory.create_batch(2, category=coffee_category, exhibitor=west_java)
    ProductFactory(category=textiles, exhibitor=bali)

    response = client.get(CATALOGUE, {"province": "JB"})
    facets = {
        label.strip(): int(count)
        for label, count in re.findall(
            r'catalogue-facet-label">([^<]+)</span>\s*<span class="catalogue-facet-count">(\d+)',
            response.text,
        )
    }

    assert len(names(response)) == 2
    assert facets["West Java"] == 2
    assert facets["Bali"] == 1  # another province stays choosable
    assert facets["Food and drink"] == 2  # categories counted within West Java
    assert "Textiles" not in facets
    assert facets["Ready to export"] == 2


def test_sorting_by_price(client):
    ProductFactory(name_en="Middle", currency="USD", price_min=Decimal("5"), price_max=Decimal("6"))
    ProductFactory(name_en="Low", currency="USD", price_min=Decimal("1"), price_max=Decimal("2"))
    ProductFactory(name_en="High", currency="USD", price_min=Decimal("9"), price_max=Decimal("10"))

    assert names(client.get(CATALOGUE, {"sort": "price_asc"})) == ["Low", "Middle", "High"]
    assert names(client.get(CATALOGUE, {"sort": "price_desc"})) == ["High", "Middle", "Low"]


def test_catalogue_paginates_24_a_page(client):
    ProductFactory.create_batch(30)

    first = client.get(CATALOGUE)
    second = client.get(CATALOGUE, {"page": "2"})

    assert len(names(first)) == 24
    assert len(names(second)) == 6
    assert "30 products" in first.text


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "'; DROP TABLE products_product; --"},
        {"q": '" OR 1=1 --'},
        {"q": "!!!&&&|||::*"},
        {"q": "قهوة إندونيسية"},
        {"q": "\u202eRTL override"},
        {"q": "😀☕"},
        {"category": "no-such-category"},
        {"province": "XX"},
        {"country": "ZZZ"},
        {"cert": "made-up"},
        {"moq_max": "1e309"},
        {"moq_max": "-5"},
        {"price_from": "NaN"},
        {"price_to": "abc"},
        {"price_from": "99999999999999999999"},
        {"currency": "EUR"},
        {"sort": "; DELETE"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"export_ready": "maybe"},
    ],
)
def test_catalogue_bad_input_renders(client, params):
    ProductFactory(name_en="Batik tulis scarf")

    response = client.get(CATALOGUE, params)

    assert response.status_code == 200
    assert "Product catalogue" in response.text


def test_catalogue_search_with_a_nul_byte_is_a_bad_request(client):
    """Refused before the view (common.middleware.QueryStringGuardMiddleware)."""
    response = client.get(CATALOGUE, {"q": "batik\x00kopi"})

    assert response.status_code == 400
    assert "This address is not valid" in response.text


def test_catalogue_unknown_filter_values_are_ignored_with_a_note(client):
    ProductFactory(name_en="Batik tulis scarf")

    response = client.get(CATALOGUE, {"province": "XX", "moq_max": "1e309"})

    assert names(response) == ["Batik tulis scarf"]
    assert "were not understood and have been left out" in response.text


def test_catalogue_cache_shows_approval_at_once(client):
    product = ProductFactory(name_en="Waiting for review", pending=True)
    assert names(client.get(CATALOGUE)) == []

    product_approve(product=product)

    assert names(client.get(CATALOGUE)) == ["Waiting for review"]


def test_catalogue_cache_drops_unpublished_product_at_once(client):
    product = ProductFactory(name_en="Soon archived")
    assert names(client.get(CATALOGUE)) == ["Soon archived"]

    product_set_archived(product=product, archived=True)

    assert names(client.get(CATALOGUE)) == []


def test_product_page_shows_trade_card_and_both_currencies(client, settings):
    settings.EXPO_USD_IDR_RATE = 16000
    product = ProductFactory(
        name_en="Gayo coffee",
        currency="USD",
        price_min=Decimal("12.50"),
        price_max=Decimal("15.00"),
        hs_code="0901.21",
        moq=10,
        custom_orders=True,
    )
    CertificationFactory(product=product, kind=CertificationKind.HALAL, number="ID3111000012345")

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    assert "USD 12.50 – 15.00" in response.text
    assert "IDR 200,000 – 240,000" in response.text
    assert "0901.21" in response.text
    assert "ID3111000012345" in response.text
    assert product.exhibitor.nib in response.text
    assert '"@type": "Product"' in response.text


def test_product_page_in_indonesian_uses_indonesian_content(client):
    product = ProductFactory(name_en="Luwak coffee", name_ind="Kopi luwak")

    response = client.get(f"/id/products/{product.slug}/")

    assert '<h1 class="h2">Kopi luwak</h1>' in response.text
    assert 'hreflang="en" href="http://testserver/en/products/' in response.text


def test_product_images_are_served_as_derived_webp(client):
    image = ProductImageFactory(image=png_file(size=(1200, 900)))

    response = client.get(image.product.get_absolute_url())

    assert sorted(image.derived) == ["1200", "400", "800"]
    assert all(name.endswith(".webp") for name, _w, _h in image.derived.values())
    assert image.image.url not in response.text  # the original never reaches a phone
    assert 'srcset="' in response.text
    assert 'width="800" height="600"' in response.text


def test_language_switch_keeps_the_page(client):
    product = ProductFactory()

    response = client.post(
        "/i18n/setlang/", {"language": "id", "next": f"/en/products/{product.slug}/"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/id/products/{product.slug}/"


def test_root_redirects_by_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")["Location"] == "/id/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"


def test_exhibitor_page_lists_its_published_products(client):
    exhibitor = ExhibitorFactory(name="Rumah Tenun Sumba")
    ProductFactory(name_en="Ikat cloth", exhibitor=exhibitor)
    ProductFactory(name_en="Draft cloth", exhibitor=exhibitor, draft=True)

    response = client.get(exhibitor.get_absolute_url())

    assert names(response) == ["Ikat cloth"]
    assert '"@type": "Organization"' in response.text


def test_sitemap_and_robots(client):
    product = ProductFactory()
    ProductFactory(draft=True, slug="hidden-draft")

    index = client.get("/sitemap.xml")
    products = client.get("/sitemap-products.xml")
    robots = client.get("/robots.txt")

    assert index.status_code == 200
    assert f"/en/products/{product.slug}/" in products.content.decode()
    assert f"/id/products/{product.slug}/" in products.content.decode()
    assert "hidden-draft" not in products.content.decode()
    assert "Disallow: /en/admin/" in robots.text
    assert "Sitemap: http://testserver/sitemap.xml" in robots.text


def test_main_category_filter_includes_subcategories(client):
    food = CategoryFactory(slug="food-main")
    ProductFactory(name_en="In sub A", category=SubCategoryFactory(parent=food))
    ProductFactory(name_en="In sub B", category=SubCategoryFactory(parent=food))
    ProductFactory(name_en="Elsewhere")

    assert set(names(client.get(CATALOGUE, {"category": "food-main"}))) == {"In sub A", "In sub B"}


def facet_counts_on(response) -> dict[str, int]:
    return {
        label.strip(): int(count)
        for label, count in re.findall(
            r'catalogue-facet-label">([^<]+)</span>\s*<span class="catalogue-facet-count">(\d+)',
            response.text,
        )
    }


def test_expired_certificates_do_not_count_in_filter_counts_or_badges(client):
    today = timezone.localdate()
    lapsed = ProductFactory(name_en="Lapsed P-IRT chips")
    CertificationFactory(product=lapsed, kind=CertificationKind.PIRT, valid_until=today - ONE_DAY)
    last_day = ProductFactory(name_en="P-IRT until today")
    CertificationFactory(product=last_day, kind=CertificationKind.PIRT, valid_until=today)
    lasting = ProductFactory(name_en="P-IRT for good")
    CertificationFactory(product=lasting, kind=CertificationKind.PIRT, valid_until=None)
    halal_lapsed = ProductFactory(name_en="Lapsed halal sambal")
    CertificationFactory(
        product=halal_lapsed, kind=CertificationKind.HALAL, valid_until=today - ONE_DAY
    )

    filtered = client.get(CATALOGUE, {"cert": "pirt"})
    everything = client.get(CATALOGUE)

    assert set(names(filtered)) == {"P-IRT until today", "P-IRT for good"}
    assert names(client.get(CATALOGUE, {"cert": "halal"})) == []
    facets = facet_counts_on(everything)
    assert facets["P-IRT (home industry food)"] == 2
    assert "Halal (BPJPH)" not in facets
    assert everything.text.count('<span class="badge badge-cert">P-IRT</span>') == 2
    assert '<span class="badge badge-cert">Halal</span>' not in everything.text
    assert '<p class="product-card-badges' not in card_of(everything, "Lapsed halal sambal")


def card_of(response, name: str) -> str:
    return next(card for card in response.text.split("<article") if f">{name}</a>" in card)


def test_product_page_keeps_an_expired_certificate_marked_expired(client):
    product = ProductFactory(name_en="Lapsed P-IRT chips")
    CertificationFactory(
        product=product,
        kind=CertificationKind.PIRT,
        number="PIRT-2061234567890",
        valid_until=timezone.localdate() - ONE_DAY,
    )

    page = client.get(product.get_absolute_url()).text

    assert "PIRT-2061234567890" in page
    assert 'badge-status-rejected">Expired</span>' in page
    assert '<span class="badge badge-cert">P-IRT</span>' not in page


def test_cached_catalogue_drops_a_certificate_at_midnight_in_jakarta(client, monkeypatch):
    jakarta = zoneinfo.ZoneInfo("Asia/Jakarta")
    evening = datetime.datetime(2026, 10, 8, 23, 55, tzinfo=jakarta)
    monkeypatch.setattr(timezone, "now", lambda: evening)
    product = ProductFactory(name_en="P-IRT until today")
    CertificationFactory(
        product=product, kind=CertificationKind.PIRT, valid_until=datetime.date(2026, 10, 8)
    )
    assert names(client.get(CATALOGUE, {"cert": "pirt"})) == ["P-IRT until today"]
    assert names(client.get(CATALOGUE, {"cert": "pirt"})) == ["P-IRT until today"]  # cached

    # Ten minutes later, the same day in UTC but the next one in Jakarta.
    monkeypatch.setattr(timezone, "now", lambda: evening + datetime.timedelta(minutes=10))

    assert names(client.get(CATALOGUE, {"cert": "pirt"})) == []
    assert "badge-status-rejected" in client.get(product.get_absolute_url()).text
