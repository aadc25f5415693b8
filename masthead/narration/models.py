"""A narration per article (its audio, timings and status) and the pronunciation lexicon editors keep."""

import re
from functools import cached_property

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from masthead.narration.text import lexicon_pattern


class PronunciationEntry(index.Indexed, models.Model):
    """How the voice should say a word it gets wrong: a name, a place, an acronym."""

    term = models.CharField(max_length=100, unique=True, help_text="The word as written, e.g. Sybiha.")
    spoken_as = models.CharField(
        max_length=200, help_text="How to say it, spelled the way an English reader would say it, e.g. Si-bee-ha."
    )
    case_sensitive = models.BooleanField(
        default=False, help_text="Only replace the word written exactly like this (useful for acronyms like US)."
    )
    note = models.CharField(max_length=255, blank=True, help_text="Where the pronunciation comes from.")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("spoken_as"), FieldPanel("case_sensitive"), FieldPanel("note")]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = "pronunciation"

    def __str__(self):
        return f"{self.term} → {self.spoken_as}"

    @property
    def pattern(self) -> re.Pattern:
        return lexicon_pattern(self.term, self.case_sensitive)

    @classmethod
    def compiled(cls) -> list[tuple[re.Pattern, str]]:
        # Longest terms first, so "New York Times" wins over "New York".
        entries = sorted(cls.objects.all(), key=lambda entry: -len(entry.term))
        return [(entry.pattern, entry.spoken_as) for entry in entries]


class Narration(models.Model):
    """The audio of one article, its sentence timings, and where narrating it stands."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    article = models.OneToOneField("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="narration")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    error = models.TextField(blank=True, help_text="Why narrating failed or was skipped.")
    audio = models.FileField(upload_to="narration/", blank=True, max_length=255)
    audio_size = models.PositiveIntegerField(default=0, help_text="Bytes, for podcast enclosures.")
    duration = models.FloatField(default=0, help_text="Seconds.")
    engine = models.CharField(max_length=100, blank=True)
    voice = models.CharField(max_length=100, blank=True)
    text_hash = models.CharField(max_length=64, blank=True, help_text="Hash of the narrated text of the audio.")
    timings = models.JSONField(default=list, blank=True, help_text='[{"start": s, "end": s, "text": sentence}]')
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    narrated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "narration"

    def __str__(self):
        return f"Narration of “{self.article.title}” ({self.status_label})"

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.audio)

    @property
    def status_label(self):
        if self.status == self.Status.SKIPPED and self.error:
            return f"skipped: {self.error}"
        if self.status == self.Status.FAILED and self.next_attempt_at and self.next_attempt_at > timezone.now():
            return f"failed, retrying at {timezone.localtime(self.next_attempt_at):%H:%M}"
        return self.get_status_display().lower()

    status_label.fget.short_description = "Status"  # the admin's column and field label

    @cached_property
    def duration_label(self):
        return duration_label(self.duration)

    duration_label.short_description = "Length"


def duration_label(seconds: float) -> str:
    """ "4 min 12 s", "45 s": what the player shows next to its title."""
    seconds = round(seconds)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def itunes_duration(seconds: float) -> str:
    """HH:MM:SS, the form every podcast app reads."""
    seconds = round(seconds)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
