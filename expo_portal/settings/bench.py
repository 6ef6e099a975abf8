"""Benchmarks: production-like (debug off, WhiteNoise, cached templates) on local PostgreSQL."""

from .base import *  # noqa: F403
from .base import env, tune_postgresql

DEBUG = False
SECRET_KEY = "bench-only-secret-key-5d2c9a7e1f3b4c6d8e0a2b4c6d8e0f1a3b5c7d9e"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
DATABASES = {
    "default": tune_postgresql(
        env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/expo_bench")
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = 600
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
