from django.conf import settings

from masthead.newsroom.signals import lists_version


def newsroom(request):
    """What every page's frame needs: the newsroom's name and the cache version of its article lists."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "lists_version": lists_version(request),
        "list_cache_seconds": settings.MASTHEAD_LIST_CACHE_SECONDS,
    }
