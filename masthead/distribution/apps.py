from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """Getting found: feeds, sitemaps, robots.txt, structured data and social cards."""

    name = "masthead.distribution"
    label = "distribution"

    def ready(self):
        from masthead.core import slots

        slots.register("head", "distribution/head.html", order=10)
        slots.register("footer", "distribution/footer_links.html", order=30)
