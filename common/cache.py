"""One cache for the public pages: content versions and the fragments that follow them.

README, "Caching", is the reference. In short:

- A *content version* is a random token in the cache. ``CONTENT`` stands for what the
  catalogue pages show (products, photos, certifications, categories, businesses, expos,
  booths, booth days), ``MEETINGS`` for the free times of the "Book a meeting" panels.
- The services that change public content call ``content_changed()`` or
  ``meetings_changed()`` (and the admin's hooks, ``common.admin_helpers.PublicContentAdmin``,
  for what staff edit in place). No model signal does it: a write path that changes
  public content and does not bump is a bug its test shows.
- A *fragment* (``cached_fragment``) is HTML or data that is the same for every visitor,
  stored with the tokens of the versions it depends on and used only while they are
  current; its key is the day in Jakarta, the language, the site address, the release
  (``common.release``) and a name made only of recognised, normalised parameters
  (``canonical_query``). Nothing
  about the visitor goes in: forms, tokens, the inquiry list and messages are rendered
  on every request around the fragments. No HTML is edited after rendering.

The cache may be full, evicting or down (``common.cache_backend``): a version that is
gone is made anew, so the worst case is a page rendered afresh, never a stale one.
"""

import hashlib
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import get_language

from .release import release

CONTENT = "content"
MEETINGS = "meetings"
VERSIONS = (CONTENT, MEETINGS)
FRAGMENT_SECONDS = 600


def _version_key(name: str) -> str:
    return f"version:{name}"


def _bump(names: Iterable[str]) -> None:
    cache.set_many({_version_key(name): uuid.uuid4().hex for name in names}, timeout=None)
    reads = getattr(_current, "reads", None)
    if reads is not None:
        reads.versions = None  # what this request reads from now on follows the new tokens


def changed(*names: str) -> None:
    """What the ``names`` versions stand for has changed: every fragment built under their
    old tokens is stale. Bumped now and again once the transaction commits, so a page
    rendered from the old rows in between carries a token nobody asks for any more."""
    _bump(names)
    transaction.on_commit(lambda: _bump(names))


def content_changed() -> None:
    """A product, photo, certification, category, business, expo, booth or booth day
    that buyers see was written."""
    changed(CONTENT)


def meetings_changed() -> None:
    """A meeting table, slot or meeting was written: the free times may differ."""
    changed(MEETINGS)


def all_pages_changed() -> None:
    """Every fragment is stale, whatever it depends on: after a person's data was erased,
    no cached copy may show it again."""
    changed(*VERSIONS)


_VERSION_KEYS = [_version_key(name) for name in VERSIONS]


def _today() -> str:
    """Part of every key: what a page shows can end with the day (an expired certificate
    stops counting at midnight in Jakarta), so yesterday's copy is never served."""
    return timezone.localdate().isoformat()


class _Reads:
    """What one request has read of the cache: the versions' tokens, the fragments found
    (and those not there), the keys it has named; and in a request, the fragments built,
    written in one round trip when it ends (``writes``)."""

    def __init__(self, writes=None):
        self.versions = None
        self.fragments = {}
        self.keys = {}
        self.today = None
        self.writes = writes


_current = threading.local()


def _request_started(**kwargs):
    _current.reads = _Reads(writes={})


def _request_finished(**kwargs):
    reads = getattr(_current, "reads", None)
    _current.reads = None
    if reads is not None:
        for seconds, entries in reads.writes.items():
            cache.set_many(entries, seconds)


def _write(reads: _Reads, entries: dict, seconds: int) -> None:
    """Store these fragments: when the request ends, all those kept as long in one round
    trip (a page not cached yet builds its counts, its cards and its body), or at once
    outside a request."""
    reads.fragments.update(entries)
    if reads.writes is None:
        cache.set_many(entries, seconds)
    else:
        reads.writes.setdefault(seconds, {}).update(entries)


request_started.connect(_request_started, dispatch_uid="common.cache.request_started")
request_finished.connect(_request_finished, dispatch_uid="common.cache.request_finished")


def _reads(request) -> _Reads:
    """This request's reads, shared by every caller during it (the views, template tags
    and helpers called without the request alike), so the versions are read once. Outside
    a request (commands, jobs), a view called without the handler keeps them on the
    request, and everything else reads afresh."""
    reads = getattr(_current, "reads", None)
    if reads is None:
        if request is None:
            return _Reads()
        reads = request.__dict__.setdefault("_cache_reads", _Reads())
    return reads


def _address(request) -> str:
    """The site's address, for fragments that hold absolute links; read once per request."""
    if request is None:
        return ""
    address = request.__dict__.get("_fragment_address")
    if address is None:
        address = request._fragment_address = f"{request.scheme}://{request.get_host()}"
    return address


def _fragment_key(request, reads: _Reads, name: str) -> str:
    # A page names its fragments twice (read ahead, then used): each key is made once.
    parts = (get_language(), _address(request), name)
    key = reads.keys.get(parts)
    if key is None:
        if reads.today is None:
            reads.today = _today()
        text = "|".join((reads.today, release(), *parts))
        key = reads.keys[parts] = f"fragment:{hashlib.sha256(text.encode()).hexdigest()}"
    return key


def _read(reads: _Reads, keys: list[str]) -> dict:
    """These entries, and the versions if this request has not read them yet: a warm page
    costs one round trip to the cache."""
    current = reads.versions
    if current is not None and not keys:
        return {}
    found = cache.get_many(keys if current is not None else [*_VERSION_KEYS, *keys])
    if current is None:
        current = {}
        for name, key in zip(VERSIONS, _VERSION_KEYS, strict=True):
            token = found.get(key)
            if token is None:
                # Lost (evicted, flushed, down): a new token, so that nothing cached
                # under the lost one is ever served again.
                token = uuid.uuid4().hex
                if not cache.add(key, token, timeout=None):
                    token = cache.get(key) or token
            current[name] = token
        reads.versions = current
    # What is not there is remembered too: a fragment asked for ahead (prefetch_fragments)
    # and then built is not asked for again.
    reads.fragments.update(dict.fromkeys(keys))
    reads.fragments.update(found)
    return found


def versions(request=None) -> dict[str, str]:
    """The current token of every version, read once per request."""
    reads = _reads(request)
    if reads.versions is None:
        _read(reads, [])
    return reads.versions


def prefetch_fragments(request, *names: str, addressless: tuple[str, ...] = ()) -> None:
    """Read these fragments (and the versions) in one round trip, before the page's
    template tags ask for them one by one. ``addressless`` names fragments that hold no
    link, cached without the site's address (``cached_fragment(None, ...)``)."""
    reads = _reads(request)
    _read(
        reads,
        [_fragment_key(request, reads, name) for name in names]
        + [_fragment_key(None, reads, name) for name in addressless],
    )


# Small values many pages need (the category tree, the programmes, the inquiry form's
# fields), kept in the process too, for the tokens they were built under: no round trip
# and no unpickling per request. At most PROCESS_COPIES, then all are dropped at once.
_process_copies: dict[str, tuple[list[str], object]] = {}
PROCESS_COPIES = 256


def process_copy(name: str):
    """What this process last kept of ``name`` (``cached_fragment(None, name, ...,
    in_process=True)``), without reading whether its versions are still current; None if
    it kept nothing. Only to name a page's fragment before the versions are read, in the
    same round trip as the fragment: the page then checks against the current value."""
    copy = _process_copies.get(_fragment_key(None, _reads(None), name))
    return None if copy is None else copy[1]


def cached_fragment(
    request,
    name: str,
    build: Callable[[], object],
    *,
    depends: tuple[str, ...] = (CONTENT,),
    seconds: int = FRAGMENT_SECONDS,
    in_process: bool = False,
):
    """``build()``'s result, cached under ``name`` for the day, the language and the
    address (absolute links), and good while the ``depends`` versions stay as they were.

    ``name`` must be built from recognised, normalised values only (``canonical_query``),
    so the keys of a page are bounded; a new version replaces an entry rather than adding
    one. ``build`` must return the same for every visitor: no form, token or session data.
    None (nothing to show, a 404) is never stored. ``in_process`` keeps a copy in the
    process as well, for a few small values that every page reads."""
    reads = _reads(request)
    key = _fragment_key(request, reads, name)
    if in_process:
        tokens = [versions(request)[version] for version in depends]
        copy = _process_copies.get(key)
        if copy is not None and copy[0] == tokens:
            return copy[1]
    if key not in reads.fragments:
        _read(reads, [key])
    stored = reads.fragments.get(key)
    tokens = [reads.versions[version] for version in depends]
    if stored is not None and stored[0] == tokens:
        value = stored[1]
    else:
        value = build()
        if value is None:
            return None
        _write(reads, {key: (tokens, value)}, seconds)
    if in_process:
        if len(_process_copies) >= PROCESS_COPIES:
            _process_copies.clear()
        _process_copies[key] = (tokens, value)
    return value


def cached_fragments(
    request,
    names: list[str],
    build: Callable[[list[str]], dict[str, object]],
    *,
    depends: tuple[str, ...] = (CONTENT,),
    seconds: int = FRAGMENT_SECONDS,
) -> dict[str, object]:
    """``cached_fragment`` for many names at once: one round trip reads them all, and
    ``build(missing names)`` makes those not found (or stale), stored with whatever else
    the request builds (``_write``)."""
    reads = _reads(request)
    keys = {name: _fragment_key(request, reads, name) for name in names}
    found = _read(reads, [key for key in keys.values() if key not in reads.fragments])
    tokens = [reads.versions[version] for version in depends]
    values, missing = {}, []
    for name, key in keys.items():
        stored = found.get(key, reads.fragments.get(key))
        if stored is not None and stored[0] == tokens:
            values[name] = stored[1]
        else:
            missing.append(name)
    if missing:
        built = build(missing)
        stored = {keys[name]: (tokens, value) for name, value in built.items() if value is not None}
        _write(reads, stored, seconds)
        values.update(built)
    return values


def says_nothing_about(request) -> bool:
    """Whether a page would be the same for this visitor as for anyone: no session (so
    nobody logged in, no inquiry list, no visit from the booth's QR codes) and no
    messages waiting. Reading this touches neither the database nor the session store."""
    return request.session.is_empty() and not len(get_messages(request))


def cached_page(
    request,
    name: str,
    render: Callable[[], HttpResponse],
    *,
    ahead: tuple[str, ...] = (),
    addressless: tuple[str, ...] = (),
) -> HttpResponse:
    """The page ``render()`` makes, itself a fragment (``page:<name>``) for a visitor it
    says nothing about (``says_nothing_about``); anyone else gets ``render()``, made of
    fragments as usual. ``ahead`` and ``addressless`` are the fragments ``render()`` will
    ask for, read in the same round trip as the page (``prefetch_fragments``).

    A page is stored only when it answered 200 without a CSRF token: a page with a form
    to post is rendered for every visitor, whoever asks."""
    whole = f"page:{name}"
    anyone = says_nothing_about(request)
    prefetch_fragments(request, *((whole,) if anyone else ()), *ahead, addressless=addressless)
    if not anyone:
        return render()
    rendered = None

    def build():
        nonlocal rendered
        rendered = render()
        # get_token() marks the request: the page holds a token of this visitor's.
        if rendered.status_code != 200 or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return None
        return rendered.content.decode(rendered.charset)

    html = cached_fragment(request, whole, build)
    if rendered is not None:
        return rendered
    response = HttpResponse(html)
    # As when rendered: the page is for visitors without a session cookie only.
    patch_vary_headers(response, ("Cookie",))
    return response


# What a fragment may be keyed by: a page's recognised query parameters, each with a
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


def cache_status() -> dict:
    """How the cache is, for /healthz: ``up`` or ``down``, and for Redis its memory limit,
    how much of it is used and its eviction policy."""
    status = getattr(cache, "status", None)
    if status is not None:
        return status()
    probe = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, 1, 5)
        up = cache.get(probe) == 1
        cache.delete(probe)
    except Exception:  # noqa: BLE001 - any failure of the store means it is down
        up = False
    return {"cache": "up" if up else "down"}
