from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """Getting found: feeds, sitemaps, robots.txt, structured data and social cards."""

    name = "masthead.distribution"
    label = "distribution"
