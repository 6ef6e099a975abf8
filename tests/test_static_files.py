"""The portal serves its own assets: nothing collectstatic gathers loads or names a CDN."""

import re

from django.apps import apps
from django.contrib.staticfiles.finders import get_finders

CDN = re.compile(
    rb"googleapis\.com|cdnjs|jsdelivr|unpkg\.com|cloudflare|bootstrapcdn|code\.jquery\.com"
)


def collected():
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    for finder in get_finders():
        for path, storage in finder.list(ignore):
            with storage.open(path) as handle:
                yield path, handle.read()


def test_no_collected_asset_names_a_cdn():
    files = dict(collected())

    assert "vendor/bootstrap/css/bootstrap.min.css" in files  # the vendored assets are there
    assert [path for path, content in files.items() if CDN.search(content)] == []
