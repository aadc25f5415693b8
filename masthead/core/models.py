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
