"""Bad input gets a readable 4xx, never a 500: one regression test per cause found in issue 10."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage

from masthead.images.models import CreditedImage

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous():
    """A client that hands back the 500 response instead of raising, and checks CSRF tokens as browsers meet them."""
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


def skip_link_target_exists(html: str) -> bool:
    soup = BeautifulSoup(html, "html.parser")
    link = soup.select_one("a.skip-link")
    return link is not None and soup.find(id=link["href"].removeprefix("#")) is not None


def test_a_bad_host_header_is_a_plain_400_page(newsroom, anonymous):
    response = anonymous.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "didn't make sense" in html and skip_link_target_exists(html)


@pytest.mark.parametrize("template", ["400.html", "403.html", "500.html", "503.html", "errors/404_plain.html"])
def test_plain_error_pages_need_no_request_and_their_skip_link_lands(template):
    from masthead.core.errors import _plain

    html = _plain(template, 400).content.decode()
    assert skip_link_target_exists(html)
    assert "{%" not in html and "{{" not in html


def test_the_404_page_offers_a_search_form(newsroom, anonymous):
    response = anonymous.get("/no-such-story/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", attrs={"aria-label": "Article search"})
    assert form["action"] == "/search/" and form.find("input", attrs={"name": "q"})
    assert skip_link_target_exists(str(soup))


def test_the_404_page_falls_back_to_the_plain_page_when_its_frame_fails(newsroom, settings):
    """Nothing listens on port 1: the frame's cache read fails, and the reader still gets a 404 with search.

    (A POST, which no remembered route answers, so only the 404 page itself meets the lost cache.)
    """
    settings.CACHES = {**settings.CACHES, "default": redis_cache_nowhere()}
    response = Client(raise_request_exception=False).post("/no-such-story/")
    assert response.status_code == 404
    assert b'aria-label="Article search"' in response.content


def redis_cache_nowhere():
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5},
    }


@pytest.mark.db_sensitive  # PostgreSQL refuses NUL in a query; SQLite did not mind
@pytest.mark.parametrize("kind", ["section", "author", "tag"])
def test_a_nul_byte_in_a_feed_slug_is_a_400(newsroom, anonymous, kind):
    response = anonymous.get(f"/feeds/{kind}/ne%00ws/rss/")
    assert response.status_code == 400


@pytest.mark.db_sensitive
def test_a_nul_byte_in_a_query_string_is_a_400(newsroom, anonymous):
    assert anonymous.get("/news/?page=1%00").status_code == 400


@pytest.mark.db_sensitive
@pytest.mark.parametrize(
    "query",
    ["date_to=9999-12-31", "date_from=9999-12-31", "date_from=0001-01-01", "date_to=0001-01-01&date_from=0001-01-01"],
)
def test_out_of_range_search_dates_are_a_form_error(newsroom, anonymous, query):
    response = anonymous.get(f"/search/?q=word&{query}")
    assert response.status_code == 400
    assert "Choose a date between 1800 and 2200." in response.content.decode()


def test_a_huge_page_number_on_search_is_not_a_500(newsroom, anonymous):
    response = anonymous.get("/search/?q=word&page=" + "9" * 5000)
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["a" * 300, "images/" + "a" * 300 + ".jpg", "a" * 300 + "/b.mp3"])
def test_a_media_path_segment_too_long_for_the_file_system_is_a_404(anonymous, settings, path):
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)  # the file system checks the name, not a missing folder
    assert anonymous.get(f"/media/{path}").status_code == 404


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.effect_noise((640, 480), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def editor_client(newsroom, django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw-long-enough-123"))
    return client


@pytest.mark.parametrize("kept", [0.9, 0.5, 0.02])  # data cut short (Wagtail accepted it), header cut short (500)
def test_a_truncated_jpeg_upload_in_the_admin_is_a_form_error(editor_client, kept):
    data = jpeg_bytes()
    cut = data[: int(len(data) * kept)]
    response = editor_client.post(
        "/admin/images/add/", {"title": "Cut", "file": SimpleUploadedFile("cut.jpg", cut, "image/jpeg")}
    )
    assert response.status_code == 200
    assert "damaged or incomplete" in response.content.decode()
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("cut.jpg", cut, "image/jpeg")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    assert response.json()["success"] is False and "damaged or incomplete" in response.json()["error_message"]
    assert not CreditedImage.objects.filter(title__in=["Cut", "cut.jpg"]).exists()


def test_a_whole_jpeg_upload_still_works(editor_client):
    upload = SimpleUploadedFile("whole.jpg", jpeg_bytes(), "image/jpeg")
    response = editor_client.post("/admin/images/add/", {"title": "Whole", "file": upload})
    assert response.status_code == 302
    assert CreditedImage.objects.get(title="Whole").width == 640


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/x-www-form-urlencoded; charset=utf-16", "email=a%40example.org&newsletters=x".encode("utf-16")),
        ("application/x-www-form-urlencoded; charset=utf-16", b"email=a%40example.org&newsletters=x"),
        ("application/x-www-form-urlencoded; charset=no-such-charset", b"email=a%40example.org"),
        ("multipart/form-data; boundary=XX; charset=utf-16", b'--XX\r\nContent-Disposition: form-data; name="e"'),
    ],
)
@pytest.mark.parametrize("path", ["/newsletters/signup/", "/admin/login/", "/news/"])
def test_a_form_post_declaring_another_charset_is_a_4xx(newsroom, anonymous, content_type, body, path):
    response = anonymous.generic("POST", path, body, content_type=content_type)
    assert 400 <= response.status_code < 500, (path, content_type, response.status_code)
    if response["Content-Type"].startswith("text/html"):
        assert re.search(rb"<h1[^>]*>", response.content)  # a page a person can read
