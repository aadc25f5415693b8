"""The caching policy, at the application: who may be cached, for how long, compressed how."""

import brotli
import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}
BR = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def reader_addresses(newsroom):
    article = newsroom["articles"][0]
    author = article.authors[0]
    return [
        "/",
        newsroom["sections"][0].url,
        article.url,
        author.get_absolute_url(),
        "/feeds/rss/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
    ]


def test_anonymous_reader_pages_are_public_for_shared_caches(client, newsroom, settings):
    settings.MASTHEAD_CACHE_SECONDS, settings.MASTHEAD_CACHE_STALE_SECONDS = 30, 30
    for address in reader_addresses(newsroom):
        response = client.get(address)
        assert response.status_code == 200, address
        control = response["Cache-Control"]
        if address.startswith("/feeds/"):  # the feed view sets its own public lifetime; purges still reach it
            assert control.startswith("public"), control
            continue
        for directive in ("public", "max-age=0", "s-maxage=30", "stale-while-revalidate=30", "stale-if-error="):
            assert directive in control, (address, control)
        assert "ETag" in response, address


def test_a_logged_in_editor_is_never_cached(client, newsroom):
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "pw"))
    response = client.get(newsroom["articles"][0].url)
    assert "Edit post" in response.content.decode()
    assert response["Cache-Control"] == "no-store, private" or set(response["Cache-Control"].split(", ")) == {
        "private",
        "no-store",
    }


def test_a_session_cookie_alone_makes_the_page_private(client, newsroom):
    client.cookies["sessionid"] = "whatever"
    assert "private" in client.get(newsroom["articles"][0].url)["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_private_even_on_a_reader_view(client, newsroom, rf):
    from django.http import HttpResponse
    from django.urls import resolve

    from masthead.caching.policy import CachePolicyMiddleware

    request = rf.get(newsroom["articles"][0].url)
    request.resolver_match = resolve(request.path)

    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("tracker", "1")
        return response

    control = CachePolicyMiddleware(view)(request)["Cache-Control"]
    assert "private" in control and "no-store" in control and "public" not in control


def test_search_and_other_per_reader_pages_are_private(client, newsroom):
    for address in ("/search/?q=news", "/newsletters/confirm/nonsense/"):
        control = client.get(address)["Cache-Control"]
        assert "private" in control and "no-store" in control, address


def test_not_found_is_not_cached_for_long(client, newsroom):
    assert "public" not in client.get("/no-such-page/")["Cache-Control"]


def test_etag_answers_304(client, newsroom):
    address = newsroom["articles"][0].url
    first = client.get(address, **GZIP)
    again = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
    assert again.status_code == 304
    assert "public" in again["Cache-Control"]


def test_html_is_compressed_with_brotli_or_gzip_as_asked(client, newsroom):
    address = newsroom["articles"][0].url
    plain = client.get(address)
    assert not plain.has_header("Content-Encoding")
    headline = newsroom["articles"][0].title.encode()

    gzipped = client.get(address, **GZIP)
    assert gzipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in gzipped["Vary"]
    import gzip

    assert headline in gzip.decompress(gzipped.content)

    brotlied = client.get(address, **BR)
    assert brotlied["Content-Encoding"] == "br"
    assert headline in brotli.decompress(brotlied.content)
    assert len(brotlied.content) < len(plain.content) / 3


def test_streamed_sitemap_compresses_with_brotli(client, newsroom):
    response = client.get("/sitemap-articles.xml", **BR)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response["Content-Encoding"] == "br"
    assert b"<urlset" in brotli.decompress(body)


def test_brotli_refused_with_q0_falls_back_to_gzip(client, newsroom):
    response = client.get("/", HTTP_ACCEPT_ENCODING="br;q=0, gzip")
    assert response["Content-Encoding"] == "gzip"


def test_private_pages_never_get_brotli(client, newsroom):
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "pw"))
    assert client.get(newsroom["articles"][0].url, **BR).get("Content-Encoding") != "br"
