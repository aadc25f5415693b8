"""RQ without Redis: a task enqueued while Redis is away waits in the database, and the worker's clock queues it.

Redis is the real one, reached through a TCP proxy the tests cut (``testing.TcpProxy``); the worker is a real
``manage.py worker`` process, never restarted.
"""

import uuid

import pytest
import redis
import rq
from django.db import connection
from django_tasks import task_backends
from wagtail.models import Page

from masthead.core import deferred
from masthead.core.models import DeferredTask
from masthead.core.tasks import heartbeat
from masthead.core.testing import TcpProxy, rq_settings, start_worker, stop_process, wait_for
from masthead.newsroom.factories import build_newsroom
from masthead.newsroom.models import ArticlePage

pytestmark = pytest.mark.db_sensitive

REDIS_DB = 3
RECOVERY_SECONDS = 120  # a loaded machine with SQLite: busy waits of up to 20 s each (settings), several tasks


@pytest.fixture
def shared_redis():
    shared = redis.Redis(db=REDIS_DB)
    yield shared
    shared.flushdb()


@pytest.fixture
def redis_proxy():
    with TcpProxy("127.0.0.1", 6379) as proxy:
        yield proxy


@pytest.mark.django_db
def test_an_enqueue_without_redis_is_kept_and_queued_when_redis_returns(settings, redis_proxy, shared_redis, caplog):
    queue_name = rq_settings(settings, f"redis://127.0.0.1:{redis_proxy.port}/{REDIS_DB}", "site-a")
    redis_proxy.close()

    result = heartbeat.enqueue(note="during the outage")  # no exception: the caller carries on

    assert result.status == "READY"
    [kept] = DeferredTask.objects.all()
    assert (kept.task_path, kept.args, kept.kwargs) == (
        "masthead.core.tasks.heartbeat",
        [],
        {"note": "during the outage"},
    )
    assert "ConnectionError" in kept.last_error and "kept in the database" in caplog.text

    assert deferred.queue_deferred_tasks() == 0  # Redis still away: it stays, with the attempt counted
    kept.refresh_from_db()
    assert kept.attempts == 1

    redis_proxy.open()
    assert deferred.queue_deferred_tasks() == 1
    assert not DeferredTask.objects.exists()
    [job] = rq.Queue(queue_name, connection=shared_redis).jobs
    assert job.func_name == "masthead.core.tasks.heartbeat" and job.kwargs == {"note": "during the outage"}


@pytest.mark.django_db
def test_a_deferred_task_that_no_longer_exists_stays_listed_and_the_others_are_queued(
    settings, redis_proxy, shared_redis, caplog
):
    queue_name = rq_settings(settings, f"redis://127.0.0.1:{redis_proxy.port}/{REDIS_DB}", "site-a")
    DeferredTask.objects.create(task_path="masthead.core.tasks.renamed_in_an_upgrade")
    DeferredTask.objects.create(task_path="masthead.core.tasks.heartbeat", kwargs={"note": "still here"})
    assert deferred.queue_deferred_tasks() == 1
    [stuck] = DeferredTask.objects.all()
    assert stuck.attempts == 1 and "renamed_in_an_upgrade" in stuck.last_error
    assert len(rq.Queue(queue_name, connection=shared_redis).jobs) == 1


@pytest.mark.django_db
def test_a_deferred_task_due_later_is_scheduled_for_its_time(settings, redis_proxy, shared_redis):
    from datetime import timedelta

    from django.utils import timezone

    queue_name = rq_settings(settings, f"redis://127.0.0.1:{redis_proxy.port}/{REDIS_DB}", "site-a")
    redis_proxy.close()
    due = timezone.now() + timedelta(hours=1)
    heartbeat.using(run_after=due).enqueue(note="later")
    assert DeferredTask.objects.get().run_after == due
    redis_proxy.open()
    assert deferred.queue_deferred_tasks() == 1
    scheduled = rq.Queue(queue_name, connection=shared_redis).scheduled_job_registry
    assert len(scheduled.get_job_ids()) == 1


@pytest.mark.django_db(transaction=True)
def test_publish_while_redis_is_away_answers_and_its_tasks_run_when_redis_returns(
    settings, client, django_user_model, redis_proxy, shared_redis, tmp_path
):
    """The editor's Publish (admin HTTP) succeeds with Redis cut; purge and search indexing run once it returns."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    location = f"redis://127.0.0.1:{redis_proxy.port}/{REDIS_DB}"
    queue_name = rq_settings(settings, location, prefix)
    settings.WAGTAILFRONTENDCACHE = {  # a proxy that refuses: the purge goes to the queue, as after a Varnish hiccup
        "proxy": {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    newsroom = build_newsroom(articles_per_section=1)
    article = newsroom["articles"][0]
    article.title = "Quetzalcoatlus returns"
    article.save_revision()
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "a-long-test-password"))

    redis_proxy.close()
    response = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={article.pk}&next=/admin/", {})
    assert response.status_code == 302
    assert Page.objects.get(pk=article.pk).title == "Quetzalcoatlus returns"
    assert client.get(article.url).status_code == 200 and b"Quetzalcoatlus" in client.get(article.url).content
    waiting = set(DeferredTask.objects.values_list("task_path", flat=True))
    assert {"masthead.search.tasks.index_article", "masthead.caching.tasks.purge_urls"} <= waiting
    assert not ArticlePage.objects.live().search("Quetzalcoatlus")  # not indexed yet: the task waits
    dashboard = client.get("/admin/").content.decode()
    assert "waiting for the task queue" in dashboard and "The task queue (Redis) is unreachable" in dashboard

    worker = start_worker(tmp_path, REDIS_URL=location, CACHE_KEY_PREFIX=prefix)
    try:
        redis_proxy.open()
        assert wait_for(lambda: not DeferredTask.objects.exists(), RECOVERY_SECONDS, worker), _log(tmp_path)
        finished = rq.Queue(queue_name, connection=shared_redis).finished_job_registry
        ran = lambda: {rq.job.Job.fetch(i, connection=shared_redis).func_name for i in finished.get_job_ids()}  # noqa: E731
        assert wait_for(
            lambda: {"masthead.search.tasks.index_article", "masthead.caching.tasks.purge_urls"} <= ran(),
            RECOVERY_SECONDS,
            worker,
        ), _log(tmp_path)
        connection.close()  # read what the worker committed
        assert list(ArticlePage.objects.live().search("Quetzalcoatlus")) == [article.page_ptr.specific]
        assert "state=FAILED" not in (tmp_path / "worker.log").read_text(), _log(tmp_path)  # none waited out a lock
        assert worker.poll() is None, "the same worker, never restarted"
    finally:
        stop_process(worker)


def _log(tmp_path):
    return (tmp_path / "worker.log").read_text()[-4000:]


@pytest.mark.django_db(transaction=True)
def test_two_sites_sharing_one_redis_database_each_run_only_their_own_tasks(settings, shared_redis, tmp_path):
    """CACHE_KEY_PREFIX names each site's RQ queue: a worker of site A leaves site B's tasks alone."""
    from masthead.core.testing import run_worker_batch, worker_environment

    location = f"redis://127.0.0.1:6379/{REDIS_DB}"
    results = {}
    for site in ("site-a", "site-b"):
        rq_settings(settings, location, site)
        results[site] = heartbeat.enqueue(note=site).id
    assert task_backends["default"].queues == {"site-b:default", "site-b:narration"}

    def status(site):
        return rq.job.Job.fetch(results[site], connection=shared_redis).get_status()

    assert {status("site-a"), status("site-b")} == {"queued"}
    done = run_worker_batch(
        worker_environment(REDIS_URL=location, CACHE_KEY_PREFIX="site-a", MASTHEAD_VAR_DIR=tmp_path)
    )
    assert done.returncode == 0, done.stderr
    assert (status("site-a"), status("site-b")) == ("finished", "queued")

    done = run_worker_batch(
        worker_environment(REDIS_URL=location, CACHE_KEY_PREFIX="site-b", MASTHEAD_VAR_DIR=tmp_path)
    )
    assert done.returncode == 0, done.stderr
    assert status("site-b") == "finished"
