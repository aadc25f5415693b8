"""A correction, clarification or editor's note attached to an article; withdrawn, never silently deleted."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class Correction(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        EDITORS_NOTE = "editors_note", "Editor's note"

    class Position(models.TextChoices):
        DEFAULT = "", "Default (corrections at the top, the others at the end)"
        TOP = "top", "At the top of the article"
        END = "end", "At the end of the article"

    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CORRECTION)
    made_at = models.DateTimeField(default=timezone.now, verbose_name="date and time")
    text = models.TextField(help_text="What was wrong and what is right, in plain words.")
    position = models.CharField(max_length=3, choices=Position.choices, default=Position.DEFAULT, blank=True)
    withdrawn_reason = models.TextField(
        blank=True,
        verbose_name="reason for withdrawing",
        help_text="Withdrawing takes the note off the article; the public log keeps saying it existed, and why it "
        "went. Corrections are never deleted.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("article"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("made_at")]),
        FieldPanel("text"),
        FieldPanel("position"),
        MultiFieldPanel([FieldPanel("withdrawn_reason")], heading="Withdraw", classname="collapsed"),
    ]
    search_fields = [index.SearchField("text"), index.FilterField("kind")]

    class Meta:
        ordering = ["-made_at", "-pk"]
        indexes = [models.Index(fields=["article", "-made_at"], name="correction_article_time")]

    def __str__(self):
        return f"{self.get_kind_display()} on “{self.article.title}”, {timezone.localtime(self.made_at):%d %b %Y}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def shown_at(self):
        if self.position:
            return self.position
        return self.Position.TOP if self.kind == self.Kind.CORRECTION else self.Position.END

    @property
    def anchor(self):
        return f"correction-{self.pk}"

    def save(self, *args, **kwargs):
        if self.withdrawn_reason.strip() and self.withdrawn_at is None:
            self.withdrawn_at = timezone.now()
        elif not self.withdrawn_reason.strip():
            self.withdrawn_at = None
        super().save(*args, **kwargs)


def shown_corrections(article_id):
    """The corrections standing on an article, as plain tuples, remembered under the publish version."""
    from masthead.newsroom.publish_version import remembered

    def load():
        return list(Correction.objects.filter(article_id=article_id, withdrawn_at__isnull=True).order_by("made_at"))

    return remembered(None, "corrections", load, article_id)


class HiddenHistory(models.Model):
    """An article whose public "what changed" shows only that it changed, not what (legal removals, safety)."""

    article = models.OneToOneField("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="hidden_history")
    reason = models.CharField(
        max_length=255, blank=True, help_text="Shown to readers, e.g. “Details removed for legal reasons.”"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("article"), FieldPanel("reason")]

    class Meta:
        verbose_name = "hidden change history"
        verbose_name_plural = "hidden change histories"

    def __str__(self):
        return f"Change history hidden: {self.article.title}"
