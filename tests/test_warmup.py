"""The warm-up gunicorn's master runs before it starts the workers (common/warmup.py)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.template import engines

from common.warmup import warm_up


@pytest.mark.django_db(transaction=True)
def test_warm_up_compiles_every_portal_template_and_leaves_no_connection_open():
    connection.ensure_connection()

    warm_up()

    # Workers forked after it must not share the master's database connection.
    assert connection.connection is None
    loader = engines["django"].engine.template_loaders[0]
    compiled = set(loader.get_template_cache)
    templates = Path(settings.BASE_DIR) / "templates"
    ours = {str(path.relative_to(templates)) for path in templates.rglob("*.html")}
    assert len(ours) > 100
    assert ours <= compiled
