"""Rendered public pages, cached until the content they show changes.

One version token stands for everything the public pages show. Cached page
fragments include it in their keys, and any change to a product, photo,
certification, category, business, expo or booth replaces it (see the signal
receivers wired in ``products.apps``), so the next request renders afresh:
nothing stale is ever shown after an approval, whichever app server handled it
(several servers share the token through Redis).

Fragments hold nothing specific to a visitor: no CSRF tokens, no session data.
Forms are rendered outside them, on every request.
"""

import hashlib
import re
import uuid
from collections.abc import Callable, Mapping
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language

VERSION_KEY = "content:version"
FRAGMENT_SECONDS = 600


def content_version(request=None) -> str:
    """The current version token; asked of the cache once per request at most."""
    version = getattr(request, "_content_version", None)
    if version is None:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
        if request is not None:
            request._content_version = version
    return version


def content_changed(**kwargs) -> None:
    """Signal receiver and plain function: what public pages show has changed."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _today() -> str:
    """Part of every key: what a page shows can end with the day (an expired
    certificate stops counting at midnight in Jakarta), so yesterday's copy is never served."""
    return timezone.localdate().isoformat()


def cached_fragment(request, name: str, build: Callable[[], object]):
    """``build()``'s result for this page, language, day and content version, cached."""
    raw = f"{content_version(request)}|{_today()}|{get_language()}|{request.get_host()}|{name}"
    key = f"fragment:{hashlib.sha256(raw.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAGMENT_SECONDS)
    return value


# Whole public pages, for visitors who carry no state (no session, no messages):
# buyers browsing the catalogue. Their pages differ only in the CSRF token and the
# forms' idempotency keys, which are blanked before storing and filled in again for
# each visitor. Apps whose data also shows on public pages register their own
# version token (meetings: free times), which becomes part of the key.
PAGE_SECONDS = 300
_page_versions = [VERSION_KEY]
_CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_KEY_VALUE = re.compile(r'(name="idempotency_key" value=")[^"]*(")')
_CSRF_BLANK = r"\1csrf-blank\2"
_KEY_BLANK = r"\1key-blank\2"


def page_depends_on(version_key: str) -> None:
    """Public pages show data kept current by this version token too."""
    if version_key not in _page_versions:
        _page_versions.append(version_key)


def all_pages_changed() -> None:
    """Every cached page and fragment is stale, whatever token it follows: after a
    person's data was erased, no cached copy may show it again."""
    cache.set_many({name: uuid.uuid4().hex for name in _page_versions}, timeout=None)


def _visitor_has_state(request) -> bool:
    return any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, "messages"))


def _fill(html: str, request) -> str:
    html = html.replace('value="csrf-blank"', f'value="{get_token(request)}"')
    # Every form gets its own key, as a fresh render would give it.
    return re.sub('value="key-blank"', lambda _match: f'value="{uuid.uuid4()}"', html)


# What a cached page may be keyed by: its recognised query parameters, each with a
# function giving the value's canonical form ("" for the default, which is dropped), or
# None when the value is not one worth a cache entry. Anything else in the query string
# (an unknown or repeated parameter, a value its function refuses) gets the page rendered
# as usual but never stored, so random parameters cannot fill the cache.
Cleaners = Mapping[str, Callable[[str], str | None]]
MAX_PAGE = 10_000


def page_number(value: str) -> str:
    """A page of a list, as ``Paginator.get_page`` reads it: "" for the first page (and
    for anything not a number), at most MAX_PAGE (beyond the last page is the last page)."""
    digits = value.strip()
    if not digits.isascii() or not digits.isdigit():
        return ""
    digits = digits.lstrip("0")
    number = MAX_PAGE if len(digits) > len(str(MAX_PAGE)) else min(int(digits or 0), MAX_PAGE)
    return "" if number <= 1 else str(number)


def canonical_query(query, cleaners: Cleaners) -> str | None:
    """The query string in its canonical form (recognised names, sorted, empty values
    dropped, values canonical), or None when the page must not be stored under it."""
    parts = []
    for name, values in query.lists():
        clean = cleaners.get(name)
        if clean is None or len(values) != 1:
            return None
        value = values[0].strip()
        if not value:
            continue
        value = clean(value)
        if value is None:
            return None
        if value:
            parts.append((name, value))
    return urlencode(sorted(parts))


def cache_public_page(view=None, *, params: Cleaners | None = None):
    """Serve a whole public page from the cache to visitors without state.

    Logged-in users, visitors with an inquiry list and anyone with a message waiting
    get the page rendered for them (from the fragment cache where possible), and so
    does any request whose query string holds more than the recognised ``params``
    (see ``canonical_query``): such a page is served, never stored.
    """
    if view is None:
        return lambda view: cache_public_page(view, params=params)
    cleaners = params or {}

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _visitor_has_state(request):
            return view(request, *args, **kwargs)
        query = canonical_query(request.GET, cleaners)
        if query is None:
            return view(request, *args, **kwargs)
        versions = cache.get_many(_page_versions)
        for name in set(_page_versions) - set(versions):
            cache.add(name, uuid.uuid4().hex, timeout=None)
            versions[name] = cache.get(name)
        raw = "|".join(
            [*(versions[name] for name in _page_versions), _today(), request.get_host()]
            + [f"{request.path}?{query}"]
        )
        key = f"page:{hashlib.sha256(raw.encode()).hexdigest()}"
        stored = cache.get(key)
        if stored is not None:
            return HttpResponse(_fill(stored, request))
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            html = response.content.decode(response.charset)
            html = _KEY_VALUE.sub(_KEY_BLANK, _CSRF_VALUE.sub(_CSRF_BLANK, html))
            cache.set(key, html, PAGE_SECONDS)
        return response

    return wrapped
