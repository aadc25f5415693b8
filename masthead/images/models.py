from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CreditedImage(AbstractImage):
    """An image whose credit and default caption travel with it into every article and feed."""

    credit = models.CharField(
        max_length=255, blank=True, help_text='Who made it, as "Photographer / Agency" or "Photographer".'
    )
    caption = models.TextField(blank=True, help_text="Default caption; an article may write its own.")

    # Wagtail's own "description" field is the alt text.
    admin_form_fields = Image.admin_form_fields + ("credit", "caption")


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
