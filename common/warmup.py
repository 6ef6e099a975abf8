"""What every app process would otherwise do on its first requests, done once in gunicorn's
master before it starts the workers (``preload_app``, deploy/gunicorn.conf.py), which then
begin with it in memory: every view imported, both languages' translations read and their
tables of URL names made, every template of the portal compiled, the release's digest made
(``common.release``).

Without it each new worker spends its first second or so of CPU on this while buyers wait;
after a restart at the booth's peak, every worker does it at once.
"""

from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import translation
from django.utils.translation import trans_real

from .release import release


def _names(resolver, namespace: str = "") -> None:
    """reverse() once in every namespace, which makes its table of names."""
    name = next((key for key in resolver.reverse_dict if isinstance(key, str)), None)
    if name is not None:
        # A name that takes arguments fails here: its table is made all the same.
        with suppress(NoReverseMatch):
            reverse(namespace + name)
    for inner, (_prefix, nested) in resolver.namespace_dict.items():
        _names(nested, f"{namespace}{inner}:")


def warm_up() -> None:
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
        with translation.override(code):
            # Imports every view; the tables of names for reverse() are made per language.
            _names(resolver)
    root = Path(settings.BASE_DIR)
    for engine in engines.all():
        for folder in map(Path, engine.template_dirs):
            if root not in folder.parents or ".venv" in folder.parts:
                continue  # the portal's own templates, not the libraries'
            for template in folder.rglob("*.html"):
                engine.get_template(str(template.relative_to(folder)))
    release()  # the digest of the portal's files, read once for every worker
    # Nothing opened here may be shared by the workers forked after it.
    connections.close_all()
