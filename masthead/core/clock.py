"""Jobs the worker runs on a clock, beside the tasks it takes from the queue.

An app registers a job in its ``AppConfig.ready()`` with ``clock.every(seconds, job)``; ``manage.py worker``
starts the clock in a background thread (``--batch`` runs each job once instead). A job runs in one worker at a
time when several share a cache (a lock with the job's period), and a failing job is logged, never fatal.
"""

import logging
import threading
import time

from django.core.cache import cache
from django.db import close_old_connections

logger = logging.getLogger(__name__)
_jobs: list[tuple[int, callable]] = []


def every(seconds: int, job):
    if all(registered is not job for _, registered in _jobs):
        _jobs.append((seconds, job))


def run(job, seconds: int) -> bool:
    """Run ``job`` unless another worker did within ``seconds``; True when it ran."""
    if not cache.add(f"masthead:clock:{job.__module__}.{job.__qualname__}", True, timeout=max(1, seconds - 1)):
        return False
    try:
        job()
    except Exception:
        logger.exception("Clock job %s failed; it runs again in %s s", job.__qualname__, seconds)
    finally:
        close_old_connections()
    return True


def run_all_once():
    for seconds, job in _jobs:
        run(job, seconds)


def start() -> threading.Thread:
    thread = threading.Thread(target=_tick_forever, name="masthead-clock", daemon=True)
    thread.start()
    return thread


def _tick_forever():
    due = {}
    while True:
        now = time.monotonic()
        for seconds, job in _jobs:
            if now >= due.get(job, 0):
                due[job] = now + seconds
                run(job, seconds)
        time.sleep(1)
