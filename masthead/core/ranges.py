"""File responses that honour HTTP Range requests (RFC 9110 section 14), for seeking in audio."""

import mimetypes
import re
from pathlib import Path

from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The single byte range asked for, as (first, last) inclusive; None when unsatisfiable.

    Raises ValueError when the header is not a single-range request we understand
    (the caller then answers with the whole file, as RFC 9110 allows).
    """
    match = RANGE_RE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise ValueError(header)
    first, last = match.groups()
    if first == "":  # suffix range: the last N bytes
        length = int(last)
        return (max(0, size - length), size - 1) if length and size else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return None
    return start, end


@require_safe
def ranged_file_response(request, root, path, max_age=0):
    try:
        full_path = Path(safe_join(str(root), path))
        stat = full_path.stat()
    except Exception as exc:  # outside the root (SuspiciousFileOperation), missing, or a name too long (OSError)
        raise Http404("No such file.") from exc
    if not full_path.is_file():
        raise Http404("No such file.")
    return _ranged_response(request, full_path.name, stat.st_size, stat.st_mtime, full_path.open, max_age)


@require_safe
def ranged_storage_response(request, storage, name, max_age=0):
    """The same for a file in any Django storage (S3 through django-storages): readers never leave our host."""
    try:
        size, modified = storage.size(name), storage.get_modified_time(name).timestamp()
    except Exception as exc:  # missing, or a name the storage refuses
        raise Http404("No such file.") from exc
    return _ranged_response(request, name, size, modified, lambda mode: storage.open(name, mode), max_age)


def _ranged_response(request, name, size, modified, open_file, max_age):
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    header = request.headers.get("Range")
    byte_range = None
    if header:
        try:
            byte_range = parse_range(header, size)
        except ValueError:
            header = None  # malformed: ignore it and send the whole file
        else:
            if byte_range is None:
                response = HttpResponse(status=416)
                response["Content-Range"] = f"bytes */{size}"
                return response
    if byte_range:
        start, end = byte_range
        with open_file("rb") as handle:
            handle.seek(start)
            body = handle.read(end - start + 1)
        response = HttpResponse(body, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(open_file("rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(modified)
    if max_age:
        response["Cache-Control"] = f"public, max-age={max_age}, immutable"
    return response
