"""Whole public pages cached for visitors without state, with their own tokens."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from buyers.models import ExpressionOfInterest
from meetings.cache import meetings_changed

from .factories import ProductFactory
from .lead_data import trade_post

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def product():
    return ProductFactory(slug="gayo-coffee", name_en="Gayo arabica coffee")


def test_cached_page_gives_each_visitor_a_working_csrf_token(product):
    url = product.get_absolute_url()
    Client().get(url)  # renders and stores the page
    visitor = Client(enforce_csrf_checks=True)

    with CaptureQueriesContext(connection) as queries:
        page = visitor.get(url).content.decode()
    response = visitor.post(
        f"/en/interest/product/{product.slug}/",
        trade_post(
            csrfmiddlewaretoken=TOKEN.search(page).group(1),
            idempotency_key=KEY.search(page).group(1),
        ),
    )

    assert len(queries) == 0  # served from the page cache
    assert "csrf-blank" not in page and "key-blank" not in page
    assert response.status_code == 302
    assert ExpressionOfInterest.objects.filter(product=product).count() == 1


def test_cached_page_gives_each_visitor_a_new_form_key(product):
    url = product.get_absolute_url()
    first = Client().get(url).content.decode()
    second = Client().get(url).content.decode()

    assert KEY.search(first).group(1) != KEY.search(second).group(1)


def test_visitor_with_an_inquiry_list_gets_the_page_rendered_for_them(product):
    url = product.get_absolute_url()
    Client().get(url)
    visitor = Client()
    visitor.post(f"/en/inquiry-list/add/{product.slug}/", {"next": url})

    page = visitor.get(url).content.decode()

    assert "Your list has 1 product." in page


def test_meeting_changes_refresh_cached_pages(product):
    url = product.get_absolute_url()
    Client().get(url)
    with CaptureQueriesContext(connection) as warm:
        Client().get(url)

    meetings_changed()
    with CaptureQueriesContext(connection) as after_change:
        Client().get(url)

    assert len(warm) == 0
    assert len(after_change) > 0
