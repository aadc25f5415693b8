"""Run the background-task worker for whichever task backend the settings chose."""

import argparse
import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from masthead.core import clock, rq_workers
from masthead.core.worker_status import uses_database_queue

logger = logging.getLogger(__name__)

RESTART_WAIT_SECONDS = (1, 2, 5, 10)  # then every 10 s: back within seconds of the dependency returning


class Command(BaseCommand):
    help = (
        "Run the background worker: the database worker by default, an RQ worker when REDIS_URL is set, "
        "plus the jobs apps run on a clock (scheduled publishing). A lost database or Redis pauses it; it "
        "resumes by itself when they return."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit (database backend).")
        parser.add_argument(
            "--queues",
            type=queue_list,
            default=None,
            help=f"Comma-separated task queues to serve ({', '.join(settings.TASK_QUEUES)}); default: all, "
            "most urgent first. Procfile runs `--queues default` and a narrator with `--queues narration`.",
        )

    def handle(self, *args, batch=False, queues=None, **options):
        # Jobs on a clock (scheduled publishing): once now in a batch, else every period in a background thread.
        if batch:
            clock.run_all_once()
            self.run_queue_worker(batch=True, queues=queues)
            return
        clock.start()
        self.keep_queue_worker_running(queues)

    def keep_queue_worker_running(self, queues):
        """Start the queue worker again whenever a lost dependency stops it (its own loop gives up on those)."""
        failures = 0
        while True:
            started = time.monotonic()
            try:
                self.run_queue_worker(batch=False, queues=queues)
                return  # a clean stop (SIGTERM, Ctrl-C)
            except clock.lost_dependency_errors() as error:
                failures = 0 if time.monotonic() - started > 60 else failures + 1
                wait = RESTART_WAIT_SECONDS[min(failures, len(RESTART_WAIT_SECONDS) - 1)]
                logger.warning(
                    "Queue worker stopped (%s: %s); starting it again in %s s", type(error).__name__, error, wait
                )
                time.sleep(wait)

    @staticmethod
    def run_queue_worker(batch: bool, queues=None):
        if not uses_database_queue():
            from masthead.core.task_backend import rq_queue_names

            try:
                call_command(
                    "rqworker",
                    *rq_queue_names(queues),  # this site's own queues (named after CACHE_KEY_PREFIX), in order
                    job_class="django_tasks_rq.Job",  # runs django-tasks Task objects, not plain callables
                    worker_class=rq_worker_class(),
                    worker_ttl=rq_workers.WORKER_TTL,
                    burst=batch,
                    with_scheduler=not batch,
                )
            except SystemExit as exit:  # django-rq's answer to a lost Redis: print it and exit(1)
                if exit.code not in (0, None):
                    raise ConnectionError(f"the RQ worker exited with {exit.code}") from exit
        else:
            extra = {"batch": True} if batch else {}
            call_command("db_worker", queue_name=",".join(queues or ["*"]), reload=False, **extra)


def queue_list(value: str) -> list[str]:
    """``--queues default,narration``: names the settings know, else a clear usage error."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = sorted(set(names) - set(settings.TASK_QUEUES))
    if not names or unknown:
        raise argparse.ArgumentTypeError(
            f"unknown queue {', '.join(unknown) or '(none given)'}; the queues are {', '.join(settings.TASK_QUEUES)}"
        )
    return names


def rq_worker_class() -> str:
    """RQ's forking worker, except on SQLite: a job forked while the clock thread holds SQLite's write lock
    inherits that lock's in-process bookkeeping without its owner and waits out the busy timeout ("database is
    locked"), so there each job runs in the worker process itself."""
    if connection.vendor == "sqlite":
        return "masthead.core.rq_workers.SimpleWorker"
    return "masthead.core.rq_workers.Worker"
