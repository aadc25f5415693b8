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
        from masthead.newsroom.signals import invalidate_on_change_of

        # An entry purges its page at the proxy, which asks a web node again: each node's whole-page memory
        # (masthead/caching/page_memory.py) is keyed by the publish version, so the entry moves it.
        invalidate_on_change_of("live.LiveEntry")

        # A live page files under a section like an article; the newsroom does not need to know this app.
        if "live.LivePage" not in SectionPage.subpage_types:
            SectionPage.subpage_types = [*SectionPage.subpage_types, "live.LivePage"]
        register_article_extension(extend_live_blog_posting, live_state_fingerprint)
        slots.register("head", "live/head_links.html", order=30)
