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
import uuid
from collections.abc import Callable

from django.core.cache import cache
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


def cached_fragment(request, name: str, build: Callable[[], object]):
    """``build()``'s result for this page, language and content version, from cache if there."""
    raw = f"{content_version(request)}|{get_language()}|{request.get_host()}|{name}"
    key = f"fragment:{hashlib.sha256(raw.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAGMENT_SECONDS)
    return value
