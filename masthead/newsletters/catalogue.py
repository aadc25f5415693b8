"""The list of active newsletters every article and home page shows, cached so the sign-up slot costs no query.

It is kept under the newsroom's publish version, which saving a newsletter or an author moves, in each process's
own memory (the ``fragments`` cache), so the slot costs no cache round trip either.
"""

from django.core.cache import caches

from masthead.newsroom.publish_version import lists_version
from masthead.newsroom.signals import invalidate_on_change_of

CACHE_KEY = "newsletters:active-list"


def active_newsletters():
    """Active newsletters as plain dicts (cheap to cache), in the editors' order. At most one query."""
    key = f"{CACHE_KEY}:{lists_version()}"
    entries = caches["fragments"].get(key)
    if entries is None:
        from masthead.newsletters.models import Newsletter

        entries = [
            {
                "pk": n.pk,
                "name": n.name,
                "slug": n.slug,
                "description": n.description,
                "cadence": n.cadence,
                "host": n.host.name if n.host else "",
                "url": n.get_absolute_url(),
            }
            for n in Newsletter.objects.filter(active=True).select_related("host")
        ]
        caches["fragments"].set(key, entries)
    return entries


invalidate_on_change_of("newsletters.Newsletter")  # (an author's save moves the version already)
