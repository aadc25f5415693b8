"""Redis goes away under a running server and comes back: readers and editors never see a 500, and nobody restarts.

The server is a live HTTP server in this process whose caches (default and renditions) reach the real Redis
through a TCP proxy; closing the proxy leaves the cache address with nothing listening.
"""

import http.cookiejar
import re
import time
import urllib.error
import urllib.request
import uuid

import pytest
import redis
from wagtail.models import Page

from masthead.core import cache as resilient
from masthead.core.testing import TcpProxy
from masthead.newsroom.factories import ArticlePageFactory
from masthead.newsroom.publish_version import FALLBACK_SECONDS, LISTS_VERSION_KEY

REDIS_DB = 6


def _get(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _reader_urls(newsroom):
    article, section, author = newsroom["articles"][0], newsroom["sections"][0], newsroom["authors"][0]
    image = article.hero_image
    return [
        article.url,
        "/",
        section.url,
        author.get_absolute_url(),
        "/tags/outage-tag/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/json/",
        f"/feeds/section/{section.slug}/rss/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/search/?q=Headline",
        "/newsletters/",
        "/logo.png",
        image.file.url,
        image.get_rendition("fill-480x270").url,
    ]


@pytest.fixture
def redis_through_proxy(settings):
    prefix = f"t{uuid.uuid4().hex[:12]}"
    with TcpProxy("127.0.0.1", 6379) as proxy:
        location = f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}"
        backend = {"BACKEND": "masthead.core.cache.ResilientRedisCache", "LOCATION": location}
        settings.CACHES = {
            **settings.CACHES,
            "default": {**backend, "KEY_PREFIX": prefix},
            "renditions": {**backend, "KEY_PREFIX": f"{prefix}-renditions"},
        }
        shared = redis.Redis(db=REDIS_DB)
        try:
            yield proxy, shared, f"{prefix}:1:{LISTS_VERSION_KEY}"
        finally:
            keys = shared.keys(f"{prefix}*")
            if keys:
                shared.delete(*keys)
            resilient._down_until.clear()


@pytest.mark.db_sensitive
@pytest.mark.django_db(transaction=True)
def test_readers_and_editors_keep_their_pages_while_redis_is_away(
    live_server, newsroom, redis_through_proxy, django_user_model
):
    proxy, shared, version_key = redis_through_proxy
    ArticlePageFactory(parent=newsroom["sections"][0], tags=["Outage Tag"], authors=[newsroom["authors"][0]])
    django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    reader = urllib.request.build_opener()
    urls = [live_server.url + path for path in _reader_urls(newsroom)]

    assert [(url, _get(reader, url)[0]) for url in urls] == [(url, 200) for url in urls]
    version_before = int(shared.get(version_key))

    proxy.close()
    started = time.monotonic()
    answers = [(url, _get(reader, url)[0]) for url in urls]
    assert answers == [(url, 200) for url in urls], "every reader URL still answers while Redis is away"
    assert time.monotonic() - started < 20  # no connection timeout paid per request

    # A publication while Redis is away shows at once in this process (its fallback version follows it).
    article = newsroom["articles"][0]
    article.title = "Published during the outage"
    article.save_revision().publish()
    assert "Published during the outage" in _get(reader, live_server.url + "/")[1]

    # Editors: sign in, the dashboard and the page editor.
    editor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    status, login_form = _get(editor, live_server.url + "/admin/login/")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_form).group(1)
    body = f"csrfmiddlewaretoken={token}&username=editor&password=a-long-test-password&next=/admin/".encode()
    status, dashboard = _get(editor, live_server.url + "/admin/login/", data=body)
    assert status == 200 and "Dashboard" in dashboard
    assert _get(editor, f"{live_server.url}/admin/pages/{article.pk}/edit/")[0] == 200

    # Redis returns: within the retry window and one fallback window the server uses it again, unrestarted,
    # and the version moves past everything any process remembered before or during the outage.
    connections = proxy.connections
    proxy.open()
    deadline = time.monotonic() + resilient.RETRY_SECONDS + FALLBACK_SECONDS + 5
    while time.monotonic() < deadline and proxy.connections == connections:
        assert _get(reader, urls[0])[0] == 200
        time.sleep(0.2)
    assert proxy.connections > connections, "the server went back to Redis by itself"
    assert _get(reader, urls[0])[0] == 200
    assert int(shared.get(version_key)) > version_before


@pytest.mark.django_db
def test_without_redis_the_cache_misses_drops_writes_and_refuses_to_count(settings):
    """The backend's contract, against a port where nothing listens (then against the real Redis)."""
    from django.core.cache import caches

    with TcpProxy("127.0.0.1", 6379) as proxy:
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "masthead.core.cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}",
                "KEY_PREFIX": f"t{uuid.uuid4().hex[:12]}",
            },
        }
        cache = caches["default"]
        try:
            cache.set("present", 1)
            assert cache.get("present") == 1 and resilient.reachable()
            proxy.close()
            assert cache.get("present", "missing") == "missing" and not resilient.reachable()
            assert cache.get_many(["present"]) == {} and cache.add("other", 1) is False
            cache.set("other", 2)  # dropped, not raised
            with pytest.raises(resilient.CacheUnavailable):
                cache.incr("present")
            proxy.open()
            resilient._down_until.clear()  # skip the retry wait: the next call asks Redis again
            assert cache.get("present") == 1 and resilient.reachable()
            cache.delete("present")
        finally:
            resilient._down_until.clear()


@pytest.mark.django_db
def test_an_unreachable_version_falls_back_per_process_and_moves_on(settings, newsroom, client):
    from masthead.newsroom.publish_version import lists_version

    with TcpProxy("127.0.0.1", 6379) as proxy:
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "masthead.core.cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}",
                "KEY_PREFIX": f"t{uuid.uuid4().hex[:12]}",
            },
        }
        try:
            shared = lists_version()
            assert shared > 0
            proxy.close()
            fallback = lists_version()
            assert fallback < 0  # never a number the shared cache hands out
            Page.objects.filter(pk=newsroom["articles"][1].pk).update(title="Changed in the database")
            newsroom["articles"][2].save_revision().publish()  # a publication here moves this process's version
            assert lists_version() != fallback
            assert "Changed in the database" in client.get("/").content.decode()
        finally:
            resilient._down_until.clear()
