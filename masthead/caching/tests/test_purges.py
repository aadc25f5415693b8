"""Purges: which addresses, retries when the cache refuses, and the requests the CDN backends send."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from masthead.caching import purges, tasks
from masthead.core.testing import tasks_setting

pytestmark = pytest.mark.django_db

CLOUDFRONT_REPLY = (
    '<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id>'
    "<Status>InProgress</Status><CreateTime>2026-12-02T00:00:00Z</CreateTime><InvalidationBatch><Paths>"
    "<Quantity>0</Quantity></Paths><CallerReference>x</CallerReference></InvalidationBatch></Invalidation>"
)


class Recorder(ThreadingHTTPServer):
    """An HTTP server on loopback that records every request and answers what a CDN's API would."""

    def __init__(self, status=200):
        self.requests, self.status = [], status
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class RecordingHandler(BaseHTTPRequestHandler):
    def _answer(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append((self.command, self.path, dict(self.headers), body))
        reply = CLOUDFRONT_REPLY if "cloudfront" in self.path or "/2020-05-31/" in self.path else '{"success": true}'
        self.send_response(self.server.status if self.command == "PURGE" else 201 if "2020" in self.path else 200)
        self.send_header("Content-Type", "text/xml" if reply.startswith("<") else "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply.encode())

    do_PURGE = do_POST = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = Recorder()
    yield server
    server.shutdown()


def test_an_article_purges_its_page_section_home_authors_tags_feeds_and_sitemaps(newsroom, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    article = newsroom["articles"][0]
    article.tags.add("climate")
    article.save_revision().publish()
    urls = purges.urls_for_page(article)
    base = "https://news.example.org"
    expected = {
        base + article.url,
        base + article.get_parent().url,
        base + "/",
        base + article.authors[0].get_absolute_url(),
        base + "/tags/climate/",
        base + "/feeds/rss/",
        base + "/feeds/atom/",
        base + f"/feeds/section/{article.get_parent().slug}/rss/",
        base + f"/feeds/author/{article.authors[0].slug}/json/",
        base + "/feeds/tag/climate/atom/",
        base + "/sitemap.xml",
        base + "/sitemap-articles.xml",
        base + "/news-sitemap.xml",
    }
    assert expected <= urls, expected - urls


def test_a_moved_page_purges_its_old_address_too(newsroom):
    article = newsroom["articles"][0]
    old = article.url
    article.move(newsroom["sections"][1], pos="last-child")
    assert purges.absolute(purges.path_from_url_path("/" + newsroom["home"].slug + old)) in purges.urls_for_page(
        article, path_before=purges.path_from_url_path("/" + newsroom["home"].slug + old)
    )


def test_publishing_purges_at_once_and_queues_what_failed(newsroom, settings, django_capture_on_commit_callbacks):
    settings.TASKS = tasks_setting("django_tasks.backends.dummy.DummyBackend")
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["articles"][0].save_revision().publish()
    queued = [result for result in default_task_backend.results if result.task.name == "purge_urls"]
    assert len(queued) == 1
    assert any(url.endswith(newsroom["articles"][0].url) for url in queued[0].args[0])


def test_a_confirmed_purge_queues_nothing(newsroom, settings, recorder, django_capture_on_commit_callbacks):
    settings.TASKS = tasks_setting("django_tasks.backends.dummy.DummyBackend")
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": recorder.url}
    }
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["articles"][0].save_revision().publish()
    assert newsroom["articles"][0].url in {path for _, path, _, _ in recorder.requests}
    assert not [result for result in default_task_backend.results if result.task.name == "purge_urls"]


def test_a_refused_purge_is_retried_later_and_given_up_in_the_end(settings, recorder):
    recorder.status = 503
    settings.TASKS = tasks_setting("django_tasks.backends.dummy.DummyBackend")
    settings.MASTHEAD_PURGE_ATTEMPTS = 3
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": recorder.url}
    }
    from django_tasks import default_task_backend

    default_task_backend.clear()
    outcome = tasks.purge_urls.call(["http://news.example.org/a/", "http://news.example.org/b/"])
    assert outcome == {"purged": 0, "failed": 2}
    # One refusal is enough to queue the lot: a hung proxy costs one timeout, not one per address.
    assert [(method, path, headers["Host"]) for method, path, headers, _ in recorder.requests] == [
        ("PURGE", "/a/", "news.example.org")
    ]
    retry = default_task_backend.results[-1]
    assert list(retry.args) == [["http://news.example.org/a/", "http://news.example.org/b/"], 2]
    assert retry.task.run_after is not None

    recorder.status = 200
    assert tasks.purge_urls.call(["http://news.example.org/a/"], 3) == {"purged": 1, "failed": 0}
    recorder.status = 503
    default_task_backend.clear()
    tasks.purge_urls.call(["http://news.example.org/a/"], 3)  # the last attempt: logged, not queued again
    assert not default_task_backend.results


def test_an_unreachable_cache_is_retried(settings):
    settings.TASKS = tasks_setting("django_tasks.backends.dummy.DummyBackend")
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    assert tasks.purge_urls.call(["http://news.example.org/a/"]) == {"purged": 0, "failed": 1}


def test_cloudflare_receives_the_addresses_in_one_authenticated_request(settings, recorder, monkeypatch):
    import requests
    from wagtail.contrib.frontend_cache.backends import cloudflare

    real_post = requests.post
    # The API's address is fixed in Wagtail's backend; send the very same request to the recorder instead.
    monkeypatch.setattr(
        cloudflare.requests,
        "post",
        lambda url, **kwargs: real_post(url.replace("https://api.cloudflare.com", recorder.url), **kwargs),
    )
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone123",
            "BEARER_TOKEN": "secret-token",
        }
    }
    urls = ["https://news.example.org/", "https://news.example.org/news/a/"]
    tasks.purge_urls.call(urls)
    [(method, path, headers, body)] = recorder.requests
    assert (method, path) == ("POST", "/client/v4/zones/zone123/purge_cache")
    assert headers["Authorization"] == "Bearer secret-token"
    assert sorted(json.loads(body)["files"]) == urls


def test_cloudfront_receives_an_invalidation_of_the_paths(settings, recorder, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", recorder.url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with override_settings(
        WAGTAILFRONTENDCACHE={
            "cloudfront": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
                "DISTRIBUTION_ID": "E123",
            }
        }
    ):
        tasks.purge_urls.call(["https://news.example.org/", "https://news.example.org/news/a/?p=2"])
    [(method, path, headers, body)] = recorder.requests
    assert method == "POST" and path == "/2020-05-31/distribution/E123/invalidation"
    assert "AWS4-HMAC-SHA256" in headers["Authorization"]
    assert b"<Path>/</Path>" in body and b"<Path>/news/a/?p=2</Path>" in body


def test_purges_queue_on_the_rq_backend_production_uses(newsroom, settings, django_capture_on_commit_callbacks):
    """The RQ backend (Redis db 5 here) accepts the purge task as the signal enqueues it, retries included."""
    import django_rq

    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/5", "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = tasks_setting("django_tasks_rq.RQBackend")
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    queue = django_rq.get_queue("default")
    queue.empty()
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["articles"][0].save_revision().publish()
    assert any("purge_urls" in (job.func_name or "") or "purge_urls" in str(job.args) for job in queue.jobs)
    tasks.purge_urls.call(["http://news.example.org/a/"])  # refused: the retry is scheduled through RQ too
    scheduled = queue.scheduled_job_registry
    assert scheduled.get_job_ids()
    for job_id in scheduled.get_job_ids():
        scheduled.remove(job_id, delete_job=True)
    queue.empty()


def test_loading_the_demo_purges_once_at_the_end(newsroom, settings, recorder, django_capture_on_commit_callbacks):
    from masthead.newsroom.demo import demo_loaded, loading_demo

    settings.TASKS = tasks_setting("django_tasks.backends.dummy.DummyBackend")
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": recorder.url}
    }
    article = newsroom["articles"][0]
    with django_capture_on_commit_callbacks(execute=True), loading_demo():
        article.save_revision().publish()
    assert recorder.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        demo_loaded.send(sender=None, articles=[article])
    purged = {path for _, path, _, _ in recorder.requests}
    assert "/" in purged and article.url not in purged
