"""Run the background-task worker for whichever task backend the settings chose."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from masthead.core import clock
from masthead.core.worker_status import uses_database_queue


class Command(BaseCommand):
    help = (
        "Run the background worker: the database worker by default, an RQ worker when REDIS_URL is set, "
        "plus the jobs apps run on a clock (scheduled publishing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit (database backend).")

    def handle(self, *args, batch=False, **options):
        # Jobs on a clock (scheduled publishing): once now in a batch, else every period in a background thread.
        if batch:
            clock.run_all_once()
        else:
            clock.start()
        if not uses_database_queue():
            call_command(
                "rqworker",
                *settings.TASKS["default"]["QUEUES"],
                job_class="django_tasks_rq.Job",  # runs django-tasks Task objects, not plain callables
                burst=batch,
                with_scheduler=not batch,
            )
        else:
            extra = {"batch": True} if batch else {}
            call_command("db_worker", queue_name="*", reload=False, **extra)
