from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    """Corrections, clarifications and editor's notes on articles, and the public log of them."""

    name = "masthead.corrections"
    label = "corrections"

    def ready(self):
        from masthead.core import slots
        from masthead.corrections import demo, signals  # noqa: F401
        from masthead.corrections.structured_data import correction_fingerprint, extend_with_corrections
        from masthead.distribution.structured_data import register_article_extension
        from masthead.newsroom.signals import invalidate_on_change_of

        # Corrections are remembered under the publish version: saving one moves it, so every page shows it at once.
        invalidate_on_change_of("corrections.Correction")
        register_article_extension(extend_with_corrections, correction_fingerprint)
        slots.register("article:after-header", "corrections/article_top.html", order=10)
        slots.register("article:end", "corrections/article_end.html", order=5)
        slots.register("footer", "corrections/footer_link.html", order=10)
