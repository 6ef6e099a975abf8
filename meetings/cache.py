"""A version token for what the "Book a meeting" panels show (free times).

The panels sit on cached public pages (see ``common.cache``). Their own small cache
entry includes the content version and this token, which every write to a table, slot
or meeting replaces, so a panel never offers a time for long after it was taken; times
that simply pass expire with PANEL_SECONDS.
"""

import uuid

from django.core.cache import cache

VERSION_KEY = "meetings:version"
PANEL_SECONDS = 300


def meetings_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def meetings_changed(**kwargs) -> None:
    """Signal receiver: a table, slot or meeting was written."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
