from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pieces: the page frame, error pages, mail, the worker command."""

    name = "masthead.core"
    label = "core"

    def ready(self):
        from masthead.core import clock
        from masthead.core.deferred import DRAIN_EVERY, queue_deferred_tasks

        clock.every(DRAIN_EVERY, queue_deferred_tasks)
