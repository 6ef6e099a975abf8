"""The release in every cached fragment's key (common.release): a new release never
serves what the old one rendered, and every server running the same code agrees on it."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from common.release import release, source_digest
from products.printed import cache_key

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def queries_for(url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(url).status_code == 200
    return len(queries)


def test_a_new_release_renders_the_pages_afresh_and_the_old_one_keeps_its_own(settings):
    product = ProductFactory(name_en="Gayo arabica coffee")
    pages = ["/en/", "/en/catalogue/?q=coffee", product.get_absolute_url()]
    settings.RELEASE = "2026.12.1"
    for url in pages:
        queries_for(url)  # rendered and stored

    warm = [queries_for(url) for url in pages]
    settings.RELEASE = "2026.12.2"
    new_release = [queries_for(url) for url in pages]
    settings.RELEASE = "2026.12.1"
    old_release = [queries_for(url) for url in pages]

    assert warm == [0, 0, 0]
    assert all(count > 0 for count in new_release)
    assert old_release == [0, 0, 0]  # a server not restarted yet still finds its own


def test_the_printed_catalogue_of_another_release_is_another_file(settings):
    settings.RELEASE = "2026.12.1"
    first = cache_key(None, "https://expo.example")
    settings.RELEASE = "2026.12.2"

    assert cache_key(None, "https://expo.example") != first


def test_healthz_names_the_release(settings, client):
    settings.RELEASE = "2026.12.1"

    assert client.get("/healthz").json()["release"] == "2026.12.1"


def test_without_a_name_the_release_is_a_digest_of_the_portals_files(settings):
    settings.RELEASE = ""

    assert release() == source_digest(
        Path(settings.BASE_DIR),
        skip=[
            Path(settings.STATIC_ROOT),
            Path(settings.MEDIA_ROOT),
            Path(settings.EXPO_PRIVATE_MEDIA_ROOT),
        ],
    )
    assert len(release()) == 16


@pytest.fixture
def tree(tmp_path):
    """A copy of a few of the portal's own files."""
    root = Path(settings.BASE_DIR)
    for name in ("templates/base.html", "products/views.py", "static/css/portal.css"):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / name, target)
    return tmp_path


def test_the_digest_follows_what_renders_pages_not_when_files_were_written(tree):
    before = source_digest(tree)
    (tree / "templates" / "base.html").touch()  # a new checkout: new dates, same files
    shutil.copytree(tree, tree.parent / "other-server")

    assert source_digest(tree) == before
    assert source_digest(tree.parent / "other-server") == before
    for name in ("templates/base.html", "products/views.py", "static/css/portal.css"):
        changed = tree.parent / f"changed-{name.replace('/', '-')}"
        shutil.copytree(tree, changed)
        with (changed / name).open("a") as file:
            file.write("\n")
        assert source_digest(changed) != before, name


def test_the_digest_leaves_out_tests_notes_and_what_the_portal_writes(tree):
    before = source_digest(tree)
    for name in (
        "tests/test_new.py",
        "var/media/photo.css",
        "var/static/css/portal.3f2a.css",
        "collected/css/portal.css",
        "products/__pycache__/views.py",
        ".git/HEAD.txt",
        "README.md",
        "locale/id/LC_MESSAGES/django.mo",
    ):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("x")

    assert source_digest(tree, skip=[tree / "collected"]) == before
    (tree / "locale/id/LC_MESSAGES/django.po").write_text('msgid "Home"\nmsgstr "Beranda"\n')
    assert source_digest(tree, skip=[tree / "collected"]) != before
