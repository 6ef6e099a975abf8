"""Every string the portal shows has its Bahasa Indonesia translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = Path("locale/id/LC_MESSAGES/django.po")
SKIP = shutil.ignore_patterns(
    ".venv", ".git", "var", "test-artifacts", "node_modules", "__pycache__", "*.mo"
)


def _msgids(po_file: Path) -> set[tuple[str, str]]:
    """(context, msgid) of every entry, read with gettext's own msgcat."""
    output = subprocess.run(
        ["msgcat", "--no-wrap", "--sort-output", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entries, context = set(), ""
    for line in output.splitlines():
        if line.startswith("msgctxt "):
            context = line[8:]
        elif line.startswith("msgid ") and line != 'msgid ""':
            entries.add((context, line[6:]))
            context = ""
    return entries


def test_every_message_is_translated():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(ROOT / CATALOGUE)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.slow
def test_catalogue_holds_every_string_in_the_code(tmp_path):
    """makemessages on a copy of the code finds no string the catalogue lacks."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=SKIP)

    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "id",
            "--no-obsolete",
            "--ignore=bench",
            "--ignore=tests",
            "-v0",
        ],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "expo_portal.settings.local"},
    )

    missing = _msgids(copy / CATALOGUE) - _msgids(ROOT / CATALOGUE)
    assert missing == set(), f"Run makemessages and translate: {sorted(missing)[:20]}"
