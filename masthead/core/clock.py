"""Jobs the worker runs on a clock, beside the tasks it takes from the queue.

An app registers a job in its ``AppConfig.ready()`` with ``clock.every(seconds, job)``; ``manage.py worker``
starts the clock in a background thread (``--batch`` runs each job once instead). A job runs in one worker at a
time when several share a database: a worker claims each run in the ``ClockJob`` table, so the clock needs no
Redis. Nothing stops the clock: an error in a claim, a job or the tick itself is logged and retried after
``RETRY_SECONDS`` (a failed job may be retried by any worker), and the thread keeps ticking.
"""

import logging
import threading
import time
import traceback
from datetime import timedelta

from django.db import close_old_connections
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)
_jobs: list[tuple[int, callable]] = []
_failed_claims: dict[str, object] = {}  # job name -> the start this worker claimed, for a run that failed

TICK = "masthead.core.clock"  # the ClockJob row that says when any worker's clock last ticked
TICK_EVERY = 15
RETRY_SECONDS = 5


def every(seconds: int, job):
    if all(registered is not job for _, registered in _jobs):
        _jobs.append((seconds, job))


def job_name(job) -> str:
    return f"{job.__module__}.{job.__qualname__}"


def claim(name: str, seconds: int, retrying=None):
    """The start time this worker claimed ``name`` at, or None when it is not due here: somebody started it
    within ``seconds`` and it did not fail. ``retrying`` is this worker's own failed claim, which it may take
    again even when the failure could not be recorded (the database was away)."""
    from masthead.core.models import ClockJob

    now = timezone.now()
    ClockJob.objects.get_or_create(name=name)
    due = Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - timedelta(seconds=seconds - 1))
    due |= Q(last_failed=True)
    if retrying is not None:
        due |= Q(last_started_at=retrying)
    claimed = ClockJob.objects.filter(due, name=name).update(last_started_at=now, last_failed=False)
    return now if claimed else None


def run(job, seconds: int) -> bool | None:
    """Run ``job`` unless another worker did within ``seconds``: True when it ran, False when it was not due
    here, None when the claim or the job failed (try again in ``RETRY_SECONDS``)."""
    name = job_name(job)
    close_old_connections()  # a connection the database dropped during an outage is replaced, not reused
    try:
        started = claim(name, seconds, retrying=_failed_claims.get(name))
    except Exception as error:
        _log_failure("Clock could not claim %s", name, error)
        return None
    if started is None:
        return False
    _failed_claims.pop(name, None)
    try:
        job()
    except Exception as error:
        _failed_claims[name] = started
        _log_failure("Clock job %s failed", name, error)
        _record(name, traceback.format_exc()[-4000:])
        return None
    finally:
        close_old_connections()
    _record(name)
    return True


def _log_failure(message: str, name: str, error: Exception):
    """A lost database or Redis is one line every few seconds; anything else is a bug, with its traceback."""
    if isinstance(error, lost_dependency_errors()):
        logger.warning(message + " (%s: %s); trying again in %s s", name, type(error).__name__, error, RETRY_SECONDS)
    else:
        logger.exception(message + "; trying again in %s s", name, RETRY_SECONDS)


def lost_dependency_errors() -> tuple:
    """What a lost database or Redis raises: worth waiting out, unlike a bug."""
    from django.db import InterfaceError, OperationalError

    errors = [OperationalError, InterfaceError, ConnectionError, TimeoutError]
    try:
        import redis

        errors += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:
        pass
    return tuple(errors)


def _record(name: str, error: str = ""):
    from masthead.core.models import ClockJob

    try:
        ClockJob.objects.filter(name=name).update(
            last_finished_at=timezone.now(), last_failed=bool(error), last_error=error
        )
    except Exception as failure:
        _log_failure("Clock could not record how %s ended", name, failure)


def tick():
    """Record that this worker's clock is alive (at most once per ``TICK_EVERY`` across all workers)."""
    from masthead.core.models import ClockJob

    if claim(TICK, TICK_EVERY) is not None:
        ClockJob.objects.filter(name=TICK).update(last_finished_at=timezone.now(), last_failed=False)


def last_tick():
    """When any worker's clock last ticked, or None (never, or the database cannot say)."""
    from masthead.core.models import ClockJob

    return ClockJob.objects.filter(name=TICK).values_list("last_finished_at", flat=True).first()


def run_all_once():
    for seconds, job in _jobs:
        run(job, seconds)


def start() -> threading.Thread:
    thread = threading.Thread(target=_tick_forever, name="masthead-clock", daemon=True)
    thread.start()
    return thread


def _tick_forever():
    due: dict = {}
    while True:
        try:
            _tick_once(due)
        except Exception:  # never reached by a job's error (run() keeps those); this is the clock's last guard
            logger.exception("Clock tick failed; ticking again in 1 s")
        time.sleep(1)


def _tick_once(due: dict):
    now = time.monotonic()
    if now >= due.get(TICK, 0):
        due[TICK] = now + TICK_EVERY
        close_old_connections()
        try:
            tick()
        except Exception as error:
            _log_failure("Clock could not record its tick %s", "", error)
            due[TICK] = now + RETRY_SECONDS
    for seconds, job in _jobs:
        if now >= due.get(job, 0):
            outcome = run(job, seconds)
            due[job] = now + (RETRY_SECONDS if outcome is None else seconds)
