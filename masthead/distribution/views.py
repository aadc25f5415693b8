"""The newsroom's generated images: the publisher logo for JSON-LD and the social card for pages without one."""

from functools import lru_cache
from io import BytesIO

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from masthead.distribution.structured_data import LOGO_SIZE, SOCIAL_CARD_SIZE

INK = (255, 255, 255)
PAPER = (24, 36, 64)


@lru_cache(maxsize=4)
def wordmark_png(size, name) -> bytes:
    """The site name in white on navy, as large as fits; drawn once per process, no font files needed."""
    from PIL import Image, ImageDraw, ImageFont  # here: resolving any reader address imports this module

    width, height = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    font_size = int(height * 0.6)
    while True:
        font = ImageFont.load_default(size=font_size)
        left, top, right, bottom = draw.textbbox((0, 0), name, font=font)
        if right - left <= width * 0.9 or font_size <= 8:
            break
        font_size -= 2
    draw.text(((width - (right - left)) / 2 - left, (height - (bottom - top)) / 2 - top), name, fill=INK, font=font)
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _png(size):
    response = HttpResponse(wordmark_png(size, settings.WAGTAIL_SITE_NAME), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def logo(request):
    return _png(LOGO_SIZE)


@require_safe
def social_card(request):
    return _png(SOCIAL_CARD_SIZE)
