"""The portal keeps serving when Redis is full, evicting or down, against a real
redis-server of our own (tests/cache_servers.py), never the shared one.

What each use of the cache does then: pages render afresh (slower, never stale);
sessions are read from the database; lead forms let posts through (fail open: a buyer at
the stand is never turned away, and a double submit still makes one lead); password
resets send nothing and say so (fail closed: no inbox can be flooded while nothing
counts); the login lockout (django-axes) keeps its counts in the database and is
unaffected. /healthz answers 200 with the cache's state: without Redis the portal still
serves.
"""

import time

import pytest
import redis
from django.core import mail
from django.core.cache import cache
from django.test import Client
from post_office.models import Email

from buyers.models import ExpressionOfInterest
from common.cache import content_changed
from common.release import release
from products.models import Product

from .cache_servers import redis_server, stop
from .factories import ExpoFactory, ProductFactory
from .lead_data import trade_post

pytestmark = pytest.mark.django_db


def use(settings, url):
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache_backend.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "outage",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def fill(url) -> None:
    """Write junk until Redis refuses writes (maxmemory with noeviction), then lower its
    limit well below what it holds, so that no delete brings it under again."""
    client = redis.Redis.from_url(url)
    for number in range(1000):
        try:
            client.set(f"junk:{number}", b"x" * 100_000)
        except redis.exceptions.ResponseError:
            client.config_set("maxmemory", "2mb")  # our own server, never the shared one
            return
    raise AssertionError("Redis never became full")


@pytest.fixture
def product():
    ExpoFactory(current=True)
    return ProductFactory(name_en="Toraja woven sarong", slug="toraja-sarong")


def pages_work(product) -> None:
    visitor = Client()
    shows = {
        "/en/": product.name,
        "/en/catalogue/": product.name,
        product.get_absolute_url(): product.name,
        "/en/exhibitors/": product.exhibitor.name,
        product.exhibitor.get_absolute_url(): product.exhibitor.name,
    }
    for url, text in shows.items():
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def lead_and_list_work(product, user) -> None:
    visitor = Client()
    visitor.post(f"/en/inquiry-list/add/{product.slug}/", {"next": "/"})
    page = visitor.get(product.get_absolute_url()).content.decode()
    response = visitor.post(f"/en/interest/product/{product.slug}/", trade_post())
    reset = Client().post("/en/portal/password/reset/", {"email": user.email})

    assert "Your list has 1 product." in page  # the session, from the database
    assert response.status_code == 302
    assert ExpressionOfInterest.objects.filter(product=product).count() == 1
    assert reset.status_code == 503
    assert "cannot be sent at the moment" in reset.content.decode()
    assert (mail.outbox, Email.objects.filter(to=[user.email]).count()) == ([], 0)


def test_portal_serves_while_redis_is_full(settings, tmp_path, product, user):
    with redis_server(tmp_path, maxmemory="4mb", policy="noeviction") as url:
        use(settings, url)
        fill(url)

        pages_work(product)
        lead_and_list_work(product, user)
        health = Client().get("/healthz").json()
        Product.objects.filter(pk=product.pk).update(name_en="Toraja ikat sarong")
        content_changed()  # refused by the full Redis: no page may stay stale all the same
        renamed = Client().get(product.get_absolute_url()).content.decode()

    assert health["cache"] == "up"
    assert health["cache_eviction_policy"] == "noeviction"
    assert health["cache_memory_used_percent"] >= 90
    assert "Toraja ikat sarong" in renamed


def test_portal_serves_fresh_pages_while_redis_evicts(settings, tmp_path, product):
    with redis_server(tmp_path, maxmemory="4mb", policy="allkeys-lru") as url:
        use(settings, url)
        pages_work(product)
        fill_evicting = redis.Redis.from_url(url)
        for number in range(200):  # pushes everything of ours out, version tokens too
            fill_evicting.set(f"junk:{number}", b"x" * 100_000)

        pages_work(product)
        Product.objects.filter(pk=product.pk).update(name_en="Toraja ikat sarong")
        content_changed()
        renamed = Client().get(product.get_absolute_url()).content.decode()
        health = Client().get("/healthz").json()

    assert "Toraja ikat sarong" in renamed
    assert health["cache_eviction_policy"] == "allkeys-lru"


def test_portal_serves_while_redis_is_down(settings, tmp_path, product, user):
    with redis_server(tmp_path) as url:
        use(settings, url)
        pages_work(product)  # warm
        stop(url)

        start = time.monotonic()
        pages_work(product)
        lead_and_list_work(product, user)
        elapsed = time.monotonic() - start
        health = Client().get("/healthz")

    assert health.status_code == 200
    assert health.json() == {
        "status": "ok",
        "database": "up",
        "cache": "down",
        "release": release(),
    }
    assert elapsed < 10  # one short timeout at most, then Redis is left alone for a while
    assert cache.get("anything", "default") == "default"
