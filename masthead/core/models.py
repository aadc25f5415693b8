"""Site-wide records: when each clock job last ran, kept in the database every process shares."""

from django.db import models


class ClockJob(models.Model):
    """One job on the worker's clock (``masthead.core.clock``), and the clock itself (``TICK``).

    A worker claims a run with one conditional UPDATE, so several workers never run a job twice in its period,
    whether or not Redis is there; the dashboard and ``/ready/`` read when the clock last ticked from here.
    """

    name = models.CharField(max_length=255, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_failed = models.BooleanField(default=False, help_text="The last run raised; any worker may retry it now.")
    last_error = models.TextField(blank=True)

    def __str__(self):
        return self.name


class DeferredTask(models.Model):
    """A task that could not be queued (Redis was away), kept here until the worker's clock queues it.

    ``masthead.core.task_backend.SiteRQBackend`` writes one instead of raising, so an editor's Publish still
    answers; ``masthead.core.deferred.queue_deferred_tasks`` (a clock job) hands them to RQ when Redis is back.
    """

    task_path = models.CharField(max_length=255, help_text="Dotted path of the django-tasks Task.")
    queue_name = models.CharField(max_length=100, default="default")
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    run_after = models.DateTimeField(null=True, blank=True)
    deferred_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Times the clock tried to queue it since.")
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.task_path
