"""A live page (a running story) and its entries.

``LivePage`` is an ``ArticlePage``: it files under a section, carries authors, a hero image and tags, and so
appears in every list, feed, sitemap, newsletter and search result an article does. Its entries are rows of
their own (``LiveEntry``), not part of the page's revisions: adding one is a quick insert that every open page
sees at its next poll, and every change is logged with who made it in Wagtail's history (``wagtail.log_actions``).
"""

import html
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField

from masthead.caching.page_memory import keep_only_while
from masthead.live.page_version import page_version, version_key
from masthead.newsroom.blocks import ArticleBodyBlock, block_text
from masthead.newsroom.models import ArticlePage, Author

KEY_EVENTS_READ = 10  # narration reads at most this many key events, newest first


class LivePage(ArticlePage):
    class Coverage(models.TextChoices):
        LIVE = "live", "Live"
        ENDED = "ended", "Ended"

    coverage = models.CharField(
        max_length=8,
        choices=Coverage.choices,
        default=Coverage.LIVE,
        help_text="Set to Ended when the story stops running; readers then see when it ended.",
    )
    coverage_ended_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty takes the moment the page is saved as ended."
    )

    content_panels = [
        FieldPanel("title", heading="Headline"),
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("coverage"), FieldPanel("coverage_ended_at")], heading="Coverage"),
        FieldPanel("language"),
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Hero image"),
        FieldPanel("body", heading="Background", help_text="What a reader arriving now needs to know first."),
        FieldPanel("tags"),
    ]
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []
    template = "live/live_page.html"

    class Meta:
        verbose_name = "live page"

    @property
    def is_live(self):
        return self.coverage == self.Coverage.LIVE

    def save(self, *args, **kwargs):
        # Lists label an article by its kind: "Live" while the story runs, plain news once it has ended.
        self.kind = self.Kind.LIVE if self.is_live else self.Kind.NEWS
        if self.coverage == self.Coverage.ENDED and self.coverage_ended_at is None:
            self.coverage_ended_at = timezone.now()
        elif self.coverage == self.Coverage.LIVE:
            self.coverage_ended_at = None
        return super().save(*args, **kwargs)

    def published_entries(self):
        return self.entries.prefetch_related("authors").order_by("-posted_at", "-pk")

    def key_events(self):
        if self.pk is None:  # not saved yet: no entries
            return []
        return list(self.entries.filter(is_key_event=True).order_by("-posted_at", "-pk"))

    def entries_state(self):
        """(count, newest change, newest id) of the entries: moves whenever one is added, edited or deleted."""
        state = self.entries.aggregate(count=Count("pk"), changed=Max("updated_at"), newest=Max("pk"))
        return state["count"], state["changed"], state["newest"] or 0

    def key_events_summary(self) -> list[str]:
        """The key events as a reader hears them: "Key events." then one line per pinned entry, newest first."""
        lines = [entry.summary_line() for entry in self.key_events()[:KEY_EVENTS_READ]]
        return ["Key events.", *lines] if lines else []

    def narration_text_blocks(self):
        """Narration reads the standfirst and the key events summary, not every entry (see README)."""
        return [text for text in [self.standfirst, *self.key_events_summary()] if text.strip()]

    def get_context(self, request, *args, **kwargs):
        # Read before the entries: an entry added meanwhile moves the number again, so this render is not kept.
        keep_only_while(request, version_key(self.pk), lambda: page_version(self.pk))
        context = super().get_context(request, *args, **kwargs)
        entries = list(self.published_entries())
        context["entries"] = entries
        context["key_events"] = [entry for entry in entries if entry.is_key_event]
        context["latest_entry_id"] = max((entry.pk for entry in entries), default=0)
        context["entries_since"] = max((change_stamp(entry.updated_at) for entry in entries), default=0)
        context["poll_seconds"] = settings.MASTHEAD_LIVE_POLL_SECONDS
        return context


class LiveEntry(models.Model):
    """One timestamped update on a live page."""

    page = models.ForeignKey(LivePage, on_delete=models.CASCADE, related_name="entries")
    posted_at = models.DateTimeField(default=timezone.now, help_text="The time readers see on the entry.")
    headline = models.CharField(max_length=255, blank=True, help_text="Optional.")
    body = StreamField(ArticleBodyBlock(), use_json_field=True)
    authors = models.ManyToManyField(Author, blank=True, related_name="live_entries")
    is_key_event = models.BooleanField(
        default=False, verbose_name="key event", help_text="Pinned to the key events summary at the top."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-posted_at", "-pk"]
        indexes = [models.Index(fields=["page", "-posted_at"], name="live_entry_page_time")]
        verbose_name_plural = "live entries"

    def __str__(self):
        return self.headline or self.first_words()

    @property
    def anchor(self):
        return f"entry-{self.pk}"

    def text_blocks(self):
        return [text for text in (block_text(block) for block in self.body) if text.strip()]

    def first_words(self, count=12):
        words = " ".join(self.text_blocks()).split()
        return " ".join(words[:count]) + ("…" if len(words) > count else "")

    def summary_line(self):
        when = date_format(timezone.localtime(self.posted_at), "g:i A")
        return f"{when}: {self.headline or self.first_words(30)}"


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def change_stamp(moment) -> int:
    """An entry's change time as whole microseconds since the epoch (exact, no float): the script hands it back."""
    return (moment - EPOCH) // MICROSECOND if moment else 0


def stamp_moment(stamp: int):
    return EPOCH + stamp * MICROSECOND


STATE_SECONDS = 5  # bounds how long a state read just before a concurrent change can outlive it


def state_key(page_id):
    return f"live:entries-state:{page_id}"


def entries_state(page):
    """``page.entries_state()`` through the shared cache; the signals drop it on every change to an entry."""
    state = cache.get(state_key(page.pk))
    if state is None:
        state = page.entries_state()
        cache.set(state_key(page.pk), state, STATE_SECONDS)
    return state


def paragraphs_body(text: str) -> list:
    """Plain text from the quick-add form as paragraph blocks: a blank line starts a new paragraph."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return [("paragraph", "<p>" + html.escape(part).replace("\n", "<br>") + "</p>") for part in paragraphs]
