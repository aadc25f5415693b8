from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Sections, articles, authors, tags and Editors' Picks."""

    name = "masthead.newsroom"
    label = "newsroom"

    def ready(self):
        from masthead.core import clock
        from masthead.newsroom import signals  # noqa: F401  (list-cache invalidation on publish)
        from masthead.newsroom.scheduling import EVERY_SECONDS, publish_scheduled_pages

        clock.every(EVERY_SECONDS, publish_scheduled_pages)
