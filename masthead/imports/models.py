"""What an import leaves behind: the run with its summary, its warnings, and the source id of everything it made."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    system = models.CharField(max_length=20)
    source = models.CharField(max_length=500, help_text="The export file imported.")
    old_base_url = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    dry_run = models.BooleanField(default=False)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(null=True, blank=True, help_text="Posts in the export, when known.")
    done = models.PositiveIntegerField(default=0, help_text="Posts handled so far.")
    # {"article": {"created": 3, "updated": 0, "unchanged": 1, "skipped": 0}, ...}
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.get_system_display()} import of {self.started_at:%Y-%m-%d %H:%M}"

    def get_system_display(self):
        return {"ghost": "Ghost", "wordpress": "WordPress"}.get(self.system, self.system)

    @property
    def percent(self):
        return min(100, round(100 * self.done / self.total)) if self.total else None

    @property
    def progress_label(self):
        if self.status != self.Status.RUNNING:
            return f"{self.done} post(s)"
        if not self.total:
            return f"{self.done} post(s) so far"
        return f"{self.done} of {self.total} post(s) ({self.percent} %)"

    @property
    def warnings_count(self):
        return self.warnings.count()

    def summary_rows(self):
        """(kind, created, updated, unchanged, skipped) for the admin and the command line, kinds in a stable order."""
        return [
            (kind, *(counts.get(key, 0) for key in ("created", "updated", "unchanged", "skipped")))
            for kind, counts in sorted(self.summary.items())
        ]


class ImportWarning(models.Model):
    """Something an editor should look at: a missing image, a body part kept as raw HTML, a record skipped."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField(max_length=40)
    source_id = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=500, blank=True, help_text="The post (or record) it concerns.")
    message = models.TextField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.kind}: {self.message}"


class ImportedObject(models.Model):
    """(system, kind, source id) → the object made from it, with a digest of the record to see what changed."""

    system = models.CharField(max_length=20)
    kind = models.CharField(max_length=20)
    source_id = models.CharField(max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object = GenericForeignKey("content_type", "object_id")
    digest = models.CharField(max_length=64, blank=True)
    run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "kind", "source_id"], name="one_object_per_source_record")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.system} {self.kind} {self.source_id}"
