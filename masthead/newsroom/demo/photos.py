"""Hero photos for the demo, painted locally with Pillow (no downloads): abstract, but distinct per story."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter

SIZE = (1600, 900)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def paint(seed: str, colours: list[str]) -> ImageFile:
    """A JPEG of a soft gradient with a few translucent shapes, the same every time for the same seed."""
    rng = random.Random(seed)
    first, second = (_rgb(c) for c in (colours + ["#444444", "#bbbbbb"])[:2])
    width, height = SIZE
    gradient = Image.new("RGB", (1, height))
    for y in range(height):
        gradient.putpixel((0, y), _mix(first, second, y / (height - 1)))
    image = gradient.resize(SIZE)
    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(5, 9)):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(80, 420)
        colour = _mix(first, second, rng.random()) + (rng.randrange(50, 140),)
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    image = Image.alpha_composite(image.convert("RGBA"), overlay.filter(ImageFilter.GaussianBlur(6))).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return ImageFile(buffer, name=f"{seed[:60]}.jpg")
