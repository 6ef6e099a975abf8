"""Rate limits on the lead forms: per address and email and per browser session (the
venue shares one address), plus an abuse cap per address that a busy venue never
reaches; a clear message and HTTP 429, and nothing saved."""

import itertools

import pytest
from axes.helpers import get_client_ip_address
from django.test import Client, RequestFactory
from django.urls import reverse

from buyers.models import ExpressionOfInterest
from common.http import client_ip
from common.ratelimits import form_rate_limited

from . import lead_data
from .factories import ProductFactory

# Each post is a different inquiry (its own message): the same one again within minutes
# is a duplicate, answered before any limit is counted (tests/test_leads_duplicates.py).
_number = itertools.count()


def trade_post(**changes) -> dict:
    return lead_data.trade_post(**{"message": f"Inquiry {next(_number)}", **changes})


def placement_post(**changes) -> dict:
    return lead_data.placement_post(**{"message": f"Request {next(_number)}", **changes})


LIMITED = "You have sent many inquiries in a short time."
VENUE = "203.0.113.10"


@pytest.fixture
def url(db):
    product = ProductFactory(slug="gayo-coffee")
    return f"/en/interest/product/{product.slug}/"


@pytest.fixture
def limits(settings):
    settings.EXPO_LEAD_RATE_PER_EMAIL = "3/h"
    settings.EXPO_LEAD_RATE_PER_ADDRESS = "10/h"
    return settings


@pytest.mark.django_db
def test_rate_limit_per_address_and_email(client, url, limits):
    for _ in range(3):
        assert client.post(url, trade_post()).status_code == 302

    response = client.post(url, trade_post(name="Aiko Tanaka"))

    assert response.status_code == 429
    html = response.content.decode()
    assert LIMITED in html
    # What the buyer typed is kept for when they try again.
    assert 'value="Aiko Tanaka"' in html
    assert ExpressionOfInterest.objects.count() == 3


@pytest.mark.django_db
def test_rate_limit_same_venue_address_other_buyer_not_limited(client, url, limits):
    for _ in range(3):
        client.post(url, trade_post(email="aiko@example.jp"))

    limited = client.post(url, trade_post(email="aiko@example.jp"))
    other_buyer = client.post(url, trade_post(email="kenji@example.jp"))

    assert limited.status_code == 429
    assert other_buyer.status_code == 302


@pytest.mark.django_db
def test_rate_limit_email_case_does_not_escape_limit(client, url, limits):
    for email in ["aiko@example.jp", "AIKO@example.jp", " Aiko@Example.JP "]:
        client.post(url, trade_post(email=email))

    response = client.post(url, trade_post(email="aIkO@example.jp"))

    assert response.status_code == 429


@pytest.mark.django_db
def test_rate_limit_same_email_other_address_not_limited(client, url, limits):
    for _ in range(3):
        client.post(url, trade_post(), REMOTE_ADDR="203.0.113.10")

    elsewhere = client.post(url, trade_post(), REMOTE_ADDR="198.51.100.7")

    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_rate_limit_flood_per_address(client, url, limits):
    for number in range(10):
        assert client.post(url, trade_post(email=f"b{number}@example.com")).status_code == 302

    response = client.post(url, trade_post(email="eleventh@example.com"))

    assert response.status_code == 429
    assert ExpressionOfInterest.objects.count() == 10


@pytest.mark.django_db
def test_rate_limit_forged_forwarded_for_ignored_without_proxy(client, url, limits):
    """With no proxy configured, X-Forwarded-For is the client's own words: ignored."""
    for number in range(3):
        client.post(url, trade_post(), HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    response = client.post(url, trade_post(), HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert response.status_code == 429


@pytest.fixture
def behind_one_proxy(limits):
    """The settings base.py derives from DJANGO_PROXY_COUNT=1."""
    limits.AXES_IPWARE_PROXY_COUNT = 1
    limits.AXES_IPWARE_PROXY_ORDER = "right-most"
    limits.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    return limits


@pytest.mark.parametrize(
    "forwarded_for",
    ["192.0.2.1, 203.0.113.10", "203.0.113.10", "1.1.1.1, 2.2.2.2, 203.0.113.10", ""],
)
def test_client_ip_read_like_axes_reads_it(behind_one_proxy, forwarded_for):
    request = RequestFactory().post("/", HTTP_X_FORWARDED_FOR=forwarded_for)

    # 0.0.0.0: the bucket of posts whose address cannot be read.
    assert client_ip(request) == (get_client_ip_address(request) or "0.0.0.0")  # noqa: S104


@pytest.mark.django_db
def test_rate_limit_behind_proxy_counts_forwarded_client(client, url, behind_one_proxy):
    for _ in range(3):
        client.post(url, trade_post(), HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.10")

    # Another forged left-hand entry does not make the same client someone else.
    same_client = client.post(url, trade_post(), HTTP_X_FORWARDED_FOR="192.0.2.9, 203.0.113.10")
    other_client = client.post(url, trade_post(), HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7")

    assert same_client.status_code == 429
    assert other_client.status_code == 302


@pytest.mark.django_db
def test_rate_limit_counts_invalid_posts(client, url, limits):
    for _ in range(3):
        assert client.post(url, trade_post(quantity="-1")).status_code == 400

    response = client.post(url, trade_post())

    assert response.status_code == 429
    assert ExpressionOfInterest.objects.count() == 0


@pytest.mark.django_db
def test_rate_limit_resent_form_still_shows_confirmation(client, url, limits):
    first = trade_post()
    client.post(url, first)
    for _ in range(2):
        client.post(url, trade_post())

    again = client.post(url, first)

    # Sending an already-sent form again is not a new inquiry: no 429, same confirmation.
    assert again.status_code == 302
    assert ExpressionOfInterest.objects.count() == 3


@pytest.mark.django_db
def test_rate_limit_shared_by_all_lead_forms(client, url, limits):
    for _ in range(3):
        client.post(url, trade_post(email="someone@example.org"))

    response = client.post(
        reverse("buyers:cooperation"), placement_post(email="someone@example.org")
    )

    assert response.status_code == 429
    assert LIMITED in response.content.decode()


@pytest.mark.django_db
def test_rate_limit_message_in_indonesian_page(client, url, limits):
    for _ in range(3):
        client.post(url, trade_post())

    response = client.post(url.replace("/en/", "/id/"), trade_post())

    assert response.status_code == 429
    assert '<html lang="id">' in response.content.decode()


# With the limits as deployed (the defaults in settings): the venue's shared address.


@pytest.mark.django_db
def test_rate_limit_venue_address_takes_2000_buyers_an_hour(client, url):
    factory = RequestFactory()
    for number in range(2000):
        request = factory.post("/", {"email": f"buyer{number}@example.com"}, REMOTE_ADDR=VENUE)
        assert not form_rate_limited(request, scope="buyers:lead"), number

    # Real buyers behind the same address still get through after those 2,000.
    for number in range(3):
        email = f"walk-in{number}@example.com"
        response = client.post(url, trade_post(email=email), REMOTE_ADDR=VENUE)
        assert response.status_code == 302
    assert ExpressionOfInterest.objects.count() == 3


@pytest.mark.django_db
def test_rate_limit_21st_inquiry_from_one_email_refused(client, url):
    for _ in range(20):
        assert client.post(url, trade_post(), REMOTE_ADDR=VENUE).status_code == 302

    response = client.post(url, trade_post(), REMOTE_ADDR=VENUE)

    assert response.status_code == 429
    assert LIMITED in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 20


@pytest.mark.django_db
def test_rate_limit_session_flood_with_many_emails_refused(client, url):
    # A browser with a session (here: a product on its inquiry list).
    client.post(reverse("buyers:inquiry-list-add", args=["gayo-coffee"]))
    for number in range(30):
        response = client.post(url, trade_post(email=f"b{number}@example.com"), REMOTE_ADDR=VENUE)
        assert response.status_code == 302

    response = client.post(url, trade_post(email="thirty-first@example.com"), REMOTE_ADDR=VENUE)
    other_browser = Client().post(url, trade_post(email="kenji@example.jp"), REMOTE_ADDR=VENUE)

    assert response.status_code == 429
    assert other_browser.status_code == 302
    assert ExpressionOfInterest.objects.count() == 31


def test_rate_limit_browser_without_session_counted_by_its_csrf_cookie(db):
    factory = RequestFactory()

    def post(number, cookie="a" * 32):
        request = factory.post("/", {"email": f"b{number}@example.com"}, REMOTE_ADDR=VENUE)
        request.COOKIES["csrftoken"] = cookie
        return form_rate_limited(request, scope="buyers:lead")

    assert not any(post(number) for number in range(30))
    assert post(30)
    assert not post(31, cookie="b" * 32)
