"""Media on any S3-compatible service (django-storages), served through Masthead's own /media/ addresses.

Pages link to ``MEDIA_URL`` (``/media/…``) as with the filesystem, and ``core.views.serve_media`` reads the file
from the bucket, with range requests: readers' browsers never contact another host, and the proxy in front
(Varnish, a CDN) caches media like any other response. ``MEDIA_S3_PUBLIC_URLS=true`` links to the bucket (or its
``MEDIA_S3_CUSTOM_DOMAIN``) directly instead.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class ProxiedS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        if settings.MEDIA_S3_PUBLIC_URLS:
            return super().url(name, parameters, expire, http_method)
        return settings.MEDIA_URL + filepath_to_uri(name).lstrip("/")
