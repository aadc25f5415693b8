"""Through the real Varnish (deploy/varnish/masthead.vcl): hits, purges on publish, editors and cookies."""

import time
import urllib.request
from urllib.error import HTTPError

import pytest
from django.contrib.auth.models import User

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.db_sensitive]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except HTTPError as error:
        return error.code, error.headers, error.read().decode()


def wait_until(predicate, seconds=1.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_reader_pages_are_served_from_the_cache(varnish, newsroom):
    address = varnish.url + newsroom["articles"][0].url
    status, headers, _ = fetch(address)
    assert status == 200 and headers["X-Cache"] == "MISS"
    status, headers, body = fetch(address, {"Cookie": "_ga=somebody; theme=dark"})  # foreign cookies are dropped
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert newsroom["articles"][0].title in body
    assert "Set-Cookie" not in headers


def test_each_encoding_is_cached_apart(varnish, newsroom):
    address = varnish.url + "/"
    for encoding, expected in (("gzip, deflate, br", "br"), ("gzip", "gzip"), ("identity", None)):
        fetch(address, {"Accept-Encoding": encoding})
        response = urllib.request.urlopen(urllib.request.Request(address, headers={"Accept-Encoding": encoding}))
        assert response.headers.get("Content-Encoding") == expected, encoding
        assert response.headers["X-Cache"] == "HIT"


def test_publishing_purges_the_article_and_its_lists_within_a_second(varnish, newsroom):
    article = newsroom["articles"][0]
    section = article.get_parent()
    for path in (article.url, section.url, "/", "/feeds/rss/"):
        fetch(varnish.url + path)
        assert fetch(varnish.url + path)[1]["X-Cache"] == "HIT", path

    article.title = "A corrected headline"
    started = time.monotonic()
    article.save_revision().publish()
    for path in (article.url, section.url, "/", "/feeds/rss/"):
        assert wait_until(lambda path=path: "A corrected headline" in fetch(varnish.url + path)[2]), path
    assert time.monotonic() - started < 5  # each page within a second of the previous one's refresh


def test_unpublishing_purges_the_article(varnish, newsroom):
    article = newsroom["articles"][1]
    address = varnish.url + article.url
    fetch(address)
    assert fetch(address)[1]["X-Cache"] == "HIT"
    article.unpublish()
    assert wait_until(lambda: fetch(address)[0] == 404)


def test_editors_bypass_the_cache_and_readers_never_get_their_page(varnish, newsroom, client):
    article = newsroom["articles"][0]
    address = varnish.url + article.url
    fetch(address)  # a reader's copy is cached

    editor = User.objects.create_superuser("editor", "ed@example.org", "pw")
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    for _ in range(2):
        status, headers, body = fetch(address, {"Cookie": f"sessionid={session}"})
        assert status == 200 and "Edit post" in body
        assert headers["X-Cache"] == "MISS" and "private" in headers["Cache-Control"]

    status, headers, body = fetch(address)
    assert headers["X-Cache"] == "HIT"
    assert "Edit post" not in body and "/admin/" not in body and session not in body
    assert "csrfmiddlewaretoken" not in body


def test_a_response_that_sets_a_cookie_is_never_cached(varnish, newsroom):
    from wagtail.models import PageViewRestriction

    article = newsroom["articles"][2]
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="secret")
    address = varnish.url + article.url
    first = fetch(address)
    second = fetch(address)
    assert "Set-Cookie" in first[1] and "Set-Cookie" in second[1]
    assert second[1]["X-Cache"] == "MISS"
    assert first[1]["Set-Cookie"] != second[1]["Set-Cookie"]  # nobody is handed another reader's token


def test_the_admin_is_never_cached(varnish, newsroom):
    for _ in range(2):
        status, headers, _ = fetch(varnish.url + "/admin/login/")
        assert headers["X-Cache"] == "MISS"


def test_pages_with_sign_up_forms_are_cached_and_carry_no_token(varnish, newsroom):
    from masthead.newsletters.tests.conftest import make_newsletter

    make_newsletter()
    for path in ("/", newsroom["articles"][0].url, "/newsletters/", "/newsletters/briefing/"):
        fetch(varnish.url + path)
        status, headers, body = fetch(varnish.url + path)
        assert status == 200 and headers["X-Cache"] == "HIT", path
        assert 'name="email"' in body or path == newsroom["articles"][0].url
        assert "Set-Cookie" not in headers and "csrfmiddlewaretoken" not in body, path


def test_a_cached_page_carries_the_same_security_headers_for_everyone(varnish, newsroom):
    """The policy holds no nonce, so the copy Varnish shares is as valid for the second reader as for the first."""
    address = varnish.url + newsroom["articles"][0].url
    first = fetch(address)[1]
    second = fetch(address, {"Cookie": "theme=dark"})[1]
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert "public" in second["Cache-Control"]
    policy = first["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "nonce-" not in policy
    assert second["Content-Security-Policy"] == policy
    assert second["Permissions-Policy"] == first["Permissions-Policy"]
    assert "camera=()" in first["Permissions-Policy"]
