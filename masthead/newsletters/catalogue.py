"""The list of active newsletters every article and home page shows, cached so the sign-up slot costs no query."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

CACHE_KEY = "newsletters:active-list"


def active_newsletters():
    """Active newsletters as plain dicts (cheap to cache), in the editors' order. At most one query."""
    entries = cache.get(CACHE_KEY)
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
        cache.set(CACHE_KEY, entries, timeout=None)
    return entries


def forget_active_newsletters(**kwargs):
    cache.delete(CACHE_KEY)


for sender in ("newsletters.Newsletter", "newsroom.Author"):
    post_save.connect(forget_active_newsletters, sender=sender, dispatch_uid=f"newsletters-list-save-{sender}")
    post_delete.connect(forget_active_newsletters, sender=sender, dispatch_uid=f"newsletters-list-delete-{sender}")
