from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The reader-facing search page over the archive."""

    name = "masthead.search"
    label = "search"
