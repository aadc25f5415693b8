"""Site-wide views."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage

from masthead.core.ranges import ranged_file_response, ranged_storage_response

MEDIA_MAX_AGE = 60 * 60 * 24 * 365  # media file names change when their content does


def serve_media(request, path):
    """Uploaded media (images, narration audio), with range requests so audio can seek.

    A front proxy may serve MEDIA_ROOT itself in production; Masthead works without one. With media on S3
    (``MEDIA_S3_BUCKET``) the file is read from the bucket, so pages never send readers to another host and the
    proxy in front caches media like everything else.
    """
    if isinstance(default_storage, FileSystemStorage):
        return ranged_file_response(request, settings.MEDIA_ROOT, path, max_age=MEDIA_MAX_AGE)
    return ranged_storage_response(request, default_storage, path, max_age=MEDIA_MAX_AGE)
