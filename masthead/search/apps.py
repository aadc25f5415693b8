from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The reader-facing search page over the archive, and the background tasks that keep its index fresh."""

    name = "masthead.search"
    label = "search"

    def ready(self):
        from masthead.core import slots
        from masthead.search.signals import take_over_article_indexing

        take_over_article_indexing()
        slots.register("header", "search/header_form.html")
