"""The admin's image form: an upload Pillow cannot decode whole is a form error, not a 500 now or on a page later.

Wagtail reads only an image's header when it checks an upload (lazily, inside ``check_image_pixel_size``, where a
truncated header raises ``OSError`` uncaught), so a file cut short in transit is accepted and then breaks every
rendition made from it. ``settings.WAGTAILIMAGES_IMAGE_FORM_BASE`` points every image form (single, multiple and
chooser uploads) here.
"""

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, which also decodes the whole image once."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
            if f.image.format_name != "svg":  # vector images have no pixels to decode
                decode_whole(f)
        except ValidationError:
            raise
        except Exception as exc:  # OSError (truncated), SyntaxError and ValueError (corrupt), from Pillow
            raise ValidationError(
                "This image file is damaged or incomplete (it may have been cut short while uploading). "
                "Please upload it again, or save it again in an image editor first.",
                code="invalid_image",
            ) from exc


def decode_whole(upload):
    upload.seek(0)
    with PILImage.open(upload) as image:
        image.load()
    upload.seek(0)


class CheckedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        if type(file_field) is WagtailImageField:
            file_field.__class__ = DecodedImageField  # this form's own copy of the field, with one more check
