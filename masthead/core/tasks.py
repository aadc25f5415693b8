"""Site-wide background tasks."""

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

HEARTBEAT_KEY = "masthead:worker-heartbeat"


@task()
def heartbeat(note: str = "") -> str:
    """Record that a worker ran a task just now, so the admin can tell editors whether background work is running."""
    stamp = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, {"at": stamp, "note": note}, timeout=None)
    return stamp
