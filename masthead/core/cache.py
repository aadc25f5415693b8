"""Redis as a cache that degrades: when it cannot be reached, reader pages keep coming without it.

Django's ``RedisCache`` raises when Redis is away, and every reader page asks the default cache something (the
publish version, Wagtail's site root paths and renditions), so a Redis outage used to be a site outage.
``ResilientRedisCache`` is Django's backend with one difference, for connection errors and timeouts only:

- reads miss (``get`` gives the default, ``get_many`` nothing, ``has_key`` False);
- writes are dropped (``set``, ``add``, ``touch`` answer False, ``delete`` and ``clear`` do nothing);
- counters (``incr``, and ``decr`` through it) raise ``CacheUnavailable``: no number is safe to make up, so each
  caller decides (the publish version falls back to a per-process one, sign-up rate limits fail closed);
- for ``RETRY_SECONDS`` after a failure Redis is not asked at all, so an outage costs no connection attempt
  per call; the first call after that asks again, and service returns by itself when Redis does.

``reachable()`` tells a caller that got a miss whether it was a real one. This module and
``masthead/newsroom/publish_version.py`` are the whole of the fallback.
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0


class CacheUnavailable(Exception):
    """The shared cache cannot be reached and the operation has no safe stand-in (a counter)."""


# Per Redis address, shared by every thread and cache alias of the process: when it may be asked again.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


def _connection_errors():
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    @property
    def _address(self) -> str:
        return self._servers[0]

    def is_reachable(self) -> bool:
        return _down_until.get(self._address, 0.0) <= time.monotonic()

    def _call(self, operation, fallback, *args, **kwargs):
        if not self.is_reachable():
            return fallback()
        try:
            result = operation(*args, **kwargs)
        except _connection_errors() as error:
            self._went_away(error)
            return fallback()
        if self._address in _down_until:
            self._came_back()
        return result

    def _went_away(self, error):
        with _lock:
            first = self._address not in _down_until
            _down_until[self._address] = time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning("Cache at %s unreachable (%s); serving without it.", self._address, error)

    def _came_back(self):
        with _lock:
            if _down_until.pop(self._address, None) is not None:
                logger.warning("Cache at %s reachable again.", self._address)

    def get(self, *args, **kwargs):
        default = args[1] if len(args) > 1 else kwargs.get("default")
        return self._call(super().get, lambda: default, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call(super().get_many, dict, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call(super().has_key, lambda: False, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call(super().add, lambda: False, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call(super().set, lambda: None, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._call(super().set_many, lambda: list(data), data, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call(super().touch, lambda: False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call(super().delete, lambda: False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call(super().delete_many, lambda: None, *args, **kwargs)

    def clear(self):
        return self._call(super().clear, lambda: False)

    def incr(self, *args, **kwargs):
        return self._call(super().incr, self._unavailable, *args, **kwargs)

    def _unavailable(self):
        raise CacheUnavailable(f"cache at {self._address} unreachable")


def reachable(alias: str = "default") -> bool:
    """False while the cache ``alias`` is a Redis that could not be reached just now; True for any other cache."""
    backend = caches[alias]
    return backend.is_reachable() if isinstance(backend, ResilientRedisCache) else True


def counter_start() -> int:
    """Where a version counter kept in the cache starts, at first use or after the cache was emptied (a Redis
    restart): microseconds since the epoch. Each move of a counter is a cache operation, which takes longer than a
    microsecond, so a counter never gets ahead of this clock and a restart counts on above every number it handed
    out before. (Milliseconds did not hold: a live page moves its number twice per entry, faster than that.)"""
    return time.time_ns() // 1_000
