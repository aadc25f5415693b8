"""The publish version: one number that changes whenever anything a reader sees may have changed.

Every remembered route, page object and rendered fragment is keyed by it (``routing.py``, the templates'
``{% cache %}`` tags, distribution's head), so one increment forgets them all, in every process at once. It lives
in the default cache (Redis in production, shared by every process); everything keyed by it lives in each
process's own memory (the ``fragments`` cache), because nothing under a key ever changes.

What only one page shows does not move it: a live page's entries move that page's own number
(``masthead/live/page_version.py``), which its page memory and head tags follow, so breaking news does not make
every process re-render the whole site every few seconds.

Read once per request: ``PublishVersionMiddleware`` holds the request, so ``lists_version()`` asked anywhere
during it (a template tag, a context processor, a model) costs one cache round trip in all.

When the default cache cannot be reached (``masthead.core.cache``), each process uses a fallback of its own: a
negative number (never one the shared cache hands out) that changes every ``FALLBACK_SECONDS`` and at every
publication made in this process, so readers get pages rendered from the database and nothing remembered is
older than a few seconds. The first good read after an outage increments the shared version once, so what any
process remembered before the outage (when a publication elsewhere could not reach the cache) is forgotten.
"""

import contextvars
import hashlib
import logging
import threading
import time
from contextlib import contextmanager

from django.core.cache import cache, caches
from django.db import connection, transaction

from masthead.core.cache import CacheUnavailable, counter_start, reachable

logger = logging.getLogger(__name__)

LISTS_VERSION_KEY = "newsroom:lists-version"
FALLBACK_SECONDS = 5

_current_request = contextvars.ContextVar("newsroom_publish_version_request", default=None)
_held = contextvars.ContextVar("newsroom_invalidations_held", default=None)
_fallback = {"local_publications": 0, "in_use": False}
_fallback_lock = threading.Lock()


class PublishVersionMiddleware:
    """Makes the request's version available to code that is not handed the request (read lazily, once)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def lists_version(request=None) -> int:
    """A number that changes whenever any list of articles may have changed; part of every list's cache key.

    Read once per request (one cache round trip, and one version for the whole page).
    """
    request = request if request is not None else _current_request.get()
    if request is not None and hasattr(request, "_newsroom_lists_version"):
        return request._newsroom_lists_version
    version = _shared_version()
    if request is not None:
        request._newsroom_lists_version = version
    return version


def _shared_version() -> int:
    version = cache.get(LISTS_VERSION_KEY)
    if version is None:
        if not reachable():
            return _fallback_version()
        # After an emptied cache (a Redis restart) counting starts above every number used before, so no process's
        # memory can mistake an old fragment for a current one.
        cache.add(LISTS_VERSION_KEY, counter_start(), timeout=None)
        version = cache.get(LISTS_VERSION_KEY)
        if version is None:
            return _fallback_version()
    if _fallback["in_use"]:
        version = _forget_what_the_outage_hid(version)
    return version


def _fallback_version() -> int:
    with _fallback_lock:
        if not _fallback["in_use"]:
            logger.warning("Publish version unreachable; this process renders from the database meanwhile.")
        _fallback["in_use"] = True
        window = int(time.monotonic() // FALLBACK_SECONDS)
        return -(window * 1_000_000 + _fallback["local_publications"] % 1_000_000)


def _forget_what_the_outage_hid(version: int) -> int:
    with _fallback_lock:
        _fallback["in_use"] = False
    try:
        return cache.incr(LISTS_VERSION_KEY)
    except (ValueError, CacheUnavailable):
        return version  # emptied or gone again: the next read starts afresh either way


@contextmanager
def invalidations_held():
    """Many saves in a row (an import) forget what is remembered once, at the end, instead of at every save."""
    token = _held.set([])
    try:
        yield
    finally:
        held = _held.get()
        _held.reset(token)
        if held:
            invalidate_lists()


def invalidate_lists(**kwargs):
    """Forget every remembered list, route and fragment, in every process (this one at once even in an outage)."""
    held = _held.get()
    if held is not None:
        held.append(True)
        return
    with _fallback_lock:
        _fallback["local_publications"] += 1
    request = _current_request.get()
    if request is not None:
        request.__dict__.pop("_newsroom_lists_version", None)  # this request's later fragments see the change
    _move_version()
    if connection.in_atomic_block:
        # A reader request between the increment and the commit renders the old rows under the new version, and
        # every process would keep that page; moving it again once the rows are visible forgets it.
        transaction.on_commit(_move_version)


def _move_version():
    try:
        cache.incr(LISTS_VERSION_KEY)
    except ValueError:  # not cached yet: nothing to invalidate
        # After an emptied cache (a Redis restart) counting starts above every number used before, so no process's
        # memory can mistake an old fragment for a current one.
        cache.add(LISTS_VERSION_KEY, counter_start(), timeout=None)
    except CacheUnavailable:
        logger.warning("Publish version unreachable; other processes will see this change after the outage.")


def remembered(request, name: str, compute, *parts):
    """``compute()``, kept in this process's memory under the publish version, the request's host and ``parts``.

    For what a reader page looks up that only a publication (or an edit the version follows) can change: the site
    root paths, an author or tag row, a list's length. ``None`` is never remembered (a 404 asks again).
    """
    digest = hashlib.sha1(repr((request.get_host() if request else "", parts)).encode()).hexdigest()
    key = f"newsroom:remembered:{name}:{lists_version(request)}:{digest}"
    value = caches["fragments"].get(key)
    if value is None:
        value = compute()
        if value is not None:
            caches["fragments"].set(key, value)
    return value
