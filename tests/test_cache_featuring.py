"""Featuring from the admin is a bulk update, which sends no model signal: the services
replace the public pages' content version themselves, so the home page (already cached)
shows the change at once."""

import pytest
from django.test import Client
from django.urls import reverse

from .factories import ExhibitorFactory, ExpoFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def current_expo():
    # The home page lists what is on show only while an expo is current.
    return ExpoFactory(current=True)


HOME = "/en/"


def _cached_home():
    """The home page as an anonymous visitor sees it, fetched twice so it is surely cached."""
    Client().get(HOME)
    return Client().get(HOME).content.decode()


def test_featuring_a_product_from_the_admin_shows_it_on_the_cached_home_page(client, booth_staff):
    old = ProductFactory(name_en="Toraja woven sarong")
    ProductFactory.create_batch(8)  # newer: they fill the home page's eight places
    before = _cached_home()
    client.force_login(booth_staff)

    client.post(
        reverse("admin:products_product_changelist"),
        {"action": "feature", "_selected_action": [old.pk]},
    )
    after = Client().get(HOME).content.decode()
    client.post(
        reverse("admin:products_product_changelist"),
        {"action": "unfeature", "_selected_action": [old.pk]},
    )
    unfeatured = Client().get(HOME).content.decode()

    assert "Toraja woven sarong" not in before
    assert "Toraja woven sarong" in after
    assert "Toraja woven sarong" not in unfeatured


def test_featuring_a_business_from_the_admin_shows_it_on_the_cached_home_page(client, booth_staff):
    last = ExhibitorFactory(name="Zahra Tenun Ikat")  # sorts after the six others by name
    ExhibitorFactory.create_batch(6)
    before = _cached_home()
    client.force_login(booth_staff)

    client.post(
        reverse("admin:booths_exhibitor_changelist"),
        {"action": "feature", "_selected_action": [last.pk]},
    )
    after = Client().get(HOME).content.decode()

    assert "Zahra Tenun Ikat" not in before
    assert "Zahra Tenun Ikat" in after
