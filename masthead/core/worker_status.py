"""Is background work happening? What editors see on the admin dashboard, and what `worker_status()` reports.

Narration, newsletter sending and search indexing all wait for the worker. The dashboard asks a worker to
answer (the ``heartbeat`` task) at most once a minute, and shows when one last did, with the queue's size, and
when the worker's clock (scheduled publishing) last ticked.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from masthead.core import clock, deferred
from masthead.core.tasks import HEARTBEAT_KEY, heartbeat

PING_KEY = "masthead:worker-ping-sent"
PING_EVERY = 60
HEALTHY_WITHIN = timedelta(minutes=3)
CLOCK_HEALTHY_WITHIN = timedelta(seconds=clock.TICK_EVERY * 4)  # a tick missed or two, not a stopped clock


def uses_database_queue() -> bool:
    """True for the embedded default (django-tasks-db), False for RQ (when REDIS_URL is set)."""
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db")


def _queue_counts() -> dict:
    if uses_database_queue():
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        day_ago = timezone.now() - timedelta(days=1)
        counts = dict(
            DBTaskResult.objects.filter(enqueued_at__gte=day_ago).values_list("status").annotate(n=Count("id"))
        )
        waiting = DBTaskResult.objects.filter(status="READY").count()
        return {"waiting": waiting, "running": counts.get("RUNNING", 0), "failed_today": counts.get("FAILED", 0)}
    import django_rq

    from masthead.core.task_backend import REDIS_LOST, rq_queue_names

    queues = [django_rq.get_queue(name) for name in rq_queue_names()]  # default and narration, summed
    try:
        return {
            "waiting": sum(queue.count for queue in queues),
            "running": sum(queue.started_job_registry.count for queue in queues),
            "failed_today": sum(queue.failed_job_registry.count for queue in queues),
        }
    except REDIS_LOST:  # the dashboard keeps working; the deferred tasks line says what waits meanwhile
        return {"queue_unreachable": True}


def _last_seen():
    """When a worker last finished a task.

    The database queue records it in its own table, which the web process reads even when each process has its
    own local-memory cache (the embedded profile). With RQ the heartbeat lands in Redis, which every process shares.
    """
    if uses_database_queue():
        from django.db.models import Max
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(status="SUCCESSFUL").aggregate(at=Max("finished_at"))["at"]
    beat = cache.get(HEARTBEAT_KEY)
    return parse_datetime(beat["at"]) if beat else None


def worker_status() -> dict:
    if cache.add(PING_KEY, True, timeout=PING_EVERY):
        heartbeat.enqueue(note="dashboard")
    last_seen = _last_seen()
    clock_ticked = clock.last_tick()
    return {
        "last_seen": last_seen,
        "healthy": bool(last_seen and timezone.now() - last_seen < HEALTHY_WITHIN),
        "clock_ticked": clock_ticked,
        "clock_healthy": bool(clock_ticked and timezone.now() - clock_ticked < CLOCK_HEALTHY_WITHIN),
        "deferred": deferred.waiting(),
        **_queue_counts(),
    }
