from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The HTTP caching policy: what a shared cache may keep, compression, and purges when pages change."""

    name = "masthead.caching"
    label = "caching"

    def ready(self):
        from masthead.caching import signals  # noqa: F401  (purges on publish, unpublish, move)
