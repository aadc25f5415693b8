"""Renditions for code that must render even when an image's original file is gone (a lost upload, a media folder
half restored): the page loses that picture, never the page. Wagtail's ``{% image %}`` tags already do this for
templates (``wagtail.images.shortcuts``); this is the same for Python callers (JSON-LD, Open Graph, emails, logo).
"""

import logging

from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)


def renditions_or_none(image, *specs) -> dict | None:
    """``image.get_renditions(*specs)`` (keyed by spec), or None when the original cannot be read (logged)."""
    if image is None:
        return None
    try:
        return image.get_renditions(*specs)
    except SourceImageIOError:
        _report_missing(image)
        return None


def rendition_or_none(image, spec: str):
    """``image.get_rendition(spec)``, or None when the original cannot be read (logged)."""
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except SourceImageIOError:
        _report_missing(image)
        return None


def _report_missing(image):
    logger.warning("The original file of image %s (%s) is missing; rendering without it", image.pk, image.file)
