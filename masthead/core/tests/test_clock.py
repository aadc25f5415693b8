"""The worker's clock never stops: a failing job, a lost Redis or a lost database is logged, waited out and retried.

The outage tests run a real worker process against a dependency reached through a TCP proxy (or, for SQLite, a
database another connection holds locked), break it for 20 s while an article is due inside that window, and
expect the article live within a minute of the dependency returning, with the same worker process still running.
"""

import sqlite3
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
import rq
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from masthead.core import clock
from masthead.core.models import ClockJob
from masthead.core.testing import TcpProxy, start_worker, stop_process, wait_for
from masthead.newsroom.factories import ArticlePageFactory, build_newsroom

ROOT = Path(__file__).resolve().parents[3]
REDIS_DB = 7
OUTAGE_SECONDS = 20
RECOVERY_SECONDS = 60


class Flaky:
    """A clock job that fails its first ``failures`` runs."""

    def __init__(self, failures):
        self.failures, self.calls = failures, 0
        self.__qualname__ = f"Flaky{uuid.uuid4().hex[:8]}"

    def __call__(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError("the job broke")


@pytest.mark.django_db(transaction=True)  # the clock closes stale connections, as a worker does
def test_a_job_runs_once_per_period_across_workers():
    job = Flaky(failures=0)
    assert clock.run(job, 60) is True
    assert clock.run(job, 60) is False  # another worker (or this one) ran it within the period
    assert job.calls == 1
    assert ClockJob.objects.get(name=clock.job_name(job)).last_finished_at is not None


@pytest.mark.django_db(transaction=True)  # the clock closes stale connections, as a worker does
def test_a_failing_job_is_logged_recorded_and_retried_soon(caplog):
    job = Flaky(failures=1)
    assert clock.run(job, 60) is None
    assert "the job broke" in caplog.text
    record = ClockJob.objects.get(name=clock.job_name(job))
    assert record.last_failed and "RuntimeError" in record.last_error
    assert clock.run(job, 60) is True  # a failed run may be retried at once, not a period later
    record.refresh_from_db()
    assert not record.last_failed and job.calls == 2


@pytest.mark.django_db(transaction=True)  # the clock closes stale connections, as a worker does
def test_the_tick_loop_survives_a_job_that_fails_and_reschedules_it_for_a_retry(monkeypatch):
    job = Flaky(failures=1)
    monkeypatch.setattr(clock, "_jobs", [(60, job)])
    due = {}
    clock._tick_once(due)
    assert job.calls == 1 and due[job] - time.monotonic() <= clock.RETRY_SECONDS
    assert clock.last_tick() is not None
    due[job] = 0  # the retry time has come
    clock._tick_once(due)
    assert job.calls == 2 and due[job] - time.monotonic() > clock.RETRY_SECONDS


def _schedule_inside_the_outage():
    newsroom = build_newsroom(articles_per_section=1)
    due = ArticlePageFactory(parent=newsroom["sections"][0], live=False, title="Due during the outage")
    due.save_revision(approved_go_live_at=timezone.now() + timedelta(seconds=OUTAGE_SECONDS / 2))
    return due


def _live(page):
    return Page.objects.get(pk=page.pk).live


@pytest.mark.django_db(transaction=True)
def test_scheduled_publishing_survives_a_redis_outage_on_rq(tmp_path):
    due = _schedule_inside_the_outage()
    prefix = f"t{uuid.uuid4().hex[:12]}"
    shared = redis.Redis(db=REDIS_DB)
    with TcpProxy("127.0.0.1", 6379) as proxy:
        location = f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}"
        worker = start_worker(tmp_path, REDIS_URL=location, CACHE_KEY_PREFIX=prefix)
        try:
            assert wait_for(lambda: clock.last_tick() is not None, 60, worker), "the clock never ticked"
            proxy.close()
            time.sleep(OUTAGE_SECONDS)
            assert worker.poll() is None, "the worker died with Redis"
            proxy.open()
            assert wait_for(lambda: _live(due), RECOVERY_SECONDS, worker), (tmp_path / "worker.log").read_text()
            assert worker.poll() is None
            # The queue worker is back on Redis too, listening again (registered as a live worker).
            assert wait_for(lambda: rq.Worker.count(connection=shared) > 0, RECOVERY_SECONDS, worker)
        finally:
            stop_process(worker)
            keys = shared.keys(f"{prefix}*") + shared.keys("rq:*")
            if keys:
                shared.delete(*keys)


@pytest.mark.db_sensitive
@pytest.mark.django_db(transaction=True)
def test_scheduled_publishing_survives_a_database_outage_on_the_database_queue(tmp_path):
    due = _schedule_inside_the_outage()
    settings_dict = connection.settings_dict
    if settings_dict["ENGINE"].endswith("sqlite3"):
        _run_through_a_locked_sqlite_file(tmp_path, due, settings_dict["NAME"])
    else:
        _run_through_a_cut_postgresql(tmp_path, due, settings_dict)


def _run_through_a_locked_sqlite_file(tmp_path, due, name):
    worker = start_worker(tmp_path)
    try:
        assert wait_for(lambda: clock.last_tick() is not None, 60, worker), "the clock never ticked"
        locker = sqlite3.connect(name, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")  # every other connection: "database is locked" after its busy timeout
        time.sleep(OUTAGE_SECONDS)
        locker.execute("ROLLBACK")
        locker.close()
        assert worker.poll() is None, "the worker died while the database was locked"
        assert wait_for(lambda: _live(due), RECOVERY_SECONDS, worker), (tmp_path / "worker.log").read_text()
    finally:
        stop_process(worker)


def _run_through_a_cut_postgresql(tmp_path, due, settings_dict):
    host, port = settings_dict.get("HOST") or "127.0.0.1", int(settings_dict.get("PORT") or 5432)
    with TcpProxy(host, port) as proxy:
        url = f"postgres://{settings_dict.get('USER') or 'postgres'}@127.0.0.1:{proxy.port}/{settings_dict['NAME']}"
        worker = start_worker(tmp_path, DATABASE_URL=url)
        try:
            assert wait_for(lambda: clock.last_tick() is not None, 60, worker), "the clock never ticked"
            proxy.close()
            time.sleep(OUTAGE_SECONDS)
            assert worker.poll() is None, "the worker died with the database"
            proxy.open()
            assert wait_for(lambda: _live(due), RECOVERY_SECONDS, worker), (tmp_path / "worker.log").read_text()
            assert worker.poll() is None
        finally:
            stop_process(worker)
