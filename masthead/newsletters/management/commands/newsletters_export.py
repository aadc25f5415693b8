"""Export subscriptions as CSV, with a progress bar."""

import csv
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from masthead.newsletters.models import Newsletter, Subscription

FIELDS = ["email", "newsletter", "status", "created_at", "confirmed_at", "unsubscribed_at", "source_url"]


class Command(BaseCommand):
    help = "Write subscriptions as CSV (all newsletters, or one with --newsletter)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default="-", help="File to write; '-' (the default) is standard output.")
        parser.add_argument("--newsletter", help="Only this newsletter's slug.")
        parser.add_argument("--status", choices=Subscription.Status.values)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, output, newsletter=None, status=None, no_progress=False, **options):
        rows = Subscription.objects.order_by("pk").values_list(
            "subscriber__address",
            "newsletter__slug",
            "status",
            "created_at",
            "confirmed_at",
            "unsubscribed_at",
            "source_url",
        )
        if newsletter:
            if not Newsletter.objects.filter(slug=newsletter).exists():
                raise CommandError(f"No newsletter with slug {newsletter!r}.")
            rows = rows.filter(newsletter__slug=newsletter)
        if status:
            rows = rows.filter(status=status)
        handle = sys.stdout if output == "-" else open(output, "w", newline="", encoding="utf-8")
        try:
            writer = csv.writer(handle)
            writer.writerow(FIELDS)
            for row in tqdm(
                rows.iterator(chunk_size=2000),
                total=rows.count(),
                desc="Exporting",
                unit=" rows",
                disable=no_progress,
                file=self.stderr,
            ):
                writer.writerow([value.isoformat() if hasattr(value, "isoformat") else value for value in row])
        finally:
            if handle is not sys.stdout:
                handle.close()
