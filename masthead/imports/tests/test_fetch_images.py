"""``--fetch-images`` against a real HTTP server on loopback (never the internet): good, slow, huge, not an image,
damaged, and missing images, for Ghost and WordPress."""

import io
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from masthead.imports import fetch
from masthead.imports.bench import generate_export
from masthead.imports.fetch import FetchFailed, ImageFetcher
from masthead.imports.models import ImportWarning
from masthead.imports.tests.test_wordpress_parser import EXPORT as WORDPRESS_EXPORT
from masthead.imports.tests.test_wordpress_parser import UPLOADS as WORDPRESS_UPLOADS
from masthead.newsroom.models import ArticlePage

PORTS = range(9510, 9530)  # this helper's range
WORDPRESS_ORIGIN = "http://127.0.0.1:8082"  # the old site's address, as the real export has it


def jpeg(colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "JPEG")
    return out.getvalue()


class OldSite(BaseHTTPRequestHandler):
    files: dict = {}  # path → (content type, bytes); set per server
    folders: dict = {}  # path prefix → local folder served under it
    requests: list = []

    def do_GET(self):
        self.requests.append(self.path)
        if self.path == "/slow.jpg":
            time.sleep(2)  # longer than the tests' timeout
        if self.path == "/huge.jpg":  # no Content-Length: the cap must count what arrives
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"\xff" * 65536)
            return
        found = self.files.get(self.path) or self._from_folder()
        if found is None:
            self.send_error(404)
            return
        kind, body = found
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _from_folder(self):
        for prefix, folder in self.folders.items():
            if self.path.startswith(prefix):
                path = Path(folder) / self.path[len(prefix) :]
                if path.is_file():
                    return "image/jpeg" if path.suffix in (".jpg", ".jpeg") else "image/png", path.read_bytes()
        return None

    def log_message(self, *args):
        pass


@pytest.fixture
def old_site(monkeypatch):
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    monkeypatch.setattr(fetch, "MAX_BYTES", 1024 * 1024)
    handler = type("Handler", (OldSite,), {"files": {}, "folders": {}, "requests": []})
    server = None
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), handler)
            break
        except OSError:
            continue
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.origin = f"http://127.0.0.1:{server.server_address[1]}"
    server.handler = handler
    yield server
    server.shutdown()
    server.server_close()


def fetcher_for(site):
    return ImageFetcher(site.origin)


def test_a_good_image_is_downloaded_and_kept_in_a_folder_the_fetcher_removes(old_site):
    old_site.handler.files["/content/images/a.jpg"] = ("image/jpeg", jpeg())
    fetcher = fetcher_for(old_site)
    path = fetcher.fetch("__GHOST_URL__/content/images/a.jpg")
    assert path.read_bytes() == jpeg() and path.name == "a.jpg"
    assert fetcher.fetch(f"{old_site.origin}/content/images/a.jpg") == path  # downloaded once per address
    assert old_site.handler.requests == ["/content/images/a.jpg"]
    fetcher.close()
    assert not path.exists()


@pytest.mark.parametrize(
    "path, files, reason",
    [
        ("/slow.jpg", {}, "timed out"),
        ("/huge.jpg", {}, "larger than 1 MB"),
        ("/page.jpg", {"/page.jpg": ("text/html", b"<html>not found</html>")}, "text/html, not an image"),
        ("/damaged.jpg", {"/damaged.jpg": ("image/jpeg", b"\xff\xd8 not really")}, "not a readable image"),
        ("/gone.jpg", {}, "answered 404"),
    ],
)
def test_what_cannot_be_downloaded_says_why(old_site, path, files, reason):
    old_site.handler.files.update(files)
    fetcher = fetcher_for(old_site)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match=reason):
        fetcher.fetch(path)
    assert time.monotonic() - started < 1.9  # the slow one gives up at the timeout, not when the server answers
    assert not any(fetcher.folder.rglob("*.*")), "nothing half-downloaded is left"
    fetcher.close()


def test_a_declared_size_over_the_cap_is_refused_before_reading(old_site):
    old_site.handler.files["/big.jpg"] = ("image/jpeg", b"\xff" * (2 * 1024 * 1024))
    with pytest.raises(FetchFailed, match="larger than 1 MB"):
        fetcher_for(old_site).fetch("/big.jpg")


def test_no_address_to_download_from():
    with pytest.raises(FetchFailed, match="--old-url"):
        ImageFetcher("").fetch("__GHOST_URL__/content/images/a.jpg")
    with pytest.raises(FetchFailed, match="no address"):
        ImageFetcher("http://old.example").fetch("ftp://old.example/a.jpg")


def test_a_connection_refused_is_a_reason_too():
    with pytest.raises(FetchFailed, match="could not connect"):
        ImageFetcher("http://127.0.0.1:9599").fetch("/a.jpg")


def ghost_export_missing_images(tmp_path, posts=6):
    """A generated export whose images 1.. are not in the local folder: they are served by the old site."""
    export, images = generate_export(tmp_path / "ghost", posts=posts, authors=3, tags=5)
    served = tmp_path / "served"
    for n in range(1, posts):
        name = images / "2026" / "11" / f"p{n}.jpg"
        (served / "2026" / "11").mkdir(parents=True, exist_ok=True)
        shutil.move(name, served / "2026" / "11" / name.name)
    return export, images, served


def run_ghost(export, images, *extra):
    out = io.StringIO()
    call_command("import_ghost", str(export), "--images", str(images), "--no-progress", *extra, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_ghost_import_fetches_what_is_missing_and_reports_what_fails(old_site, tmp_path):
    export, images, served = ghost_export_missing_images(tmp_path)
    (served / "2026" / "11" / "p5.jpg").unlink()  # gone from the old site too: a 404
    (served / "2026" / "11" / "p4.jpg").write_text("<html>an error page</html>")  # served, but not an image
    old_site.handler.folders["/content/images/"] = served
    run_ghost(export, images, "--fetch-images", "--old-url", old_site.origin)

    articles = {a.slug: a for a in ArticlePage.objects.select_related("hero_image")}
    assert len(articles) == 6, "every article imports, images or not"
    for n in range(4):
        hero = articles[f"story-{n}"].hero_image
        assert hero is not None, n
        original = images if n == 0 else served
        with hero.file.open("rb") as stored:
            assert stored.read() == (original / "2026" / "11" / f"p{n}.jpg").read_bytes()
    assert articles["story-4"].hero_image is None and articles["story-5"].hero_image is None
    warnings = {w.source_id: w.message for w in ImportWarning.objects.filter(kind="missing_image")}
    assert "answered 404" in warnings["p5"] and "not a readable image" in warnings["p4"]
    assert "/content/images/2026/11/p0.jpg" not in old_site.handler.requests, "a local image is not downloaded"

    requests_before = len(old_site.handler.requests)
    run_ghost(export, images, "--fetch-images", "--old-url", old_site.origin)
    fetched_again = old_site.handler.requests[requests_before:]
    assert all("p1.jpg" not in path for path in fetched_again), "an image imported last time is not fetched again"


@pytest.mark.django_db(transaction=True)
def test_without_the_option_nothing_is_downloaded(old_site, tmp_path):
    export, images, served = ghost_export_missing_images(tmp_path, posts=3)
    old_site.handler.folders["/content/images/"] = served
    run_ghost(export, images, "--old-url", old_site.origin)
    assert old_site.handler.requests == []
    assert ImportWarning.objects.filter(kind="missing_image").count() == 2


def test_ghost_needs_the_old_address_to_fetch(tmp_path, db):
    export, images, _served = ghost_export_missing_images(tmp_path, posts=2)
    with pytest.raises(CommandError, match="--old-url"):
        run_ghost(export, images, "--fetch-images")


@pytest.mark.django_db(transaction=True)
def test_wordpress_import_fetches_featured_and_body_images_without_an_uploads_folder(old_site, tmp_path):
    copy = tmp_path / "export.xml"  # the real export, pointing at this test's server instead of the old site
    copy.write_text(WORDPRESS_EXPORT.read_text().replace(WORDPRESS_ORIGIN, old_site.origin))
    old_site.handler.folders["/wp-content/uploads/"] = WORDPRESS_UPLOADS
    out = io.StringIO()
    call_command("import_wordpress", str(copy), "--fetch-images", "--no-progress", stdout=out, stderr=io.StringIO())

    assert not ImportWarning.objects.filter(kind="missing_image").exists(), out.getvalue()
    with_heroes = ArticlePage.objects.exclude(hero_image=None)
    assert with_heroes.exists()
    for article in with_heroes.select_related("hero_image"):
        name = Path(article.hero_image.file.name).name
        assert any(name.startswith(Path(p).stem.split("_")[0]) for p in old_site.handler.requests), name
    assert all(path.startswith("/wp-content/uploads/") for path in old_site.handler.requests)


def test_an_unexpected_error_is_a_reason_not_a_crash(old_site, monkeypatch):
    old_site.handler.files["/a.jpg"] = ("image/jpeg", jpeg())
    fetcher = fetcher_for(old_site)
    monkeypatch.setattr(fetcher, "_save", lambda response, target: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(FetchFailed, match="disk full"):
        fetcher.fetch("/a.jpg")
    fetcher.close()
