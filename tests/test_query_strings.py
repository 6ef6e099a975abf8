"""No query string makes a page fail: every named URL of the site (those of the permission
matrix), anonymous and as a superuser who also owns owner A's business, with bad values in
the query parameters the views read.

- A NUL byte, bytes that are not UTF-8, or an absurdly long query string: 400, with the
  plain, translated page of common.middleware.QueryStringGuardMiddleware.
- Values of the wrong type (words for numbers, dates that do not exist, numbers beyond any
  column, a long value under the limit), given to every parameter at once: anything but
  a 5xx; the views read their parameters through forms or ignore what they cannot use.

One request per URL, role and value keeps the walk at a few seconds.
"""

import re
import runpy
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import translation
from django.utils.http import urlencode

from common.admin_helpers import MAX_CARDS_FROM_ADMIN

from .test_permission_matrix import MATRIX
from .url_walk import named_urls, world_url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]

# What the views read (grep request.GET), and the catalogue's filters.
NAMES = (
    "page", "q", "sort", "product", "expo", "day", "business", "cert", "next", "category",
    "province", "country", "exhibitor", "show", "do", "all", "tables", "src", "start", "end",
    "price_from", "price_to", "moq_max", "currency", "export_ready",
)  # fmt: skip

UNREADABLE = {
    "NUL": "%00",
    "not UTF-8": "%FF%FE",
    "overlong": "9" * 9000,
}
WRONG_TYPE = {
    "a word": "abc",
    "negative": "-1",
    "beyond bigint": "9" * 25,
    "no such date": "2024-02-30",
    "long, under the limit": "9" * 300,
}


def _urls(world):
    """(name, address) of every named URL of ours: those of the permission matrix (which
    fails on a URL it does not list), so Django's own admin views are left out."""
    listed = {name for name, _method in MATRIX}
    for name in sorted(set(named_urls(get_resolver())) & listed):
        yield name, world_url(world, name)


def _clients(world):
    superuser = world["accounts"]["superuser"]
    world["exhibitor"].owners.add(superuser)
    # A failing view answers 500 here instead of raising, so every failure is listed.
    logged_in = Client(raise_request_exception=False)
    logged_in.force_login(superuser)
    return {"anonymous": Client(raise_request_exception=False), "superuser": logged_in}


def _get(client, url, query):
    cache.clear()
    return client.get(url + ("&" if "?" in url else "?") + query)


def test_unreadable_query_strings_answer_400_on_every_url(world):
    clients = _clients(world)
    answers = {}
    for name, url in _urls(world):
        for role, client in clients.items():
            for kind, value in UNREADABLE.items():
                # Raw in the query string: the percent-escapes are the bytes sent.
                query = (
                    "&".join(f"{key}={value}" for key in NAMES)
                    if kind != "overlong"
                    else f"q={value}"
                )
                response = _get(client, url, query)
                if response.status_code != 400:
                    answers[name, role, kind] = response.status_code

    assert {key: status for key, status in answers.items() if status >= 500} == {}
    assert answers == {}


def test_unreadable_query_string_page_is_plain_and_translated(client):
    english = client.get("/en/?q=%00")
    indonesian = client.get("/id/?q=%FF")

    assert (english.status_code, indonesian.status_code) == (400, 400)
    assert "This address is not valid" in english.text
    assert "Alamat ini tidak valid" in indonesian.text


def test_wrong_type_query_values_never_fail_a_page(world):
    clients = _clients(world)
    failures = {}
    for name, url in _urls(world):
        for role, client in clients.items():
            for kind, value in WRONG_TYPE.items():
                response = _get(client, url, urlencode(dict.fromkeys(NAMES, value)))
                if response.status_code >= 500:
                    failures[name, role, kind] = response.status_code

    assert failures == {}


def _limit_request_line(text: str) -> int:
    """The ``--limit-request-line`` of the gunicorn command in ``text`` (0 if none)."""
    match = re.search(r"--limit-request-line[\s\"',]+(\d+)", text)
    return int(match.group(1)) if match else 0


def test_documented_gunicorn_takes_the_longest_link_the_portal_makes():
    with translation.override("id"):
        # The admin's "Print QR cards" for the most cards it allows, with long ids.
        query = urlencode([("exhibitor", 10**9 + n) for n in range(MAX_CARDS_FROM_ADMIN)])
        longest = f"GET {reverse('backoffice:cards')}?{query} HTTP/1.1"
    readme = (ROOT / "README.md").read_text()
    [command] = [line for line in readme.splitlines() if line.startswith(".venv/bin/gunicorn")]
    deployed = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    bench = (ROOT / "bench" / "run.py").read_text()

    # gunicorn refuses request lines over 4,094 bytes unless told otherwise, and takes
    # at most 8,190. The README's command runs with the deployment's settings file.
    assert len(longest) > 4094
    assert command.startswith(".venv/bin/gunicorn -c deploy/gunicorn.conf.py")
    assert deployed["limit_request_line"] == 8190
    assert _limit_request_line(bench) == 8190
