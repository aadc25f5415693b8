"""The RQ task backend Masthead uses when ``REDIS_URL`` is set: django-tasks-rq's, with two changes.

- Each site has its own RQ queues: a task's queue (``default``) is the RQ queue ``<CACHE_KEY_PREFIX>:default``
  (``OPTIONS["QUEUE_PREFIX"]``), so two sites sharing one Redis database never run each other's tasks.
- A task enqueued while Redis is unreachable is kept in the database (``core.DeferredTask``) instead of raising,
  so the request that enqueued it (an editor's Publish) still answers; the worker's clock queues it later.
"""

import logging

import django_rq
import redis
from django.conf import settings
from django_tasks_rq import Job, RQBackend
from rq.exceptions import NoSuchJobError

logger = logging.getLogger(__name__)

REDIS_LOST = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class SiteRQBackend(RQBackend):
    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.queue_prefix = self.options.get("QUEUE_PREFIX", "")
        self.queues = {self.rq_queue_name(name) for name in self.queues}

    def validate_task(self, task) -> None:
        """Tasks name the site's queue (``default``); it is valid when its RQ queue is."""
        if task.queue_name == self.rq_queue_name(task.queue_name):
            super().validate_task(task)
        else:
            task.using(queue_name=self.rq_queue_name(task.queue_name))  # a Task validates itself as it is made

    def rq_queue_name(self, queue_name: str) -> str:
        if queue_name.startswith(self.queue_prefix):
            return queue_name
        return f"{self.queue_prefix}{queue_name}"

    def enqueue(self, task, args, kwargs):
        try:
            return self.enqueue_now(task, args, kwargs)
        except REDIS_LOST as error:
            from masthead.core.deferred import defer

            return defer(task, args, kwargs, error)

    def _get_job(self, result_id: str):
        """django-tasks-rq reads results on the connection of a queue named ``default``; ours is prefixed.
        (Overrides a private method: tests/test_tasks_and_cache.py reads a result back and breaks if it changes.)"""
        try:
            return Job.fetch(result_id, connection=django_rq.get_connection(sorted(self.queues)[0]))
        except NoSuchJobError:
            return None

    def enqueue_now(self, task, args, kwargs):
        """Queue on RQ, or raise when Redis is unreachable (what the deferred tasks' clock job needs)."""
        return super().enqueue(task.using(queue_name=self.rq_queue_name(task.queue_name)), args, kwargs)


def rq_queue_names(queues=None) -> list[str]:
    """The RQ queues a worker of this site listens to (its own, never another site's), most urgent first:
    ``queues`` names them as tasks do (``default``, ``narration``); None is all of them."""
    site_queues = list(settings.RQ_QUEUES)  # "<prefix>:default", "<prefix>:narration", in settings' order
    if not queues:
        return site_queues
    return [rq_name for name in queues for rq_name in site_queues if rq_name.rsplit(":", 1)[-1] == name]
