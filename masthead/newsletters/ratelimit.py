"""Fixed-window rate limits counted in Django's cache (local memory, or Redis shared by every web process)."""

import hashlib
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


def hit(scope: str, ident: str, rate: str) -> bool:
    """Count one hit; True while within the limit. Idents are hashed so addresses never sit in the cache."""
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    key = f"newsletters:rl:{scope}:{digest}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return count <= limit


def client_ip(request) -> str:
    if settings.NEWSLETTERS_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]  # the address our own proxy saw
    return request.META.get("REMOTE_ADDR", "")[:64]
