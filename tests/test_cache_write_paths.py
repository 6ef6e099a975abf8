"""Every write path that changes public content bumps the content version itself.

A second app process (gunicorn, tests/cache_servers.py) serves the same test database
from the same Redis (one of our own, on a free port). Each test warms a public page
there, makes the change here through the service or the admin staff use, and reads the
page from the other process again: it must show the change at once. The first test
shows that the other process really serves from the cache: a write that bumps nothing
stays invisible there.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
import redis
from django.db import connection
from django.test import Client
from django.urls import reverse

from booths.proposals import ProfileProposal
from booths.services import exhibitor_approve, exhibitor_update_profile
from products.models import Product
from products.proposals import ProductProposal, ProposedCertification
from products.services import (
    product_approve,
    product_reject,
    product_set_archived,
    product_submit_changes,
)

from .cache_servers import app_server, redis_server
from .factories import (
    BoothFactory,
    CategoryFactory,
    ExhibitorFactory,
    ExpoFactory,
    ProductFactory,
    ProductImageFactory,
    SubCategoryFactory,
)
from .meeting_data import book, stand

pytestmark = pytest.mark.django_db(transaction=True)

CATALOGUE = "/en/catalogue/"
HOME = "/en/"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="module")
def other(django_db_setup, redis_url):
    """GET from the second app process: (status, HTML)."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    url = f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    with app_server(url, redis_url) as get:
        yield get


@pytest.fixture(autouse=True)
def shared_cache(settings, redis_url):
    """This process uses the same Redis as the other one, emptied for each test."""
    redis.Redis.from_url(redis_url).flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache_backend.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "peer",
        }
    }


def page(other, path) -> str:
    status, html = other(path)
    assert status == 200, path
    return html


def admin_action(client, model: str, action: str, objects) -> None:
    response = client.post(
        reverse(f"admin:{model}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
    )
    assert response.status_code == 302


class _FormValues(HTMLParser):
    """What a browser would post from the admin's change form as it stands."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select].append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def admin_save(client, url: str, **changes) -> None:
    """Open an admin change page, change some fields and save it."""
    parser = _FormValues()
    parser.feed(client.get(url).content.decode())
    data = {**parser.values, **{name: [value] for name, value in changes.items()}}
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(
        r'class="errorlist[^>]*>(.*?)</ul>', response.content.decode()
    )


def test_a_write_that_bumps_nothing_stays_unseen_on_the_other_process(other):
    product = ProductFactory(name_en="Toraja woven sarong")
    assert "Toraja woven sarong" in page(other, CATALOGUE)

    Product.objects.filter(pk=product.pk).update(name_en="Renamed behind the cache's back")

    assert "Toraja woven sarong" in page(other, CATALOGUE)


def test_approving_a_product_in_the_admin_shows_it_on_the_other_process(other, client, booth_staff):
    product = ProductFactory(name_en="Toraja woven sarong", pending=True)
    assert "Toraja woven sarong" not in page(other, CATALOGUE)
    client.force_login(booth_staff)

    admin_action(client, "products_product", "approve", [product])

    assert "Toraja woven sarong" in page(other, CATALOGUE)
    assert "Toraja woven sarong" in page(other, product.get_absolute_url())


def test_rejecting_a_product_on_show_takes_it_off_the_other_process(other, booth_staff):
    product = ProductFactory(name_en="Toraja woven sarong")
    assert "Toraja woven sarong" in page(other, CATALOGUE)
    assert other(product.get_absolute_url())[0] == 200

    product_reject(product=product, reason="The photos show another product.", actor=booth_staff)

    assert "Toraja woven sarong" not in page(other, CATALOGUE)
    assert other(product.get_absolute_url())[0] == 404


def test_archiving_a_product_takes_it_off_the_other_process(other, user):
    product = ProductFactory(name_en="Toraja woven sarong")
    assert other(product.get_absolute_url())[0] == 200

    product_set_archived(product=product, archived=True, actor=user)

    assert other(product.get_absolute_url())[0] == 404
    assert "Toraja woven sarong" not in page(other, CATALOGUE)


def test_featuring_a_product_in_the_admin_shows_it_on_the_other_process(other, client, booth_staff):
    ExpoFactory(current=True)
    old = ProductFactory(name_en="Toraja woven sarong")
    ProductFactory.create_batch(8)  # newer: they fill the home page's eight places
    assert "Toraja woven sarong" not in page(other, HOME)
    client.force_login(booth_staff)

    admin_action(client, "products_product", "feature", [old])

    assert "Toraja woven sarong" in page(other, HOME)


def test_featuring_a_business_in_the_admin_shows_it_on_the_other_process(
    other, client, booth_staff
):
    ExpoFactory(current=True)
    last = ExhibitorFactory(name="Zahra Tenun Ikat")  # sorts after the six others by name
    ExhibitorFactory.create_batch(6)
    assert "Zahra Tenun Ikat" not in page(other, HOME)
    client.force_login(booth_staff)

    admin_action(client, "booths_exhibitor", "feature", [last])

    assert "Zahra Tenun Ikat" in page(other, HOME)


def test_an_approved_profile_change_shows_on_the_other_process(other, user, booth_staff):
    exhibitor = ExhibitorFactory(tagline_en="Woven by hand in Sumba", owners=[user])
    url = exhibitor.get_absolute_url()
    assert "Woven by hand in Sumba" in page(other, url)

    exhibitor_update_profile(
        exhibitor=exhibitor,
        proposal=ProfileProposal(fields={"tagline_en": "Ikat from Sumba, dyed with roots"}),
        changes={},
        actor=user,
    )
    waiting = page(other, url)
    exhibitor_approve(exhibitor=exhibitor, actor=booth_staff)

    assert "Woven by hand in Sumba" in waiting  # buyers see the approved profile meanwhile
    assert "Ikat from Sumba, dyed with roots" in page(other, url)


def test_renaming_a_category_in_the_admin_shows_on_the_other_process(other, client, booth_admin):
    main = CategoryFactory(name_en="Woven cloth")
    ProductFactory(category=SubCategoryFactory(parent=main))
    assert "Woven cloth" in page(other, CATALOGUE)
    client.force_login(booth_admin)

    admin_save(
        client,
        reverse("admin:products_category_change", args=[main.pk]),
        name_en="Textiles and weaving",
    )

    html = page(other, CATALOGUE)
    assert "Textiles and weaving" in html
    assert "Woven cloth" not in html


def test_an_approved_photo_change_shows_on_the_other_process(other, user, booth_staff):
    product = ProductFactory(name_en="Toraja woven sarong")
    ProductImageFactory(product=product, alt_text_en="A sarong folded on a bench")
    url = product.get_absolute_url()
    assert "A sarong folded on a bench" in page(other, url)

    product_submit_changes(product=product, proposal=ProductProposal(photos=[]), actor=user)
    waiting = page(other, url)
    product_approve(product=product, actor=booth_staff)

    assert "A sarong folded on a bench" in waiting
    assert "A sarong folded on a bench" not in page(other, url)


def test_an_approved_certification_shows_on_the_other_process(other, user, booth_staff):
    product = ProductFactory(name_en="Toraja woven sarong")
    url = product.get_absolute_url()
    assert "ID31110000099999" not in page(other, url)

    product_submit_changes(
        product=product,
        proposal=ProductProposal(
            certifications=[ProposedCertification(kind="halal", number="ID31110000099999")]
        ),
        actor=user,
    )
    product_approve(product=product, actor=booth_staff)

    assert "ID31110000099999" in page(other, url)


def test_a_booth_day_added_in_the_admin_shows_on_the_other_process(other, client, booth_admin):
    expo = ExpoFactory(current=True, start_date=datetime.date(2024, 10, 9))
    booth = BoothFactory(expo=expo)
    exhibitor = ExhibitorFactory(name="Zahra Tenun Ikat")
    url = exhibitor.get_absolute_url()
    assert "2024-10-10" not in page(other, url)
    client.force_login(booth_admin)

    admin_save(
        client,
        reverse("admin:booths_booth_change", args=[booth.pk]),
        **{
            "presences-TOTAL_FORMS": "1",
            "presences-0-exhibitor": str(exhibitor.pk),
            "presences-0-day": "2024-10-10",
            "presences-0-booth": str(booth.pk),
        },
    )

    assert 'datetime="2024-10-10"' in page(other, url)


def test_booking_the_last_free_time_shows_on_the_other_process(other, generous_limits):
    place = stand()
    slot = place.slot("10:00")
    url = place.exhibitor.get_absolute_url()
    assert "Book a meeting at the booth" in page(other, url)

    book(place, slot)

    html = page(other, url)
    assert "Book a meeting at the booth" not in html
    assert "All meeting times are taken." in html


def test_the_other_process_keeps_serving_a_fresh_page_to_a_visitor_with_a_list(other):
    product = ProductFactory(name_en="Toraja woven sarong")
    visitor = Client()

    visitor.post(f"/en/inquiry-list/add/{product.slug}/", {"next": "/"})

    assert "Your list has 1 product." in visitor.get(product.get_absolute_url()).content.decode()
    assert "Your list has 1 product." not in page(other, product.get_absolute_url())
