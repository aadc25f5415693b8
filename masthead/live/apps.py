from django.apps import AppConfig


class LiveConfig(AppConfig):
    """Live coverage: a running story's page and the timestamped entries editors add to it through the day."""

    name = "masthead.live"
    label = "live"

    def ready(self):
        from masthead.core import slots
        from masthead.distribution.structured_data import register_article_extension
        from masthead.live import demo, signals  # noqa: F401
        from masthead.live.structured_data import extend_live_blog_posting, live_state_fingerprint
        from masthead.newsroom.models import SectionPage

        # A live page files under a section like an article; the newsroom does not need to know this app.
        if "live.LivePage" not in SectionPage.subpage_types:
            SectionPage.subpage_types = [*SectionPage.subpage_types, "live.LivePage"]
        register_article_extension(extend_live_blog_posting, live_state_fingerprint)
        slots.register("head", "live/head_links.html", order=30)
