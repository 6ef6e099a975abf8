"""Local demo: runs with no environment at all, on SQLite, with debug on."""

from .base import *  # noqa: F403
from .base import BASE_DIR, POST_OFFICE, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="local-demo-only-not-secret-7b1f0c9e4d2a48b5a3c6e8f1d0b9a7c5e3f1",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_MODE = True
# The demo prints mail to the console as soon as a lead is committed, with no cron to run.
POST_OFFICE = {**POST_OFFICE, "DEFAULT_PRIORITY": env("EXPO_MAIL_PRIORITY", default="now")}
# Accounts that load_demo creates, shown on the home page in demo mode only.
DEMO_LOGINS = [
    {"role": "staff", "username": "staff", "password": "Booth-staff-2024"},
    {"role": "owner", "username": "sari", "password": "Sari-owner-2024"},
    {"role": "owner", "username": "budi", "password": "Budi-owner-2024"},
]

# The SQLite file, cache and uploads of the demo live in var/ (git-ignored).
(BASE_DIR / "var").mkdir(exist_ok=True)
