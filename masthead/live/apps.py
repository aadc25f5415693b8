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

        # An entry does not move the site's publish version: it moves its live page's own (page_version.py),
        # which that page's memory and head tags follow (signals.py), so no other page is rendered again.

        # A live page files under a section like an article; the newsroom does not need to know this app.
        if "live.LivePage" not in SectionPage.subpage_types:
            SectionPage.subpage_types = [*SectionPage.subpage_types, "live.LivePage"]
        register_article_extension(extend_live_blog_posting, live_state_fingerprint)
        slots.register("head", "live/head_links.html", order=30)
