from django.apps import AppConfig


class NarrationConfig(AppConfig):
    """Articles read aloud by an offline voice, and the player that follows the text."""

    name = "masthead.narration"
    label = "narration"

    def ready(self):
        from masthead.narration import signals  # noqa: F401
