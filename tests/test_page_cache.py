"""Public pages from cached fragments: forms and tokens rendered for each visitor, never
stored; a warm page costs no query."""

import pickle
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from buyers.models import ExpressionOfInterest
from common.cache import cached_page, meetings_changed

from .factories import ProductFactory
from .lead_data import trade_post

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')
SWITCH_NEXT = re.compile(r'name="next" value="([^"]+)"')


@pytest.fixture
def product():
    return ProductFactory(slug="gayo-coffee", name_en="Gayo arabica coffee")


def stored_text() -> str:
    """Everything the test cache (Django's LocMemCache) holds, as text."""
    return " ".join(str(pickle.loads(value)) for value in cache._cache.values())  # noqa: S301


def test_warm_page_gives_each_visitor_a_working_csrf_token(product):
    url = product.get_absolute_url()
    Client().get(url)  # renders and stores the fragments
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

    assert len(queries) == 0  # every fragment from the cache
    assert response.status_code == 302
    assert ExpressionOfInterest.objects.filter(product=product).count() == 1


def test_no_token_or_form_key_is_ever_stored(product):
    client = Client()
    pages = [client.get(url).content.decode() for url in ("/en/", product.get_absolute_url())]

    secrets = [*TOKEN.findall(pages[1]), *KEY.findall(pages[1]), client.cookies["csrftoken"].value]
    text = stored_text()

    assert len(secrets) >= 3
    assert [secret for secret in secrets if secret in text] == []
    assert "Gayo arabica coffee" in text  # the fragments are there


def test_each_visitor_gets_a_new_form_key(product):
    url = product.get_absolute_url()
    first = Client().get(url).content.decode()
    second = Client().get(url).content.decode()

    assert KEY.search(first).group(1) != KEY.search(second).group(1)


def test_visitor_with_an_inquiry_list_sees_it_on_a_warm_page(product):
    url = product.get_absolute_url()
    Client().get(url)
    visitor = Client()
    visitor.post(f"/en/inquiry-list/add/{product.slug}/", {"next": url})

    with CaptureQueriesContext(connection) as queries:
        page = visitor.get(url).content.decode()

    assert "Your list has 1 product." in page
    assert "On your inquiry list" in page
    assert len(queries) == 0  # the session too comes from the cache


def test_unknown_parameters_get_the_cached_page(product):
    Client().get("/en/catalogue/")

    with CaptureQueriesContext(connection) as queries:
        page = Client().get("/en/catalogue/?utm_source=newsletter&fbclid=x").content.decode()

    assert len(queries) == 0
    assert "Gayo arabica coffee" in page


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("/en/catalogue/?q=coffee&utm_source=mail", "/en/catalogue/?q=coffee"),
        ("/en/catalogue/?sort=newest&q=coffee&page=1", "/en/catalogue/?q=coffee&amp;sort=newest"),
        ("/en/?fbclid=x", "/en/"),
        ("/en/exhibitors/?page=1&ref=mail", "/en/exhibitors/"),
    ],
)
def test_a_page_that_says_nothing_about_its_visitor_comes_whole_from_the_cache(
    product, url, address
):
    Client().get(url)  # stored, under the page's recognised parameters only

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)

    assert response.templates == []  # nothing rendered
    assert len(queries) == 0
    assert "Cookie" in response["Vary"]
    assert response.cookies == {}
    # The language switch goes back to the page's own address, not to what someone typed.
    assert SWITCH_NEXT.search(response.text).group(1) == address


def message_cookie(text: str) -> str:
    """A messages cookie holding ``text``, as a redirect after a post leaves it."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    return response.cookies[storage.cookie_name].value


def test_visitors_the_page_knows_get_it_rendered_for_them(product, user):
    url = "/en/catalogue/?q=coffee"
    Client().get(url)
    with_list = Client()
    with_list.post(f"/en/inquiry-list/add/{product.slug}/", {"next": url})
    with_message = Client()
    with_message.cookies[CookieStorage.cookie_name] = message_cookie("Your lead is sent.")
    owner = Client()
    owner.force_login(user)

    list_page = with_list.get(url)
    message_page = with_message.get(url).text
    owner_page = owner.get(url).text

    assert "Inquiry list" in list_page.text and list_page.templates != []
    assert "Your lead is sent." in message_page
    assert "My business" in owner_page and "Log out" in owner_page
    # ...and none of it reached the page stored for anyone.
    anyone = Client().get(url).text
    assert [
        text for text in ("Inquiry list", "Your lead is sent.", "My business") if text in anyone
    ] == []


def test_a_page_holding_a_token_is_never_stored_whole():
    form = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
    pages = []
    for _ in range(2):
        request = RequestFactory().get("/en/form/")
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        page = cached_page(request, "form", lambda r=request: HttpResponse(form.render({}, r)))
        pages.append(page.content.decode())

    tokens = [TOKEN.search(page).group(1) for page in pages]
    assert tokens[0] != tokens[1]  # each visitor's own, rendered for them
    assert [token for token in tokens if token in stored_text()] == []


def test_meeting_changes_refresh_the_panels(product):
    url = product.get_absolute_url()
    Client().get(url)
    with CaptureQueriesContext(connection) as warm:
        Client().get(url)

    meetings_changed()
    with CaptureQueriesContext(connection) as after_change:
        Client().get(url)

    assert len(warm) == 0
    assert len(after_change) > 0


@pytest.fixture
def cache_calls(monkeypatch):
    """The names of the cache's methods the portal calls, each one round trip to Redis
    (the test cache's ``get_many`` calls its own ``get``: those are not counted)."""
    calls = []
    inside = []
    for name in ("get", "get_many", "set", "set_many", "add", "delete"):
        method = getattr(cache, name)

        def counted(*args, _method=method, _name=name, **kwargs):
            if not inside:
                calls.append(_name)
            inside.append(_name)
            try:
                return _method(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, counted)
    return calls


def test_catalogue_page_costs_three_round_trips_to_the_cache_cold_one_warm(
    client, product, cache_calls
):
    """Cold: the page with its search's counts (and the versions), the cards, then one
    write of all that was built. Warm: the page, and the versions, in one read."""
    category = product.category.slug
    client.get("/en/catalogue/", {"q": "coffee", "category": category})  # the lists read once

    for sort in ("price_asc", "newest"):
        cache_calls.clear()
        client.get("/en/catalogue/", {"q": "coffee", "category": category, "sort": sort})
        assert cache_calls == ["get_many", "get_many", "set_many"], (sort, cache_calls)
        cache_calls.clear()
        response = client.get("/en/catalogue/", {"q": "coffee", "category": category, "sort": sort})
        assert cache_calls == ["get_many"], sort
        assert "Gayo arabica coffee" in response.text
