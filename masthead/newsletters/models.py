"""Newsletters, their subscribers, every subscription's audit trail, the suppression list, issues and deliveries."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PreviewableMixin

from masthead.newsletters.addresses import address_hash

MAX_ISSUE_ARTICLES = 20


def no_line_breaks(value):
    """Anything that ends up in an email header must stay on one line (header injection)."""
    if any(char in value for char in "\r\n\x00"):
        raise ValidationError("Line breaks are not allowed here.", code="line_break")


def new_key():
    return secrets.token_urlsafe(16)


class Newsletter(models.Model):
    name = models.CharField(max_length=120, validators=[no_line_breaks])
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the newsletter's page address.")
    description = models.TextField(help_text="One or two sentences shown next to the sign-up form.")
    host = models.ForeignKey(
        "newsroom.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletters",
        help_text="The writer who hosts this newsletter, if any.",
    )
    cadence = models.CharField(max_length=80, blank=True, help_text="For example: Weekdays at 7am.")
    sender_name = models.CharField(max_length=120, validators=[no_line_breaks])
    sender_email = models.EmailField(validators=[no_line_breaks])
    reply_to = models.EmailField(blank=True, validators=[no_line_breaks])
    welcome_message = models.TextField(blank=True, help_text="Shown on the page a reader sees after confirming.")
    active = models.BooleanField(default=True, help_text="Inactive newsletters take no sign-ups and send nothing.")
    sort_order = models.PositiveSmallIntegerField(default=0)
    track_opens_and_clicks = models.BooleanField(
        default=False,
        help_text=(
            "Records, per email sent, the first time it was opened (a 1×1 image) and which links were followed "
            "(links go through this site first). Opens are an estimate: some mail programs load images for the "
            "reader, or never. Your privacy page should say that you record this."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("host"),
        FieldPanel("cadence"),
        MultiFieldPanel(
            [FieldPanel("sender_name"), FieldPanel("sender_email"), FieldPanel("reply_to")], heading="Sender"
        ),
        FieldPanel("welcome_message"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
        FieldPanel("track_opens_and_clicks"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsletters:detail", args=[self.slug])

    @property
    def from_header(self):
        from email.utils import formataddr

        return formataddr((self.sender_name, self.sender_email))


class Subscriber(models.Model):
    """One reader, by normalised address (see addresses.normalise_address)."""

    address = models.CharField(max_length=254, unique=True)
    address_hash = models.CharField(max_length=64, db_index=True, editable=False)
    key = models.CharField(max_length=32, default=new_key, editable=False, help_text="Binds signed links to this row.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["address"]

    def __str__(self):
        return self.address

    def clean(self):
        from masthead.newsletters.addresses import normalise_address

        self.address = normalise_address(self.address)

    def save(self, *args, **kwargs):
        self.address_hash = address_hash(self.address)
        super().save(*args, **kwargs)

    # For the admin's listing and CSV export (subscriptions prefetched with their newsletter there).
    def newsletters_and_statuses(self):
        return "; ".join(f"{s.newsletter.name}: {s.get_status_display()}" for s in self.subscriptions.all())

    def consent(self):
        return "; ".join(f"{s.newsletter.name}: {s.consent_text}" for s in self.subscriptions.all() if s.consent_text)

    def sources(self):
        return "; ".join(sorted({s.source_url for s in self.subscriptions.all() if s.source_url}))

    def dates(self):
        parts = [f"created {self.created_at:%Y-%m-%d %H:%M}"]
        for s in self.subscriptions.all():
            if s.confirmed_at:
                parts.append(f"{s.newsletter.name} confirmed {s.confirmed_at:%Y-%m-%d %H:%M}")
            if s.unsubscribed_at:
                parts.append(f"{s.newsletter.name} left {s.unsubscribed_at:%Y-%m-%d %H:%M}")
        return "; ".join(parts)

    def suppressed_label(self):
        return "yes" if getattr(self, "suppressed", False) else ""


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="subscriptions")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    source_url = models.CharField(max_length=500, blank=True, help_text="The page the reader signed up on.")
    consent_text = models.TextField(blank=True, help_text="The wording the reader saw when signing up.")
    # A confirmation link works only while pending and only with this nonce; confirming clears it.
    confirm_nonce = models.CharField(max_length=32, blank=True)
    confirmations_sent = models.PositiveSmallIntegerField(default=0)
    last_confirmation_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "newsletter"], name="one_subscription_per_newsletter")
        ]
        indexes = [models.Index(fields=["newsletter", "status"])]

    def __str__(self):
        return f"{self.subscriber} → {self.newsletter} ({self.status})"

    def log(self, kind, detail=""):
        return SubscriptionEvent.objects.create(subscription=self, kind=kind, detail=detail[:500])


class SubscriptionEvent(models.Model):
    """The audit trail: every change to a subscription, when, and from where."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32)
    at = models.DateTimeField(default=timezone.now)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class Suppression(models.Model):
    """Addresses no send ever reaches. Kept by digest so it survives erasure of the address."""

    class Reason(models.TextChoices):
        HARD_BOUNCE = "hard_bounce", "Hard bounce"
        SOFT_BOUNCE = "soft_bounce", "Repeated soft bounces"
        COMPLAINT = "complaint", "Complaint"
        MANUAL = "manual", "Added by an editor"
        ERASED = "erased", "Erased on request (lifted by a new confirmed sign-up)"

    address = models.CharField(max_length=254, blank=True, help_text="Cleared when the reader's data is erased.")
    address_hash = models.CharField(max_length=64, unique=True, editable=False)
    reason = models.CharField(max_length=16, choices=Reason.choices, default=Reason.MANUAL)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("address"), FieldPanel("reason"), FieldPanel("note")]

    def __str__(self):
        return self.address or f"(erased {self.address_hash[:10]}…)"

    def clean(self):
        from masthead.newsletters.addresses import normalise_address

        if self.address:
            self.address = normalise_address(self.address)

    def save(self, *args, **kwargs):
        if self.address:
            self.address_hash = address_hash(self.address)
        super().save(*args, **kwargs)

    @classmethod
    def entry(cls, address, reason, note=""):
        """An unsaved suppression, for ``bulk_create(..., ignore_conflicts=True)``: the first reason stays."""
        return cls(address=address, address_hash=address_hash(address), reason=reason, note=note[:500])

    @classmethod
    def suppress(cls, address, reason, note=""):
        """Suppress the address unless it already is (the first reason stays): one INSERT, whatever the state."""
        cls.objects.bulk_create([cls.entry(address, reason, note)], ignore_conflicts=True)


class Issue(PreviewableMixin, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        PAUSED = "paused", "Paused"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="issues")
    subject = models.CharField(max_length=200, validators=[no_line_breaks])
    preheader = models.CharField(
        max_length=200, blank=True, validators=[no_line_breaks], help_text="The line inboxes show after the subject."
    )
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])
    latest_count = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(MAX_ISSUE_ARTICLES)],
        help_text="Add this many of the latest articles from the sections below (0 for none).",
    )
    latest_sections = ParentalManyToManyField("newsroom.SectionPage", blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False)
    scheduled_for = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Frozen at send time, so a resumed send mails what the first recipient got.
    rendered_html = models.TextField(blank=True, editable=False)
    rendered_text = models.TextField(blank=True, editable=False)
    audience_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    send_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    send_finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("newsletter"),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("intro"),
        InlinePanel("picked_articles", heading="Articles picked by hand", label="Article", max_num=MAX_ISSUE_ARTICLES),
        MultiFieldPanel([FieldPanel("latest_count"), FieldPanel("latest_sections")], heading="Latest articles"),
    ]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    @property
    def editable(self):
        return self.status == self.Status.DRAFT

    @property
    def public(self):
        """Issues that went out to anyone (even if cancelled later) keep the web version their email links to."""
        return self.send_started_at is not None

    def get_absolute_url(self):
        return reverse("newsletters:issue", args=[self.newsletter.slug, self.pk])

    def articles(self):
        """Hand-picked articles first, then the latest N from the chosen sections, without repeats."""
        from masthead.newsroom.models import ArticlePage, listable

        picked_ids = [link.article_id for link in self.picked_articles.all()]
        by_id = {a.pk: a for a in listable(ArticlePage.objects.filter(pk__in=picked_ids))}
        articles = [by_id[pk] for pk in picked_ids if pk in by_id]
        if self.latest_count:
            latest = ArticlePage.objects.none()
            for section in self.latest_sections.all():
                latest = latest | ArticlePage.objects.child_of(section)
            latest = listable(latest).exclude(pk__in=picked_ids)[: self.latest_count]
            articles += list(latest)
        return articles[:MAX_ISSUE_ARTICLES]

    # Wagtail's live preview in the editor shows the email as readers will see it.
    def get_preview_template(self, request, mode_name):
        return "newsletters/email/preview.html"

    def get_preview_context(self, request, mode_name):
        from masthead.newsletters.emails import personalise_preview, render_issue

        html, _text = render_issue(self)
        return {"email_html": personalise_preview(html)}


class IssueArticle(Orderable):
    issue = ParentalKey(Issue, on_delete=models.CASCADE, related_name="picked_articles")
    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class Delivery(models.Model):
    """One recipient of one issue, frozen when the send starts; its status is the outcome, recorded as it happens."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        CLAIMED = "claimed", "Claimed by a worker"
        SENDING = "sending", "Handed to the mail server"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SUPPRESSED = "suppressed", "Suppressed"
        UNKNOWN = "unknown", "Unknown (worker stopped mid-message)"
        CANCELLED = "cancelled", "Not sent (send cancelled)"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, null=True, on_delete=models.SET_NULL, related_name="+")
    address = models.CharField(max_length=254)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    # The email service's own id for the message (django-anymail), so its webhooks and logs name this delivery.
    provider_message_id = models.CharField(max_length=200, blank=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "address"], name="one_delivery_per_address")]
        indexes = [models.Index(fields=["issue", "status", "next_attempt_at"])]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.address} ({self.status})"


class ConfirmationRetry(models.Model):
    """A confirmation email the mail server did not take (SMTP down, a 4xx): retried with backoff like issue
    deliveries, and listed in the admin while it waits. Sent: the row goes. No address kept here: erasing the
    subscriber removes it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to retry"
        GAVE_UP = "gave_up", "Given up"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="confirmation_retries")
    nonce = models.CharField(max_length=32)
    subscription_ids = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "nonce"], name="one_retry_per_confirmation")]
        verbose_name = "confirmation email waiting"
        verbose_name_plural = "confirmation emails waiting"

    def __str__(self):
        return f"Confirmation for {self.subscriber} ({self.get_status_display()}, {self.attempts} attempts)"


class MailEvent(models.Model):
    """A bounce or complaint about a message we sent, from the bounce mailbox or an email service's webhook.

    Kept by address digest (like suppressions), so the counts outlive a reader's erasure; ``reference`` names the
    report itself so reading the same mailbox or webhook twice records it once.
    """

    class Kind(models.TextChoices):
        HARD_BOUNCE = "hard_bounce", "Hard bounce"
        SOFT_BOUNCE = "soft_bounce", "Soft bounce"
        COMPLAINT = "complaint", "Complaint"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    address_hash = models.CharField(max_length=64, db_index=True)
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="mail_events")
    delivery = models.ForeignKey(Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=40)
    reference = models.CharField(max_length=255, unique=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["address_hash", "kind", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.source}, {self.at:%Y-%m-%d %H:%M})"


class Open(models.Model):
    """The first time a delivery's tracking image was fetched (only for newsletters that track). Erasure detaches
    it from the delivery but keeps it, so the issue's count stays right."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="opens")
    delivery = models.OneToOneField(Delivery, null=True, on_delete=models.SET_NULL, related_name="open")
    first_seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Open of issue {self.issue_id} at {self.first_seen_at:%Y-%m-%d %H:%M}"


class Click(models.Model):
    """The first time a delivery followed one link (unique per delivery and link)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="clicks")
    delivery = models.ForeignKey(Delivery, null=True, on_delete=models.SET_NULL, related_name="clicks")
    url = models.CharField(max_length=2000)
    first_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["delivery", "url"], name="one_click_per_delivery_and_link")]
        indexes = [models.Index(fields=["issue", "url"])]

    def __str__(self):
        return f"Click on {self.url[:60]}"
