"""What every app process would otherwise do on its first requests, done once in gunicorn's
master before it starts the workers (``preload_app``, deploy/gunicorn.conf.py), which then
begin with it in memory: every view imported, both languages' translations read, every
template of the portal compiled.

Without it each new worker spends its first second or so of CPU on this while buyers wait;
after a restart at the booth's peak, every worker does it at once.
"""

from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.urls import get_resolver
from django.utils.translation import trans_real


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018 - imports every view and URL module
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
    root = Path(settings.BASE_DIR)
    for engine in engines.all():
        for folder in map(Path, engine.template_dirs):
            if root not in folder.parents or ".venv" in folder.parts:
                continue  # the portal's own templates, not the libraries'
            for template in folder.rglob("*.html"):
                engine.get_template(str(template.relative_to(folder)))
    # Nothing opened here may be shared by the workers forked after it.
    connections.close_all()
