"""RQ's worker classes as ``manage.py worker`` runs them, with what a recovery from a Redis outage needs.

One worker's scheduler process holds each queue's scheduler lock and moves the tasks that wait for a time
(``run_after``: confirmation email retries, scheduled sends, purge and narration retries) onto the queue when due.
A Redis outage kills that process (its loop does not survive a connection error) while the worker itself retries
and carries on; RQ starts the scheduler again only in the worker's maintenance, every 10 minutes by default, and a
maintenance waits for the current wait for a job (``worker_ttl - 15`` s, 405 s by default). So after a Redis blip
every task due later waited up to ten minutes (``make chaos``'s SMTP row: confirmation retries arrived late).

- Maintenance every ``MAINTENANCE_SECONDS`` and waits for a job of at most ``WORKER_TTL - 15`` s: a dead scheduler is
  started again within about 25 s of Redis returning, and when a worker dies for good (SIGKILL, a lost machine),
  another takes its locks within about 25 s of their expiry (61 s after its last heartbeat). The cost is a few
  Redis commands every 10-15 s per worker.
- A worker that RQ itself stopped (a Redis timeout) is started again in the same process by ``manage.py worker``:
  it first releases the locks its previous run held (that run is over: RQ's teardown stopped and joined its
  scheduler process), so it takes them at once instead of waiting out their 61 s under the old run's name.

``Worker._start_scheduler`` is private RQ API, wrapped here alone; tests/test_rq_workers.py breaks on the upgrade
that renames it or stops calling it from ``work()``.
"""

import inspect

import rq.worker
from rq.scheduler import RQScheduler

MAINTENANCE_SECONDS = 10
WORKER_TTL = 30  # RQ waits for a job for worker_ttl - 15 s before it can run its maintenance

# Compare-and-delete: the lock goes only if it is still held under the name given.
_RELEASE_IF_OWNED = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"

_previous_scheduler_name = None  # the scheduler lock name of this process's last worker run


class RestartableSchedulerMixin:
    def __init__(self, *args, maintenance_interval=MAINTENANCE_SECONDS, **kwargs):
        super().__init__(*args, maintenance_interval=maintenance_interval, **kwargs)

    def _start_scheduler(self, *args, **kwargs):
        release_previous_locks(self.connection, [queue.name for queue in self.queues])
        super()._start_scheduler(*args, **kwargs)
        global _previous_scheduler_name
        _previous_scheduler_name = self.scheduler.name if self.scheduler is not None else None


def release_previous_locks(connection, queue_names) -> int:
    """Release the scheduler locks this process's previous worker run held; returns how many it released."""
    global _previous_scheduler_name
    name, _previous_scheduler_name = _previous_scheduler_name, None
    if name is None:
        return 0
    release = connection.register_script(_RELEASE_IF_OWNED)
    return sum(int(release(keys=[RQScheduler.get_locking_key(queue)], args=[name])) for queue in queue_names)


class Worker(RestartableSchedulerMixin, rq.worker.Worker):
    """RQ's forking worker (PostgreSQL)."""


class SimpleWorker(RestartableSchedulerMixin, rq.worker.SimpleWorker):
    """Each job in the worker process itself (SQLite: see ``management/commands/worker.rq_worker_class``)."""


def private_api_in_use() -> bool:
    """What the mixin relies on, for the test that guards the upgrade."""
    return "_start_scheduler" in inspect.getsource(rq.worker.Worker.work) and "maintenance_interval" in (
        inspect.signature(rq.worker.Worker.__init__).parameters
    )
