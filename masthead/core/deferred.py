"""Tasks kept in the database while the queue is unreachable, and the clock job that queues them again.

Nothing accepted is lost: ``defer()`` writes the task (in the caller's transaction when there is one) and logs a
warning; ``queue_deferred_tasks()`` runs on every worker's clock and hands them to the queue, oldest first, as
soon as it answers. Each row is deleted in the same transaction that queues it, so two workers never queue one
twice, and a failed attempt leaves it waiting.
"""

import logging

from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task_backends
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

from masthead.core.models import DeferredTask

logger = logging.getLogger(__name__)

DRAIN_EVERY = 10  # seconds between the clock's attempts
DRAIN_BATCH = 500


def defer(task, args, kwargs, error: Exception) -> TaskResult:
    DeferredTask.objects.create(
        task_path=task.module_path,
        queue_name=task.queue_name,
        args=list(args),
        kwargs=dict(kwargs),
        run_after=task.run_after,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    logger.warning("Task queue unreachable (%s); %s kept in the database until it returns", error, task.module_path)
    return TaskResult(
        task=task,
        id=get_random_id(),
        status=TaskResultStatus.READY,
        enqueued_at=None,
        started_at=None,
        last_attempted_at=None,
        finished_at=None,
        args=list(args),
        kwargs=dict(kwargs),
        backend=task.backend,
        errors=[],
        worker_ids=[],
    )


def queue_deferred_tasks() -> int:
    """Queue what waits, oldest first; stop at the first sign the queue is still away. Returns how many."""
    backend = task_backends["default"]
    if not hasattr(backend, "enqueue_now"):  # the database backend never defers
        return 0
    # Only here: importing it loads RQ and redis, which a process on the database queue never needs.
    from masthead.core.task_backend import REDIS_LOST

    queued = 0
    for deferred in DeferredTask.objects.all()[:DRAIN_BATCH]:
        try:
            queued += _queue_one(backend, deferred)
        except REDIS_LOST as error:
            DeferredTask.objects.filter(pk=deferred.pk).update(
                attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
            )
            logger.warning("Task queue still unreachable (%s); %s deferred tasks wait", error, waiting()["count"])
            break
        except ImportError as error:  # the task is gone (renamed in an upgrade): keep the row, listed, for a person
            logger.error("Deferred task %s cannot be queued: %s", deferred.task_path, error)
            DeferredTask.objects.filter(pk=deferred.pk).update(attempts=F("attempts") + 1, last_error=str(error)[:2000])
    if queued:
        logger.info("Queued %s deferred task(s)", queued)
    return queued


def _queue_one(backend, deferred: DeferredTask) -> int:
    task = import_string(deferred.task_path).using(queue_name=deferred.queue_name)
    if deferred.run_after and deferred.run_after > timezone.now():
        task = task.using(run_after=deferred.run_after)
    with transaction.atomic():
        deleted, _ = DeferredTask.objects.filter(pk=deferred.pk).delete()
        if not deleted:  # another worker queued it
            return 0
        backend.enqueue_now(task, deferred.args, deferred.kwargs)  # raising puts the row back
    return 1


def waiting() -> dict:
    """How many deferred tasks wait, and since when: for the dashboard."""
    summary = DeferredTask.objects.aggregate(oldest=Min("deferred_at"))
    return {"count": DeferredTask.objects.count(), "oldest": summary["oldest"]}
