"""Settings of the second app process in the cache tests (tests/cache_servers.py): the
test settings, with the cache in the Redis the test started, as deployed."""

from expo_portal.settings.test import *  # noqa: F403
from expo_portal.settings.test import env

CACHES = {
    "default": {
        "BACKEND": "common.cache_backend.ResilientRedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": "peer",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}
