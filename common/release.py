"""The release an app server runs: part of every cached fragment's key (``common.cache``).

A fragment holds what one release rendered: its templates, its translations, the hashed
names of its static files, and for some the objects its code pickled. Without the release
in the key, a new release would serve the old markup until the content next changed, and
during a rolling restart the old and the new servers would read each other's fragments.

``DJANGO_RELEASE`` names the release where the deployment knows it (a version or a commit);
otherwise it is a digest of the portal's own files that shape what it renders, the same on
every server that runs the same code, whatever the files' dates. Sessions, rate limits and
the content versions are not fragments: a new release keeps them.
"""

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

# What shapes a page: code, templates, translations (their sources: the compiled files are
# made from them), static files and the pinned requirements.
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".po", ".css", ".js", ".svg", ".json", ".woff2")
# Top-level folders that render nothing a visitor sees, or hold what the portal writes.
NOT_SOURCES = frozenset({"tests", "bench", "deploy", "var", "node_modules", "test-artifacts"})


def release() -> str:
    return settings.RELEASE or _own_digest()


@functools.cache
def _own_digest() -> str:
    root = Path(settings.BASE_DIR)
    written = (settings.STATIC_ROOT, settings.MEDIA_ROOT, settings.EXPO_PRIVATE_MEDIA_ROOT)
    return source_digest(root, skip=[Path(folder) for folder in written])


def source_digest(root: Path, skip: Iterable[Path] = ()) -> str:
    """A digest of the names and contents of the source files under ``root``, outside
    ``NOT_SOURCES``, hidden folders and ``skip``."""
    skipped = {folder.resolve() for folder in skip}
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith((".", "__"))
            and not (here == root and name in NOT_SOURCES)
            and (here / name).resolve() not in skipped
        )
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                path = here / name
                digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()[:16]
