"""``/health/`` (is the process alive?) and ``/ready/`` (can it do its work?), JSON for load balancers and supervisors.

Both are answered by ``ProbeMiddleware``, first in the stack: before the HTTPS redirect and the ``Host`` check
(a load balancer probes a node by its address over plain HTTP) and before anything that needs the database, so
``/health/`` answers 200 whatever is down. Neither is ever cached (``Cache-Control: no-store``).

``/ready/`` checks the database, the cache, the task queue and the worker's clock (its last tick, recorded in the
database). Only a lost database makes it 503: the site serves pages without Redis or a worker (degraded, and said
so in the answer), and a load balancer that took every node out for a Redis blip would end the service instead.
``/ready/?strict`` is 503 when any check fails, for a supervisor that wants to know.
"""

import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from masthead.core import clock
from masthead.core.cache import reachable
from masthead.core.worker_status import CLOCK_HEALTHY_WITHIN, uses_database_queue

PROBES = {"/health/": "health", "/ready/": "ready"}
REQUIRED = {"database"}  # without it no page can be served; the rest degrade


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        return health(request) if probe == "health" else ready(request)


def _json(payload: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status)
    add_never_cache_headers(response)  # no-store, no-cache, must-revalidate, private, max-age=0
    return response


def health(request):
    return _json({"status": "ok"})


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "reachable"


def _check_cache():
    key, token = "masthead:ready-probe", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    if cache.get(key) != token or not reachable():
        raise ConnectionError("the cache did not keep a value")
    return "reachable"


def _check_task_queue():
    if uses_database_queue():
        from django_tasks_db.models import DBTaskResult

        return f"{DBTaskResult.objects.filter(status='READY').count()} waiting"
    import django_rq

    from masthead.core.task_backend import rq_queue_names

    queues = [django_rq.get_queue(name) for name in rq_queue_names()]  # default and narration, as the dashboard
    queues[0].connection.ping()
    return f"{sum(queue.count for queue in queues)} waiting"


def _check_worker():
    ticked = clock.last_tick()
    if ticked is None:
        raise RuntimeError("no worker's clock has ticked yet")
    age = timezone.now() - ticked
    if age > CLOCK_HEALTHY_WITHIN:
        raise RuntimeError(f"the worker's clock last ticked {int(age.total_seconds())} s ago")
    return f"clock ticked {int(age.total_seconds())} s ago"


CHECKS = {"database": _check_database, "cache": _check_cache, "task_queue": _check_task_queue, "worker": _check_worker}


def _run(check) -> dict:
    started = time.monotonic()
    try:
        detail, ok = check(), True
    except Exception as error:  # a probe reports what is wrong; it never raises
        detail, ok = f"{type(error).__name__}: {error}"[:300], False
    return {"ok": ok, "detail": detail, "ms": round((time.monotonic() - started) * 1000, 1)}


def ready(request):
    checks = {name: _run(check) for name, check in CHECKS.items()}
    failing = {name for name, result in checks.items() if not result["ok"]}
    if failing & REQUIRED:
        status = "down"
    else:
        status = "degraded" if failing else "ok"
    strict = "strict" in request.GET
    code = 503 if status == "down" or (strict and failing) else 200
    response = _json({"status": status, "checks": checks}, status=code)
    if code == 503:
        response["Retry-After"] = "10"
    return response
