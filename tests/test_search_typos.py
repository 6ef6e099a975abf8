"""Typo correction in catalogue search: real misspellings of buyers, in English and Indonesian."""

import pytest
from django.core.cache import cache

from products.models import Product, SearchTerm
from products.search import correct_spelling, typing_distance

from .factories import ExhibitorFactory, ProductFactory, SubCategoryFactory

pytestmark = pytest.mark.django_db

CATALOGUE = "/en/catalogue/"

# (English name, Indonesian name, how many products): a catalogue whose words appear as
# often as they would at the booth. Coffee is everywhere, "core" and "cafe" once each.
CATALOGUE_WORDS = [
    ("Gayo arabica coffee", "Kopi arabika Gayo", 12),
    ("Robusta coffee beans", "Biji kopi robusta", 6),
    ("Luwak coffee", "Kopi luwak", 3),
    ("Apple core cutter", "Alat pemotong apel", 1),
    ("Cafe table", "Meja kafe", 1),
    ("Batik tulis scarf", "Selendang batik tulis", 8),
    ("Batik cap shirt", "Kemeja batik cap", 4),
    ("Rattan basket", "Keranjang rotan", 5),
    ("Rattan chair", "Kursi rotan", 3),
    ("Woven tenun ikat cloth", "Kain tenun ikat", 4),
    ("Songket cloth", "Kain songket", 2),
    ("Pandan leaf woven bag", "Tas anyaman pandan", 3),
    ("Bamboo handicraft lamp", "Lampu kerajinan bambu", 3),
    ("Ceylon cinnamon sticks", "Kayu manis batang", 3),
    ("Vanilla pods", "Polong vanili", 2),
    ("Dark chocolate bar", "Cokelat hitam batang", 3),
    ("Sambal bawang chili paste", "Sambal bawang", 4),
    ("Beef rendang", "Rendang sapi", 3),
    ("Cassava chips", "Keripik singkong", 4),
    ("Dried cloves", "Cengkeh kering", 2),
    ("Turmeric powder", "Bubuk kunyit", 2),
    ("Ginger tea", "Teh jahe", 3),
    ("Cashew nuts", "Kacang mete", 2),
    ("White pepper", "Lada putih", 2),
    ("Paper gift box", "Kotak hadiah kertas", 1),
    ("Forest honey", "Madu hutan", 3),
    ("Virgin coconut oil", "Minyak kelapa murni", 3),
]

# What buyers type, and the catalogue word they meant.
MISSPELLINGS = {
    # English
    "cofe": "coffee",  # as close to core and cafe, but coffee is what the catalogue sells
    "coffe": "coffee",
    "cofee": "coffee",
    "caffee": "coffee",
    "battik": "batik",
    "batk": "batik",
    "baitk": "batik",
    "ratan": "rattan",
    "rattam": "rattan",
    "cinamon": "cinnamon",
    "cinnammon": "cinnamon",
    "vanila": "vanilla",
    "vanilal": "vanilla",
    "choclate": "chocolate",
    "chocolat": "chocolate",
    "handicarft": "handicraft",
    "baskte": "basket",
    "bambo": "bamboo",
    "tumeric": "turmeric",
    "giner": "ginger",
    "cashwe": "cashew",
    "peper": "pepper",
    "honney": "honey",
    "scraf": "scarf",
    "cocunut": "coconut",
    # Indonesian
    "kpoi": "kopi",
    "tneun": "tenun",
    "anyamn": "anyaman",
    "kerajnan": "kerajinan",
    "smabal": "sambal",
    "rendag": "rendang",
    "keripk": "keripik",
    "kripik": "keripik",
    "cengke": "cengkeh",
    "kunyti": "kunyit",
    "songkt": "songket",
    "rottan": "rotan",
    "kelpaa": "kelapa",
    "jahee": "jahe",
    "maddu": "madu",
    "singkog": "singkong",
    "cokelt": "cokelat",
    "vanilli": "vanili",
    "luwk": "luwak",
    "tsa": "tas",
    "mdau": "madu",
    "kian": "kain",
    "cpa": "cap",
}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue():
    category = SubCategoryFactory(name_en="Goods", name_ind="Barang", parent__name_en="All")
    exhibitor = ExhibitorFactory(name="Purna Jaya")
    for name_en, name_ind, copies in CATALOGUE_WORDS:
        for _ in range(copies):
            ProductFactory(
                name_en=name_en, name_ind=name_ind, category=category, exhibitor=exhibitor
            )


def test_typo_table_is_corrected_to_the_meant_words(catalogue):
    assert len(MISSPELLINGS) >= 30

    corrected = {typo: correct_spelling(typo) for typo in MISSPELLINGS}

    assert corrected == MISSPELLINGS


def test_correction_costs_one_query_for_all_words(catalogue, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert correct_spelling("kpoi battik cofe") == "kopi batik coffee"


def test_correction_keeps_words_the_catalogue_uses(catalogue):
    assert correct_spelling("core cafe paper") is None
    assert correct_spelling("kopi cofe") == "kopi coffee"


def test_correction_leaves_words_too_far_from_any(catalogue):
    assert correct_spelling("xylophone") is None
    # Short words get one slip only: "cfee" is one and a half from coffee and cafe.
    assert correct_spelling("cfee") is None


def test_correction_follows_what_the_catalogue_sells(catalogue):
    Product.objects.filter(name_en__contains="coffee").update(is_archived=True)
    for _ in range(30):
        ProductFactory(name_en="Core drill bit", name_ind="Mata bor inti")

    assert correct_spelling("cofe") == "core"


def test_catalogue_finds_kopi_when_letters_are_swapped(client, catalogue):
    response = client.get(CATALOGUE, {"q": "kpoi luwka"})

    assert response.status_code == 200
    assert "Showing results for “<strong>kopi luwak</strong>”" in response.text
    assert "Luwak coffee" in response.text


def test_words_found_outside_the_filters_are_left_as_typed(client, catalogue):
    """Coffee is sold, just not from Bali: the filter empties the list, not the spelling."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(CATALOGUE, {"q": "kopi", "province": "BA"})

    assert "0 products" in response.text
    assert "Showing results for" not in response.text
    # The counts beside the other provinces show the words' products: no look for closer words.
    assert "Central Java" in response.text
    assert not [query for query in queries if "products_searchterm" in query["sql"]]


def word_counts(*words):
    return dict(SearchTerm.objects.filter(word__in=words).values_list("word", "products"))


def test_word_counts_follow_every_change_to_public_products():
    product = ProductFactory(name_en="Teak bowl", name_ind="Mangkuk jati", materials="Teak wood")
    ProductFactory(name_en="Teak tray", name_ind="Nampan jati")
    ProductFactory(name_en="Teak spoon", name_ind="Sendok jati", draft=True)
    assert word_counts("teak", "bowl", "wood", "spoon") == {
        "teak": 2,
        "bowl": 1,
        "wood": 1,
        "spoon": 0,
    }

    product.name_en = "Mahogany bowl"
    product.save()
    assert word_counts("teak", "mahogany", "bowl") == {"teak": 2, "mahogany": 1, "bowl": 1}

    product.materials_en = ""
    product.save()
    assert word_counts("teak", "wood") == {"teak": 1, "wood": 0}

    Product.objects.filter(name_en="Teak tray").update(is_archived=True)
    assert word_counts("teak", "tray") == {"teak": 0, "tray": 0}

    Product.objects.filter(name_en="Teak spoon").update(review_status="approved")
    product.delete()
    assert word_counts("teak", "spoon", "mahogany", "bowl") == {
        "teak": 1,
        "spoon": 1,
        "mahogany": 0,
        "bowl": 0,
    }


@pytest.mark.parametrize(
    ("typed", "word", "distance"),
    [
        ("kopi", "kopi", 0),
        ("kpoi", "kopi", 1),  # two neighbours swapped
        ("batk", "batik", 1),  # a letter left out
        ("baitk", "batik", 1),
        ("cofe", "coffee", 1),  # two doubled letters typed once
        ("coffe", "coffee", 0.5),
        ("battik", "batik", 0.5),  # a letter typed twice
        ("cofe", "core", 1),  # a letter replaced
        ("peper", "paper", 1),
        ("peper", "pepper", 0.5),
        ("abc", "cba", 2),
    ],
)
def test_typing_distance_counts_slips_of_the_fingers(typed, word, distance):
    assert typing_distance(typed, word) == distance
