from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pieces: the page frame, error pages, mail, the worker command."""

    name = "masthead.core"
    label = "core"
