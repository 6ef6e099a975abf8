"""The client address used by login lockout and form rate limits cannot be forged."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from common.http import client_ip

rf = RequestFactory()


@pytest.fixture
def behind_one_proxy(settings):
    # What DJANGO_PROXY_COUNT=1 sets in expo_portal/settings/base.py.
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_PROXY_ORDER = "left-most"
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.IPWARE_STRICT = False


def test_without_proxies_forwarded_for_is_ignored():
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert client_ip(request) == "198.51.100.7"
    assert get_client_ip_address(request) == "198.51.100.7"


@pytest.mark.parametrize(
    "forwarded_for",
    ["203.0.113.9", "1.2.3.4, 203.0.113.9", "evil, 203.0.113.9"],
    ids=["plain", "client-written-entry", "garbage-entry"],
)
def test_behind_a_proxy_the_entry_it_wrote_counts(behind_one_proxy, forwarded_for):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip(request) == "203.0.113.9"
    assert get_client_ip_address(request) == "203.0.113.9"
