from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Moving a newsroom in: Ghost and WordPress exports become articles, authors, tags, subscribers, redirects."""

    name = "masthead.imports"
    label = "imports"
    default_auto_field = "django.db.models.BigAutoField"
