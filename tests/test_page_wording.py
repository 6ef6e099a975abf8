"""Words on the pages as a visitor reads them: Indonesian pages in Indonesian, and no
field labelled like the section it sits in."""

import re

import pytest

from .factories import (
    BoothFactory,
    BoothPresenceFactory,
    ExhibitorFactory,
    ExpoFactory,
    ProductFactory,
)


@pytest.fixture
def product(db):
    expo = ExpoFactory(current=True)
    exhibitor = ExhibitorFactory(name="Kopi Purna Gayo")
    BoothPresenceFactory(booth=BoothFactory(expo=expo), exhibitor=exhibitor)
    return ProductFactory(exhibitor=exhibitor, hs_code="0901.21")


def test_product_page_in_indonesian_names_the_hs_code_in_indonesian(client, product):
    page = client.get(f"/id/products/{product.slug}/").content.decode()

    assert "<dt>Kode HS</dt>" in page
    assert "HS code" not in page


@pytest.mark.parametrize(
    ("language", "legend", "label"),
    [("en", "Visitor", "Type of visitor"), ("id", "Pengunjung", "Jenis pengunjung")],
)
def test_booth_capture_visitor_type_label_differs_from_its_section(
    client, product, booth_staff, language, legend, label
):
    client.force_login(booth_staff)

    page = client.get(f"/{language}/booth/").content.decode()

    labels = re.findall(r'<label[^>]*for="id_visitor_kind"[^>]*>\s*([^<]+?)\s*<', page)
    assert labels == [label]
    assert f'<legend class="h5">{legend}</legend>' in page
