from django.apps import AppConfig


class ImagesConfig(AppConfig):
    """Wagtail images that carry their credit (photographer / agency) wherever they are used."""

    name = "masthead.images"
    label = "images"
