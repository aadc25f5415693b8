from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Sections, articles, authors, tags and Editors' Picks."""

    name = "masthead.newsroom"
    label = "newsroom"

    def ready(self):
        from masthead.newsroom import signals  # noqa: F401  (list-cache invalidation on publish)
