from django.apps import AppConfig


class NarrationConfig(AppConfig):
    """Articles read aloud by an offline voice, and the player that follows the text."""

    name = "masthead.narration"
    label = "narration"

    def ready(self):
        from masthead.core import slots
        from masthead.distribution.structured_data import register_audio_object_provider
        from masthead.narration import signals  # noqa: F401
        from masthead.narration.structured_data import narration_audio_object

        register_audio_object_provider(narration_audio_object)
        slots.register("head", "narration/head_links.html", order=20)
        slots.register("article:below-hero", "narration/article_player.html")
        slots.register("footer", "narration/footer_links.html", order=40)
