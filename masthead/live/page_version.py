"""A live page's own version: one number per live page that moves whenever one of its entries changes.

An entry changes its live page (the entries, the key events, the "Updated" time, the JSON-LD), its entry feeds
and its poll, and nothing else a reader sees: lists show a live page's headline, standfirst, byline, publication
date and "Live" label, all page fields that only a publication changes. So an entry moves this number, not the
site's publish version (``masthead/newsroom/publish_version.py``), and every other page keeps what each process
remembered of it. What the live page keeps under this number: its whole-page memory entry
(``masthead/caching/page_memory.py``, through ``keep_only_while``) and its remembered head tags (the JSON-LD's
``liveBlogUpdate``); its poll and feeds are keyed by the entries' state (``models.entries_state``).

The number lives in the default cache (Redis in production, shared by every process) with no expiry. It starts at
the time in microseconds (``core.cache.counter_start``), so a cache emptied by a restart counts on above every number
handed out before. When
the cache cannot be reached it reads as ``None``: nothing is then remembered under it and the page renders from
the database.
"""

from django.core.cache import cache

from masthead.core.cache import CacheUnavailable, counter_start, reachable


def version_key(page_id) -> str:
    return f"live:page-version:{page_id}"


def page_version(page_id) -> int | None:
    """The live page's current version (one cache round trip), or ``None`` while the cache cannot be reached."""
    key = version_key(page_id)
    version = cache.get(key)
    if version is None and reachable():
        _start(key)
        version = cache.get(key)
    return version


def _start(key):
    """Above any number this key held before it was emptied (a Redis restart)."""
    cache.add(key, counter_start(), timeout=None)


def move_page_version(page_id):
    """Forget what is remembered of the live page, in every process.

    Called at the change and again after its commit (``signals.py``): a reader between the two renders the old
    rows under the new number, and its process would keep that page.
    """
    key = version_key(page_id)
    try:
        cache.incr(key)
    except ValueError:  # emptied (or never read): start above every number it held
        _start(key)
    except CacheUnavailable:
        # Nothing is remembered under it while the cache is away (it reads as None), and the first good read of
        # the publish version after an outage moves that version, which every page memory key also carries.
        pass
