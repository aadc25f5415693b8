"""Site-wide views."""

from django.conf import settings

from masthead.core.ranges import ranged_file_response

MEDIA_MAX_AGE = 60 * 60 * 24 * 365  # media file names change when their content does


def serve_media(request, path):
    """Uploaded media (images, narration audio), with range requests so audio can seek.

    A front proxy may serve MEDIA_ROOT itself in production; Masthead works without one.
    """
    return ranged_file_response(request, settings.MEDIA_ROOT, path, max_age=MEDIA_MAX_AGE)
