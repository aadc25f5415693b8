"""``--fetch-images``: images missing from the local folder, downloaded from the old site.

Downloads run on a few threads (``WORKERS``) while posts import, each bounded: ``TIMEOUT`` seconds to connect
and between bytes, ``MAX_BYTES`` in all, an ``image/*`` content type, and a file Pillow can read. What fails is
reported like a missing image (the article still imports). Files land in a temporary folder the run removes.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import requests
from PIL import Image

TIMEOUT = 10  # seconds, to connect and between two reads
MAX_BYTES = 25 * 1024 * 1024
DEADLINE = 60  # seconds for a whole download: a server trickling bytes must not hold the import
WORKERS = 4
CHUNK = 64 * 1024


class FetchFailed(Exception):
    """Why an image could not be downloaded, in a sentence for the report."""


class ImageFetcher:
    def __init__(self, base_url: str):
        self.base_url = (base_url or "").rstrip("/")
        self.timeout, self.max_bytes, self.deadline = TIMEOUT, MAX_BYTES, DEADLINE  # read now: tests lower them
        self.folder = Path(tempfile.mkdtemp(prefix="masthead-fetched-"))
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="fetch-image")
        self.futures: dict[str, Future] = {}
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "Masthead importer"

    def absolute(self, url: str) -> str | None:
        """The address to download ``url`` from: ``__GHOST_URL__`` and site-relative paths on the old site."""
        url = url.strip()
        if url.startswith("__GHOST_URL__"):
            url = url[len("__GHOST_URL__") :]
        if not urlsplit(url).scheme:
            if not self.base_url or url.startswith("//"):
                return None
            url = urljoin(self.base_url + "/", url.lstrip("/"))
        return url if urlsplit(url).scheme in ("http", "https") else None

    def prefetch(self, url: str):
        """Start downloading ``url`` in the background (once) if it can be."""
        address = self.absolute(url)
        if address and address not in self.futures:
            self.futures[address] = self.pool.submit(self._download, address)

    def fetch(self, url: str) -> Path:
        """The downloaded file for ``url``, waiting for it; raises FetchFailed with the reason."""
        address = self.absolute(url)
        if address is None:
            raise FetchFailed("no address to download it from (give the old site's address with --old-url)")
        self.prefetch(address)
        try:
            return self.futures[address].result()
        except FetchFailed:
            raise
        except Exception as exc:  # say a full disk: the image is missing, the article still imports
            raise FetchFailed(f"download failed ({exc})") from exc

    def close(self):
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.session.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _download(self, address: str) -> Path:
        name = PurePosixPath(unquote(urlsplit(address).path)).name or "image"
        target = self.folder / hashlib.sha1(address.encode()).hexdigest()[:16] / name[-100:]
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self.session.get(address, stream=True, timeout=self.timeout, allow_redirects=True) as response:
                self._check_response(response)
                self._save(response, target)
        except requests.RequestException as exc:
            raise FetchFailed(f"download failed ({_reason(exc)})") from exc
        try:
            with Image.open(target) as picture:
                picture.verify()
        except Exception as exc:  # Pillow raises many kinds for a file that is not an image
            target.unlink(missing_ok=True)
            raise FetchFailed(f"the download is not a readable image ({exc})") from exc
        return target

    def _check_response(self, response):
        if response.status_code != 200:
            raise FetchFailed(f"the old site answered {response.status_code}")
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if not kind.startswith("image/"):
            raise FetchFailed(f"the old site sent {kind or 'no content type'}, not an image")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise FetchFailed(f"larger than {self.max_bytes // (1024 * 1024)} MB")

    def _save(self, response, target: Path):
        size, give_up_at = 0, time.monotonic() + self.deadline
        with target.open("wb") as out:
            for chunk in response.iter_content(CHUNK):
                size += len(chunk)
                problem = (
                    f"larger than {self.max_bytes // (1024 * 1024)} MB"
                    if size > self.max_bytes
                    else f"took more than {self.deadline} s"
                    if time.monotonic() > give_up_at
                    else None
                )
                if problem:
                    out.close()
                    target.unlink(missing_ok=True)
                    raise FetchFailed(problem)
                out.write(chunk)


def _reason(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if isinstance(exc, requests.ConnectionError):
        return "could not connect"
    return type(exc).__name__
