"""HTML, feeds and sitemaps compressed with brotli or gzip, whichever the client prefers (brotli first).

Brotli only for public responses: they carry no secret, so the BREACH attack has nothing to find. Everything else
gets Django's gzip, which adds random bytes against BREACH. Images, audio and other binary files are never
compressed (their range requests must keep working).
"""

import re

import brotli
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml", "application/json")
MIN_LENGTH = 200  # below this the headers outweigh the gain (Django's own threshold)
BROTLI_QUALITY = 5  # a fraction of a millisecond for an article; the cache in front keeps the result

_accepts_br = re.compile(r"\bbr\b")
_no_br = re.compile(r"\bbr\s*;\s*q\s*=\s*0(\.0*)?\b")


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.gzip = GZipMiddleware(get_response)

    def __call__(self, request):
        response = self.get_response(request)
        if not _compressible(response):
            return response
        if _wants_brotli(request) and "public" in response.get("Cache-Control", ""):
            return _brotli(response)
        return self.gzip.process_response(request, response)


def _compressible(response) -> bool:
    return (
        response.status_code == 200
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and not response.has_header("Content-Encoding")
        and (response.streaming or len(response.content) >= MIN_LENGTH)
    )


def _wants_brotli(request) -> bool:
    accept = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return bool(_accepts_br.search(accept)) and not _no_br.search(accept)


def _brotli(response):
    patch_vary_headers(response, ("Accept-Encoding",))
    if response.streaming:
        response.streaming_content = _brotli_stream(response.streaming_content)
        response.headers.pop("Content-Length", None)
    else:
        response.content = brotli.compress(response.content, quality=BROTLI_QUALITY)
        response.headers["Content-Length"] = str(len(response.content))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag  # the bytes differ from the uncompressed representation's
    response.headers["Content-Encoding"] = "br"
    return response


def _brotli_stream(chunks):
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    for chunk in chunks:
        if out := compressor.process(chunk):
            yield out
    yield compressor.finish()
