"""The catalogue's counts on PostgreSQL (one pass, products.facets) against the plain way.

Every count beside a filter value must be what choosing that value would give: the
number of results of the same search with that value set and every other filter kept.
The plain way asks the ORM that, once per facet value; the page must agree with it
for every combination in the table, after every kind of change the triggers follow.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone, translation

from booths.choices import ExportReadiness
from common.cache import content_changed
from products import views
from products.catalogue_sql import CERT_KINDS
from products.choices import CertificationKind
from products.filters import CatalogueFilter
from products.models import Product
from products.search import search_products

from .factories import (
    CategoryFactory,
    CertificationFactory,
    ExhibitorFactory,
    ProductFactory,
    SubCategoryFactory,
    SupportProgrammeFactory,
)

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue():
    """Two main categories with subcategories, businesses in three provinces and two
    placement countries, programmes, and certificates in force, ended and ending today."""
    today = timezone.localdate()
    food = CategoryFactory(slug="food", name_en="Food")
    crafts = CategoryFactory(slug="crafts", name_en="Crafts")
    coffee = SubCategoryFactory(slug="coffee", parent=food, name_en="Coffee")
    spices = SubCategoryFactory(slug="spices", parent=food, name_en="Spices")
    batik = SubCategoryFactory(slug="batik", parent=crafts, name_en="Batik")
    kur = SupportProgrammeFactory(code="kur", name_en="KUR loans", name_ind="Kredit KUR")
    sehati = SupportProgrammeFactory(code="sehati", name_en="Halal route", name_ind="Jalur halal")
    SupportProgrammeFactory(code="unused")
    west = ExhibitorFactory(
        province="JB", former_placement_country="TW", export_readiness=ExportReadiness.READY
    )
    west.support_programmes.add(kur, sehati)
    central = ExhibitorFactory(
        province="JT", former_placement_country="HK", export_readiness=ExportReadiness.EXPORTING
    )
    central.support_programmes.add(kur)
    bali = ExhibitorFactory(province="BA", former_placement_country="HK")
    hidden = ExhibitorFactory(province="BA", pending=True)
    hidden.support_programmes.add(sehati)

    def product(name, category, exhibitor, **kwargs):
        return ProductFactory(
            name_en=name, name_ind=name, category=category, exhibitor=exhibitor, **kwargs
        )

    products = [
        product("Gayo coffee beans", coffee, west),
        product("Toraja coffee", coffee, central),
        product("Coffee batik scarf", batik, central),
        product("Batik tulis", batik, bali),
        product("Batik cap", batik, west),
        product("Cinnamon sticks", spices, bali),
        product("Clove coffee blend", spices, west),
        product("Vanilla pods", food, central),  # in a main category itself
        product("Hidden coffee", coffee, hidden),
        product("Draft coffee", coffee, west, draft=True),
        product("Archived batik", batik, central, archived=True),
    ]
    gayo, toraja, scarf, tulis, cap, cinnamon, clove, vanilla, hidden_coffee = products[:9]
    CertificationFactory(product=gayo, kind=CertificationKind.HALAL, valid_until=None)
    CertificationFactory(product=gayo, kind=CertificationKind.PIRT, valid_until=today - ONE_DAY)
    CertificationFactory(product=toraja, kind=CertificationKind.HALAL, valid_until=today)
    CertificationFactory(product=toraja, kind=CertificationKind.SNI, valid_until=today - ONE_DAY)
    CertificationFactory(product=cinnamon, kind=CertificationKind.PIRT)
    CertificationFactory(product=clove, kind=CertificationKind.HALAL, valid_until=today - ONE_DAY)
    CertificationFactory(product=tulis, kind=CertificationKind.SNI)
    CertificationFactory(product=vanilla, kind=CertificationKind.ORGANIC)
    CertificationFactory(product=vanilla, kind=CertificationKind.HALAL)
    CertificationFactory(product=hidden_coffee, kind=CertificationKind.HALAL)
    return products


# Search text and filters, alone and together; "cert" with ended certificates, a main
# category that holds products of its own, a programme, prices and order sizes.
COMBINATIONS = [
    {},
    {"q": "coffee"},
    {"q": "batik"},
    {"q": "zzqx"},  # nothing matches, nothing to correct to
    {"category": "food"},
    {"category": "coffee"},
    {"category": "crafts", "province": "BA"},
    {"province": "JB"},
    {"country": "HK"},
    {"cert": "halal"},
    {"cert": "pirt"},
    {"cert": "sni", "q": "batik"},
    {"export_ready": "on"},
    {"programme": "kur"},
    {"programme": "sehati", "category": "food"},
    {"q": "coffee", "category": "food", "province": "JT"},
    {"q": "coffee", "cert": "halal", "export_ready": "on", "programme": "kur"},
    {"category": "food", "province": "JB", "country": "TW", "cert": "halal"},
    {"price_to": "13", "currency": "USD"},
    {"moq_max": "5"},
    {"q": "batik", "province": "JT", "country": "TW"},  # two filters that exclude each other
    # A range and four facet filters: each facet counted over the three others.
    {"moq_max": "50", "category": "food", "country": "TW", "cert": "halal", "programme": "kur"},
]

FACET_VALUES = {
    "category": ["food", "crafts", "coffee", "spices", "batik"],
    "province": ["JB", "JT", "BA"],
    "country": ["TW", "HK"],
    "cert": list(CertificationKind.values),
    "export_ready": ["on"],
    "programme": ["kur", "sehati", "unused"],
}


def _query(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(params)
    return query


def _plain_count(params: dict) -> int:
    searched = search_products(Product.objects.published(), params.get("q", ""))
    return CatalogueFilter(_query(params), queryset=searched).qs.count()


def _plain_facets(params: dict) -> dict:
    """Each facet value's count the plain way: one query per value."""
    facets = {}
    for key, values in FACET_VALUES.items():
        counts = {value: _plain_count({**params, key: value}) for value in values}
        facets[key] = {value: n for value, n in counts.items() if n}
    return facets


def _page_facets(results, categories, programmes) -> dict:
    """The counts of products.facets by the same keys (slugs, codes) as the plain way."""
    slug = {category.pk: category.slug for category in categories}
    code = {programme.pk: programme.code for programme in programmes}
    return {
        "category": {slug[pk]: n for pk, n in results["category"].items() if n},
        "province": dict(results["province"]),
        "country": dict(results["country"]),
        "cert": dict(results["cert"]),
        "export_ready": {"on": results["export_ready"]} if results["export_ready"] else {},
        "programme": {code[pk]: n for pk, n in results["programme"].items() if n},
    }


def _both_ways(params: dict):
    categories = views.catalogue_categories()
    programmes = views.catalogue_programmes()
    query = _query(params)
    text = params.get("q", "")
    _form, _sort, page, facets, _corrected = views._postgres_results(text, query, categories)
    fast = (page.paginator.count, _page_facets(facets, categories, programmes))
    _form, _sort, page, facets, _corrected = views._fallback_results(text, query, categories)
    fallback = (page.paginator.count, _page_facets(facets, categories, programmes))
    return fast, fallback


@pytest.mark.parametrize("params", COMBINATIONS, ids=lambda p: "&".join(map("=".join, p.items())))
def test_facet_counts_equal_the_plain_counts(catalogue, params):
    plain = (_plain_count(params), _plain_facets(params))

    fast, fallback = _both_ways(params)

    assert fast == plain
    assert fallback == plain  # the SQLite way, here on PostgreSQL


def test_facet_counts_follow_every_change(catalogue):
    """The triggers keep the catalogue's rows current, and the cached groups of browsing
    without text follow the content version: businesses, programmes, certificates,
    products, categories. (The writes here go straight to the models; the services and
    admin hooks that bump the version are checked in tests/test_cache_write_paths.py.)"""
    gayo, toraja, scarf, tulis, *_rest = catalogue
    kur = gayo.exhibitor.support_programmes.get(code="kur")
    searches = [{"q": "coffee", "cert": "halal"}, {"category": "food", "programme": "kur"}]

    def check():
        plain = [(_plain_count(params), _plain_facets(params)) for params in searches]
        # Twice: browsing without text is counted from cached groups the second time.
        for _ in range(2):
            assert [_both_ways(params)[0] for params in searches] == plain
        return plain

    before = check()
    gayo.exhibitor.province = "BA"
    gayo.exhibitor.export_readiness = ExportReadiness.NOT_YET
    gayo.exhibitor.save()
    toraja.exhibitor.support_programmes.remove(kur)
    tulis.exhibitor.support_programmes.add(kur)
    CertificationFactory(product=scarf, kind=CertificationKind.HALAL, valid_until=None)
    halal = toraja.certifications.get(kind=CertificationKind.HALAL)
    halal.valid_until = timezone.localdate() - ONE_DAY
    halal.save()
    gayo.category = tulis.category
    gayo.save()
    tulis.is_archived = True
    tulis.save()
    content_changed()
    after = check()
    assert after != before

    scarf.exhibitor.review_status = "pending"
    scarf.exhibitor.save()
    gayo.delete()
    content_changed()
    check()


def test_certificate_ending_today_counts_until_midnight(catalogue, monkeypatch):
    params = {"cert": "halal"}
    today_count = _both_ways(params)[0][0]

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)

    assert _both_ways(params)[0][0] == today_count - 1  # Toraja's ended with the day
    assert _both_ways(params)[0] == (_plain_count(params), _plain_facets(params))


@pytest.mark.parametrize("sort", ["relevance", "newest", "price_asc", "price_desc"])
@pytest.mark.parametrize(
    "filters",
    # With two filters, the counts also read products failing one of them (for that
    # filter's own counts): the page read with them must leave those out.
    [{}, {"province": "JB", "export_ready": "on"}],
    ids=["search", "search-and-two-filters"],
)
def test_pages_list_what_the_plain_query_lists_in_its_order(catalogue, sort, filters):
    tulis = catalogue[3]
    ProductFactory.create_batch(30, name_en="Batik print", category=tulis.category)
    ProductFactory.create_batch(
        30, name_en="Batik print", category=tulis.category, exhibitor=catalogue[0].exhibitor
    )
    query = _query({"q": "batik", "sort": sort, "page": "2", **filters})

    results = views.catalogue_results(query)

    searched = search_products(Product.objects.published(), "batik")
    filtered = CatalogueFilter(query, queryset=searched).qs
    plain = list(filtered.order_by(*views.ORDERINGS[sort]).values_list("pk", flat=True)[24:48])
    assert [card.pk for card in results["page"].object_list] == plain
    assert results["page"].paginator.count == filtered.count()


def _counted(client, params):
    """The page, and whether it ran the statement that counts (GROUPING SETS)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/catalogue/", params)
    assert response.status_code == 200
    return response, any("GROUPING SETS" in query["sql"] for query in queries)


def _counts_of(response, key):
    return [(label, count) for _url, label, count in _facet_links(response, key)]


def test_other_sorts_and_pages_of_a_search_reuse_its_counts(client, catalogue):
    first, counted = _counted(client, {"q": "coffee", "province": "JB"})
    assert counted
    for params in (
        {"q": "coffee", "province": "JB", "sort": "price_asc"},
        {"province": "JB", "q": "  coffee ", "page": "2", "sort": "newest"},
    ):
        page, counted = _counted(client, params)
        assert not counted, params
        for key in ("province", "country", "cert"):
            assert _counts_of(page, key) == _counts_of(first, key)
    # Another filter, or a link with a value the filters refuse, is counted anew.
    assert _counted(client, {"q": "coffee", "province": "JT"})[1]
    for _ in range(2):
        page, counted = _counted(client, {"q": "coffee", "province": "JB", "cert": "nope"})
        assert counted
        assert "were not understood and have been left out" in page.text


def _filters_column(response):
    return response.text.split('<details class="catalogue-filters"')[1].split("</details>")[0]


def test_filters_column_is_the_same_on_every_page_and_keeps_the_sort(client, catalogue):
    ProductFactory.create_batch(30, name_en="Batik print", category=catalogue[3].category)
    first = client.get("/en/catalogue/", {"q": "batik", "sort": "price_asc"})
    second = client.get("/en/catalogue/", {"q": "batik", "sort": "price_asc", "page": "2"})
    newest = client.get("/en/catalogue/", {"q": "batik", "sort": "newest", "page": "2"})

    assert "Page 2 of 2" in second.text
    assert _filters_column(second) == _filters_column(first)
    links = [url for url, _label, _count in _facet_links(newest, "province")]
    assert links and all("sort=newest" in url and "page" not in url for url in links)


def test_cert_kinds_of_the_sql_are_every_kind_in_order():
    assert list(CERT_KINDS) == list(CertificationKind.values)


def _facet_links(response, key):
    section = response.text.split(f'id="facet-{key}"')[1].split("</section>")[0]
    return re.findall(
        r'href="([^"]+)"[^>]*>\s*<i[^>]*></i>\s*<span class="catalogue-facet-label">([^<]+)'
        r'</span>\s*<span class="catalogue-facet-count">(\d+)',
        section,
    )


def test_programme_filter_in_both_languages(client, catalogue):
    english = client.get("/en/catalogue/")
    indonesian = client.get("/id/catalogue/")

    assert [(label, int(n)) for _url, label, n in _facet_links(english, "programme")] == [
        ("KUR loans", 6),
        ("Halal route", 3),
    ]
    assert 'id="facet-programme">Support programme</h2>' in english.text
    with translation.override("id"):
        title = translation.gettext("Support programme")
    assert f'id="facet-programme">{title}</h2>' in indonesian.text
    assert [label for _url, label, _n in _facet_links(indonesian, "programme")] == [
        "Kredit KUR",
        "Jalur halal",
    ]

    chosen = client.get("/en/catalogue/", {"programme": "sehati"})

    assert sorted(re.findall(r'class="stretched-link" href="[^"]+">([^<]+)</a>', chosen.text)) == [
        "Batik cap",
        "Clove coffee blend",
        "Gayo coffee beans",
    ]
    assert "Halal route" in chosen.text.split('aria-label="Filters in use"')[1]


def test_a_category_added_or_taken_away_counts_at_once(client, catalogue):
    """The link's category is first looked for in the list this process last read (to
    name the page before the cache is read): a new one is still found, an old one refused."""
    assert client.get("/en/catalogue/", {"category": "coffee"}).status_code == 200
    tea = SubCategoryFactory(slug="tea", parent=catalogue[0].category.parent, name_en="Tea")
    ProductFactory(name_en="Java black tea", category=tea, exhibitor=catalogue[0].exhibitor)
    content_changed()  # as the admin does when a category is saved

    added = client.get("/en/catalogue/", {"category": "tea"})

    assert "1 product" in added.text
    assert "Java black tea" in added.text
    assert "were not understood" not in added.text

    Product.objects.filter(category=tea).delete()
    tea.delete()
    content_changed()

    for _ in range(2):
        gone = client.get("/en/catalogue/", {"category": "tea"})
        assert "were not understood and have been left out" in gone.text
        assert "8 products" in gone.text


@pytest.mark.parametrize("value", ["no-such-category", "Coffee", "coffee,batik", "1"])
def test_unknown_category_is_left_out_with_a_note(client, catalogue, value):
    """Tried: a slug nobody uses, another case, two slugs, a database id
    (the link checker reads the category among the cached ones, not in SQL)."""
    response = client.get("/en/catalogue/", {"category": value})

    assert response.status_code == 200
    assert "were not understood and have been left out" in response.text
    assert "8 products" in response.text


@pytest.mark.parametrize("value", ["no-such-programme", "KUR", "kur,sehati", "1"])
def test_unknown_programme_is_left_out_with_a_note(client, catalogue, value):
    response = client.get("/en/catalogue/", {"programme": value})

    assert response.status_code == 200
    assert "were not understood and have been left out" in response.text
    assert "8 products" in response.text


def test_filter_links_keep_the_search_and_sort_go_to_page_one_and_toggle_their_value(
    client, catalogue
):
    page = client.get(
        "/en/catalogue/", {"q": "coffee beans", "province": "JB", "sort": "price_asc", "page": "2"}
    )

    def links(key):
        return {label: url for url, label, _count in _facet_links(page, key)}

    # The chosen province's link removes it; another's replaces it; another facet's adds
    # to the rest. The search and sort stay, the page goes.
    assert links("province") == {
        "West Java": "?q=coffee+beans&amp;sort=price_asc",
        "Central Java": "?q=coffee+beans&amp;sort=price_asc&amp;province=JT",
    }
    assert links("country") == {
        "Taiwan": "?province=JB&amp;q=coffee+beans&amp;sort=price_asc&amp;country=TW"
    }
