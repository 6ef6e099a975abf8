"""The production settings refuse to start half-configured, and pass Django's deploy checks.

Each case runs in a fresh interpreter with a clean environment: settings are read
once per process, so importing them here would only test this process's environment.
"""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETUP = "import django; django.setup()"
# 86 characters and no "$", which django-environ would read as a reference to another variable.
VALID_KEY = secrets.token_urlsafe(64)
VALID_HOSTS = "expo.bp2mi.example,www.expo.bp2mi.example"
VALID_MAIL = "smtp+tls://portal:secret@smtp.bp2mi.example:587"


def run(args: list[str], cwd: Path = PROJECT_ROOT, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "expo_portal.settings.production",
        **env,
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *args],
        cwd=cwd,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_settings_valid_key_and_hosts_import():
    result = run(
        ["-c", SETUP],
        DJANGO_SECRET_KEY=VALID_KEY,
        DJANGO_ALLOWED_HOSTS=VALID_HOSTS,
        EMAIL_URL=VALID_MAIL,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_settings_production_without_secret_key_refused():
    result = run(["-c", SETUP], DJANGO_ALLOWED_HOSTS=VALID_HOSTS)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_production_short_secret_key_refused():
    result = run(["-c", SETUP], DJANGO_SECRET_KEY="x" * 49, DJANGO_ALLOWED_HOSTS=VALID_HOSTS)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_production_without_allowed_hosts_refused():
    result = run(["-c", SETUP], DJANGO_SECRET_KEY=VALID_KEY)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize("debug", ["true", "True", "1", "yes", "on"])
def test_settings_production_debug_refused(debug):
    result = run(
        ["-c", SETUP],
        DJANGO_SECRET_KEY=VALID_KEY,
        DJANGO_ALLOWED_HOSTS=VALID_HOSTS,
        DJANGO_DEBUG=debug,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG" in result.stderr


@pytest.mark.parametrize(
    "email_url", [None, "consolemail://", "filemail:///tmp/mail", "dummymail://", "memorymail://"]
)
def test_settings_production_without_a_mail_server_refused(email_url):
    """Reset and invitation links would land in the server log or on disk."""
    mail = {"EMAIL_URL": email_url} if email_url else {}
    result = run(
        ["-c", SETUP], DJANGO_SECRET_KEY=VALID_KEY, DJANGO_ALLOWED_HOSTS=VALID_HOSTS, **mail
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "EMAIL_URL" in result.stderr


def test_settings_production_language_cookie_is_secure_and_lax():
    show = "import expo_portal.settings.production as s; "
    show += "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE)"
    result = run(
        ["-c", show],
        DJANGO_SECRET_KEY=VALID_KEY,
        DJANGO_ALLOWED_HOSTS=VALID_HOSTS,
        EMAIL_URL=VALID_MAIL,
    )

    assert result.stdout.strip() == "True Lax", result.stderr


def test_settings_production_passes_check_deploy():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=VALID_KEY,
        DJANGO_ALLOWED_HOSTS=VALID_HOSTS,
        EMAIL_URL=VALID_MAIL,
        # check does not need tables; the test database's server is enough.
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test_expo_portal",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.fixture
def checkout_with_dotenv(tmp_path):
    """A copy of the settings (and what they import) beside a .env that configures them."""
    for package in ("expo_portal", "common"):
        shutil.copytree(
            PROJECT_ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    (tmp_path / ".env").write_text(
        f"DJANGO_SECRET_KEY={VALID_KEY}\nDJANGO_ALLOWED_HOSTS={VALID_HOSTS}\n"
        f"EMAIL_URL={VALID_MAIL}\n"
    )
    return tmp_path


SHOW_HOSTS = "import expo_portal.settings.production as s; print(','.join(s.ALLOWED_HOSTS))"


def test_settings_read_dotenv_when_asked(checkout_with_dotenv):
    result = run(["-c", SHOW_HOSTS], cwd=checkout_with_dotenv, DJANGO_READ_DOT_ENV_FILE="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == VALID_HOSTS


def test_settings_ignore_dotenv_unless_asked(checkout_with_dotenv):
    result = run(["-c", SHOW_HOSTS], cwd=checkout_with_dotenv)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
