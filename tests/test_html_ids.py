"""Each page names an HTML id once: a repeated id breaks the "#interest" jump link,
label-for pairs and what a screen reader announces."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from .factories import (
    BoothFactory,
    BoothPresenceFactory,
    ExhibitorFactory,
    ExpoFactory,
    ProductFactory,
    ProductImageFactory,
)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1


def repeated_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return sorted(name for name, count in parser.ids.items() if count > 1)


@pytest.fixture
def product(db):
    expo = ExpoFactory(current=True)
    exhibitor = ExhibitorFactory(name="Kopi Purna Gayo")
    BoothPresenceFactory(booth=BoothFactory(expo=expo), exhibitor=exhibitor)
    product = ProductFactory(exhibitor=exhibitor)
    ProductImageFactory(product=product)
    ProductImageFactory(product=product)
    return product


def test_repeated_ids_finds_a_repeat():
    assert repeated_ids('<div id="a"><p id="b"></p><section id="a"></section></div>') == ["a"]


@pytest.mark.parametrize("language", ["en", "id"])
def test_public_pages_name_each_id_once(client, product, language):
    pages = [
        f"/{language}/products/{product.slug}/",
        f"/{language}/exhibitors/{product.exhibitor.slug}/",
        f"/{language}/catalogue/",
        f"/{language}/catalogue/?q=coffee&currency=USD&moq_max=100",
    ]
    for page in pages:
        response = client.get(page)

        assert response.status_code == 200, page
        assert repeated_ids(response.content.decode()) == [], page


@pytest.mark.parametrize("language", ["en", "id"])
def test_booth_capture_names_each_id_once(client, product, booth_staff, language):
    client.force_login(booth_staff)

    response = client.get(f"/{language}/booth/")

    assert response.status_code == 200
    assert repeated_ids(response.content.decode()) == []
