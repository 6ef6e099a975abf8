"""Test settings: PostgreSQL from DATABASE_URL, fast hashing, mail kept in memory."""

from .base import *  # noqa: F403
from .base import BASE_DIR, PRIVATE_STORAGE, env, tune_postgresql

DEBUG = False
SECRET_KEY = "test-only-secret-key-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {
    "default": tune_postgresql(
        env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/expo_portal")
    ),
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# django-ratelimit (E003) refuses locmem because each process has its own copy. A test run
# is one process and every test starts with an empty cache, which is what tests want.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
DEMO_MODE = False
