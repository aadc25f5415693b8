"""The subscribers view in the admin: filters (newsletter, status, source page), search by address, a streamed
CSV export of what is filtered, and links to each reader's data export and erasure. The key that signs a
reader's links is never shown: not listed, not in the form, not inspected, not exported."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet

from masthead.newsletters.models import Newsletter, Subscriber, Subscription, Suppression
from masthead.newsletters.subscriptions import erase_subscriber, log_erasure

SUPPRESSED = "suppressed"
STATUS_CHOICES = [*Subscription.Status.choices, (SUPPRESSED, "Suppressed (never mailed)")]
EXPORT_CHUNK = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell a spreadsheet would run as a formula is written as text (OWASP's CSV injection advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SubscriberFilterSet(WagtailFilterSet):
    newsletter = django_filters.ModelChoiceFilter(
        queryset=Newsletter.objects.all(), method="filter_subscriptions", label="Newsletter"
    )
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_subscriptions", label="Status", widget=forms.RadioSelect,
        empty_label="All",
    )  # fmt: skip
    source = django_filters.CharFilter(
        method="filter_subscriptions", label="Signed up on (page address contains)", max_length=500
    )

    class Meta:
        model = Subscriber
        fields = []

    def filter_subscriptions(self, queryset, name, value):
        """The three filters meet in one subscription: "confirmed on Briefing, from /news/…", not any mix."""
        if name != self._first_subscription_filter():
            return queryset  # applied once, with every chosen value
        data = self.form.cleaned_data
        subscriptions = Subscription.objects.all()
        if data.get("newsletter"):
            subscriptions = subscriptions.filter(newsletter=data["newsletter"])
        if data.get("status") and data["status"] != SUPPRESSED:
            subscriptions = subscriptions.filter(status=data["status"])
        if data.get("source"):
            subscriptions = subscriptions.filter(source_url__icontains=data["source"])
        if data.get("status") == SUPPRESSED:
            queryset = queryset.filter(address_hash__in=Suppression.objects.values("address_hash"))
        if data.get("newsletter") or data.get("source") or data.get("status") not in ("", None, SUPPRESSED):
            queryset = queryset.filter(pk__in=subscriptions.values("subscriber_id"))
        return queryset

    def _first_subscription_filter(self):
        data = self.form.cleaned_data
        return next(name for name in ("newsletter", "status", "source") if data.get(name))


class SubscriberIndexView(IndexView):
    """Wagtail's listing and its CSV export; the export streams in chunks (prefetching per chunk) so a million
    rows never sit in memory, asks for the change permission, and defuses spreadsheet formulas. CSV only: the
    XLSX export builds the whole workbook in memory."""

    FORMATS = (IndexView.FORMAT_CSV,)

    @cached_property
    def show_export_buttons(self):
        return self.request.user.has_perm("newsletters.change_subscriber")

    @cached_property
    def header_more_buttons(self):
        return [button for button in super().header_more_buttons if "export=xlsx" not in (button.url or "")]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.is_export and not request.user.has_perm("newsletters.change_subscriber"):
            raise PermissionDenied

    def stream_csv(self, queryset):
        return super().stream_csv(queryset.iterator(chunk_size=EXPORT_CHUNK))

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(writer, {field: csv_safe(value) for field, value in row_dict.items()})

    def get_heading(self, queryset, field):
        model_queryset = queryset if hasattr(queryset, "model") else Subscriber.objects.none()
        return super().get_heading(model_queryset, field)


class SubscriberDeleteView(DeleteView):
    """Wagtail's own Delete erases, as the Erase button does: the digest suppression stays, delivery copies lose
    the address, and the history names who erased, never the address (Wagtail's delete log entry would)."""

    success_message = "The subscriber and their history were erased."

    def delete_action(self):
        log_erasure(self.object, self.request.user)
        erase_subscriber(self.object)


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    index_view_class = SubscriberIndexView
    delete_view_class = SubscriberDeleteView
    list_display = [
        "address",
        Column("newsletters_and_statuses", label="Newsletters"),
        Column("suppressed_label", label="Suppressed"),
        "created_at",
    ]
    list_per_page = 50
    filterset_class = SubscriberFilterSet
    search_fields = ["address"]
    search_backend_name = None
    list_export = ["address", "newsletters_and_statuses", "consent", "sources", "dates", "suppressed_label"]
    export_headings = {
        "address": "Address",
        "newsletters_and_statuses": "Newsletters",
        "consent": "Consent",
        "sources": "Signed up on",
        "dates": "Dates",
        "suppressed_label": "Suppressed",
    }
    export_filename = "subscribers"
    inspect_view_enabled = True
    inspect_view_fields = ["address", "created_at"]
    form_fields = ["address"]

    def get_queryset(self, request):
        subscriptions = Subscription.objects.select_related("newsletter").order_by("newsletter__sort_order", "pk")
        return Subscriber.objects.prefetch_related(Prefetch("subscriptions", queryset=subscriptions)).annotate(
            suppressed=Exists(Suppression.objects.filter(address_hash=OuterRef("address_hash")))
        )
