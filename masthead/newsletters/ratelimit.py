"""Fixed-window rate limits counted in Django's cache (local memory, or Redis shared by every web process)."""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'20/h' -> (20, 3600)."""
    try:
        count, period = rate.split("/")
        return int(count), PERIODS[period.strip()]
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"Rate {rate!r} is not like 20/h (per s, m, h or d).") from exc


def _key(scope: str, ident: str) -> str:
    """Idents are hashed so addresses never sit in the cache."""
    return f"newsletters:rl:{scope}:{hashlib.sha256(ident.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}"


def wait_seconds(scope: str, ident: str, rate: str) -> int:
    """Count one hit; 0 while within the limit, else the seconds until the window reopens (for Retry-After).
    Raises masthead.core.cache.CacheUnavailable when the shared cache is away: callers fail closed."""
    limit, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    key = f"{_key(scope, ident)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return 0 if count <= limit else max(1, math.ceil((window + 1) * period - now))


def spend_once(scope: str, ident: str, seconds: int) -> bool:
    """True the first time ident is spent within `seconds`, False on every replay."""
    return cache.add(_key(scope, ident), 1, timeout=seconds)


def client_ip(request) -> str:
    if settings.NEWSLETTERS_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]  # the address our own proxy saw
    return request.META.get("REMOTE_ADDR", "")[:64]
