"""A task due later still runs on time after the worker lost Redis and came back (``core/rq_workers.py``).

Real Redis through a TCP proxy the test cuts, and a real ``manage.py worker`` process. The cut kills RQ's scheduler
process; with RQ's own worker classes it was started again only in the worker's maintenance, every 10 minutes, and
the task below waited that long.
"""

import re
import time
import uuid
from datetime import timedelta

import pytest
import redis
import rq
from django.utils import timezone
from rq.scheduler import RQScheduler

from masthead.core import rq_workers
from masthead.core.tasks import heartbeat
from masthead.core.testing import TcpProxy, rq_settings, start_worker, stop_process, wait_for

pytestmark = pytest.mark.db_sensitive

REDIS_DB = 4


def test_the_private_rq_api_the_workers_wrap_is_still_there():
    assert rq_workers.private_api_in_use()


def test_only_the_lock_this_process_held_is_released():
    shared = redis.Redis(db=REDIS_DB)
    mine, theirs = (f"q{uuid.uuid4().hex[:8]}" for _ in range(2))
    try:
        shared.set(RQScheduler.get_locking_key(mine), "previous-run")
        shared.set(RQScheduler.get_locking_key(theirs), "another-worker")
        rq_workers._previous_scheduler_name = "previous-run"
        assert rq_workers.release_previous_locks(shared, [mine, theirs]) == 1
        assert shared.get(RQScheduler.get_locking_key(mine)) is None
        assert shared.get(RQScheduler.get_locking_key(theirs)) == b"another-worker"
        assert rq_workers.release_previous_locks(shared, [theirs]) == 0  # forgotten once released
    finally:
        shared.flushdb()


@pytest.mark.django_db(transaction=True)
def test_a_task_due_later_runs_on_time_after_the_worker_lost_redis(settings, tmp_path):
    prefix = f"t{uuid.uuid4().hex[:10]}"
    shared = redis.Redis(db=REDIS_DB)
    lock_key = RQScheduler.get_locking_key(f"{prefix}:default")
    with TcpProxy("127.0.0.1", 6379) as proxy:
        location = f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}"
        queue_name = rq_settings(settings, location, prefix)
        worker = start_worker(tmp_path, REDIS_URL=location, CACHE_KEY_PREFIX=prefix)
        log = tmp_path / "worker.log"
        try:
            assert wait_for(lambda: shared.get(lock_key), 60, worker), log.read_text()[-3000:]

            proxy.close()
            assert wait_for(lambda: "Scheduler [PID" in log.read_text(), 30, worker), log.read_text()[-3000:]
            time.sleep(2)
            proxy.open()
            # Started again whichever way the worker met the cut: RQ's worker carrying on (its scheduler restarted by
            # the next maintenance) or stopping (manage.py worker starts a new one, which frees its old locks).
            started = "Scheduler for .* started with PID"
            assert wait_for(lambda: len(re.findall(started, log.read_text())) >= 2, 45, worker), log.read_text()[-3000:]
            assert shared.get(lock_key) is not None

            result = heartbeat.using(run_after=timezone.now() + timedelta(seconds=2)).enqueue(note="due soon")
            job = lambda: rq.job.Job.fetch(result.id, connection=shared)  # noqa: E731
            assert wait_for(lambda: job().get_status() == "finished", 30, worker), (
                job().get_status(),
                log.read_text()[-3000:],
            )
            assert job().origin == queue_name
            assert worker.poll() is None, "the same worker process throughout"
        finally:
            stop_process(worker)
            shared.flushdb()
