"""Random query strings must not fill the cache: only the recognised parameters of a page,
in their canonical form, make its cache key. Anything else gets the page served, not stored."""

import random
import string

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.http import urlencode

from common.cache import MAX_PAGE, page_number

from .factories import CategoryFactory, ExhibitorFactory, ExpoFactory, ProductFactory

pytestmark = pytest.mark.django_db


def entries() -> int:
    """How many entries the test cache (Django's LocMemCache) holds."""
    return len(cache._cache)


@pytest.fixture
def pages():
    ExpoFactory(current=True)
    product = ProductFactory(name_en="Toraja woven sarong")
    return [
        "/en/",
        "/en/catalogue/",
        "/en/exhibitors/",
        product.get_absolute_url(),
        product.exhibitor.get_absolute_url(),
    ]


def _random_word(rng, length=8):
    return "".join(rng.choices(string.ascii_letters + string.digits, k=length))


def test_two_hundred_random_parameters_add_no_cache_entry(pages):
    client = Client()
    for page in pages:
        client.get(page)
    warm = entries()
    rng = random.Random(13)

    statuses = set()
    for number in range(200):
        page = pages[number % len(pages)]
        query = urlencode({_random_word(rng): _random_word(rng, 20) for _ in range(3)})
        response = client.get(f"{page}?{query}")
        statuses.add(response.status_code)

    assert warm > 0
    assert statuses == {200}  # served, not refused
    assert entries() == warm


def test_a_page_with_an_unknown_parameter_is_served_in_full(pages):
    page = Client().get("/en/catalogue/?utm_source=newsletter").content.decode()

    assert "Toraja woven sarong" in page


def test_values_the_filters_refuse_are_shown_their_message_but_not_stored(pages):
    client = Client()
    client.get("/en/catalogue/")
    warm = entries()
    rng = random.Random(7)

    for name in ("price_from", "price_to", "moq_max", "sort", "category", "province", "cert"):
        for _ in range(5):
            response = client.get(f"/en/catalogue/?{name}={_random_word(rng)}x")
            assert response.status_code == 200
    refused = client.get("/en/catalogue/?price_from=abc").content.decode()

    assert entries() == warm
    assert "were not understood and have been left out" in refused


def test_spellings_of_one_query_share_one_entry(pages):
    CategoryFactory(slug="textiles")
    client = Client()
    client.get("/en/catalogue/?category=textiles&sort=newest")
    one = entries()

    for query in (
        "sort=newest&category=textiles",
        "category=textiles&sort=newest&page=1",
        "category=textiles&q=&sort=newest&page=",
        "category=+textiles+&sort=newest&page=0",
        "page=abc&sort=newest&category=textiles",
    ):
        assert client.get(f"/en/catalogue/?{query}").status_code == 200

    assert entries() == one


def test_page_numbers_are_bounded():
    assert [page_number(value) for value in ("", "1", "01", "0", "abc", "-3", "٣")] == [""] * 7
    assert page_number("0002") == "2"
    assert page_number("9" * 40) == str(MAX_PAGE)


def test_exhibitor_list_pages_beyond_the_end_share_one_entry(pages):
    ExhibitorFactory.create_batch(2)
    client = Client()
    client.get("/en/exhibitors/?page=99999")
    one = entries()

    for value in ("100000", "999999999999999", "0" + "9" * 20):
        assert client.get(f"/en/exhibitors/?page={value}").status_code == 200

    assert entries() == one
