"""A newsletter's numbers for editors, drawn on the server as accessible SVG (a <title>, a <desc> and a data
table beside each chart; no JavaScript, nothing from another host). Two aggregate queries for subscribers over
time and one for sign-ups per source page, however many readers and days."""

from dataclasses import dataclass
from itertools import accumulate

from django.db.models import Count
from django.db.models.functions import TruncDate

from masthead.newsletters.models import Subscription

WIDTH, HEIGHT, PAD = 640, 220, 40
MAX_SOURCES = 20


@dataclass
class Series:
    days: list  # dates
    totals: list  # confirmed subscribers at the end of each day
    points: str  # the SVG polyline's points
    peak: int


def _per_day(queryset, field):
    return dict(
        queryset.filter(**{f"{field}__isnull": False})
        .annotate(day=TruncDate(field))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )


def subscribers_over_time(newsletter) -> Series:
    """Confirmed subscribers at the end of each day something changed: confirmations minus departures.

    A reader who confirmed and later left counts up on the first day and down on the second (both timestamps
    stay on the subscription), so the line is the list's size on each day."""
    subscriptions = Subscription.objects.filter(newsletter=newsletter)
    joined = _per_day(subscriptions, "confirmed_at")
    left = _per_day(subscriptions.filter(status=Subscription.Status.UNSUBSCRIBED), "unsubscribed_at")
    days = sorted(set(joined) | set(left))
    totals = list(accumulate(joined.get(day, 0) - left.get(day, 0) for day in days))
    peak = max(totals, default=0)
    return Series(days, totals, _polyline(days, totals, peak), peak)


def _polyline(days, values, peak) -> str:
    """A step line placed by the calendar: a quiet week is as wide as a busy one, and the size holds until the next
    change (days without a change have no row)."""
    if not values:
        return ""
    span = max((days[-1] - days[0]).days, 1)
    x = [PAD + (day - days[0]).days * (WIDTH - 2 * PAD) / span for day in days]
    y = [HEIGHT - PAD - value * (HEIGHT - 2 * PAD) / max(peak, 1) for value in values]
    corners = [(x[0], y[0])]
    for i in range(1, len(values)):
        corners += [(x[i], y[i - 1]), (x[i], y[i])]
    return " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)


def signups_per_source(newsletter):
    """[(source page, sign-ups, bar width)] for the pages that brought the most sign-ups."""
    rows = list(
        Subscription.objects.filter(newsletter=newsletter)
        .values_list("source_url")
        .annotate(n=Count("pk"))
        .order_by("-n", "source_url")[:MAX_SOURCES]
    )
    top = max((n for _, n in rows), default=1)
    return [(source or "(not recorded)", n, round((WIDTH - 2 * PAD - 200) * n / top, 1)) for source, n in rows]
