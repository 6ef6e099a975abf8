"""Django's RedisCache that never takes the portal down with it.

Every public page, the sessions (``cached_db``) and the form rate limits read the cache.
When Redis is down, times out or refuses a write because it is full (``maxmemory`` with
``noeviction``), each operation here answers as a miss instead of raising: a read gives
the default, a write or ``add`` gives False, ``incr`` raises ValueError (the key is "not
there": django-ratelimit then applies its fail-open or fail-closed rule, see
``common.ratelimits``). Pages are then rendered afresh on every request (slower, never
stale), sessions are read from the database.

After a connection failure the process leaves Redis alone for ``RETRY_SECONDS``, so a
dead server costs one short timeout every few seconds, not one per cache call. A full
Redis is not a dead one: reads go on, only the refused write is skipped.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5


class _ReusedClient(RedisCacheClient):
    """Django makes a new redis-py client object for every cache call, which costs more
    than the call itself on a warm page (a few calls a page); one per server is enough
    (clients are thread-safe, connections come from the pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
        self._down_until = 0.0

    def _attempt(self, operation, default, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return operation(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._down_until = time.monotonic() + RETRY_SECONDS
            logger.warning(
                "Cache unreachable, serving without it for %ss: %s", RETRY_SECONDS, error
            )
        except RedisError as error:  # e.g. OOM: a write refused by a full Redis
            logger.warning("Cache refused an operation: %s", error)
        return default

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        value = self._attempt(super().incr, None, key, delta, version)
        if value is None:
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._attempt(super().delete_many, None, keys, version)

    def clear(self):
        return self._attempt(super().clear, False)

    def status(self) -> dict:
        """For /healthz: asks Redis itself (past any pause after a failure)."""
        try:
            client = self._cache.get_client(write=True)
            memory = client.info("memory")
        except RedisError:
            return {"cache": "down"}
        self._down_until = 0.0
        limit = memory.get("maxmemory", 0)
        used = memory.get("used_memory", 0)
        return {
            "cache": "up",
            "cache_memory_limit": limit,
            "cache_memory_used_percent": round(100 * used / limit) if limit else None,
            "cache_eviction_policy": memory.get("maxmemory_policy", ""),
        }
