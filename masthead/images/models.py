from django.db import models
from django.utils.functional import classproperty
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from masthead.core import wagtail_internals


class CreditedImage(AbstractImage):
    """An image whose credit and default caption travel with it into every article and feed."""

    credit = models.CharField(
        max_length=255, blank=True, help_text='Who made it, as "Photographer / Agency" or "Photographer".'
    )
    caption = models.TextField(blank=True, help_text="Default caption; an article may write its own.")

    # Wagtail's own "description" field is the alt text.
    admin_form_fields = Image.admin_form_fields + ("credit", "caption")


class MarkedRenditionCache:
    """The renditions cache, marking each rendition it returns as read from it, and not writing those back.

    Wagtail writes every rendition it used back to the cache unless the rendition is marked as read from it, which
    it only does for prefetched ones (and ``get_rendition`` writes even those); so each image on each page view
    re-wrote what it had just read.
    """

    def __init__(self, backend):
        self._backend = backend

    def get_many(self, keys, *args, **kwargs):
        found = self._backend.get_many(keys, *args, **kwargs)
        for rendition in found.values():
            wagtail_internals.mark_read_from_cache(rendition)
        return found

    def set(self, key, rendition, *args, **kwargs):
        if not wagtail_internals.was_read_from_cache(rendition):
            self._backend.set(key, rendition, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._backend, name)


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, on_delete=models.CASCADE, related_name="renditions")

    @classproperty
    def cache_backend(cls):
        return MarkedRenditionCache(AbstractRendition.cache_backend)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
