"""Import subscribers from CSV: every row checked first, bad rows reported by line and skipped, the rest
written in one transaction (an interrupted import leaves nothing half-done)."""

import csv
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from masthead.newsletters.addresses import address_hash, normalise_address
from masthead.newsletters.models import Newsletter, Subscriber, Subscription, SubscriptionEvent

CHUNK = 2000


class Command(BaseCommand):
    help = "Import subscribers (a CSV with an 'email' column) into a newsletter as confirmed subscribers."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", help="CSV file with a header row; '-' reads standard input.")
        parser.add_argument("--newsletter", required=True, help="The newsletter's slug.")
        parser.add_argument(
            "--consent",
            required=True,
            help="How these readers gave consent (kept with each subscription), e.g. 'Old list, 2024'.",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, csv_path, newsletter, consent, no_progress=False, **options):
        target = Newsletter.objects.filter(slug=newsletter).first()
        if target is None:
            raise CommandError(f"No newsletter with slug {newsletter!r}.")
        handle = sys.stdin if csv_path == "-" else open(csv_path, newline="", encoding="utf-8-sig")
        try:
            with handle:
                addresses, bad = self.read(handle, no_progress)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CommandError(f"Not readable as UTF-8 CSV ({exc}). Nothing imported.") from exc
        for line, message in bad:
            self.stderr.write(f"Line {line}: {message} Skipped.")
        created = self.write(target, list(addresses), consent, no_progress)
        self.stdout.write(
            f"Imported {created} new subscription(s) to {target.name}; "
            f"{len(addresses) - created} already there; {len(bad)} bad row(s) skipped."
        )

    def read(self, handle, no_progress):
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "email" not in [f.strip().lower() for f in reader.fieldnames]:
            raise CommandError("The CSV needs a header row with an 'email' column.")
        column = next(f for f in reader.fieldnames if f.strip().lower() == "email")
        addresses, bad = {}, []
        for row in tqdm(reader, desc="Checking", unit=" rows", disable=no_progress, file=self.stderr):
            try:
                address = normalise_address(row.get(column) or "")
            except ValidationError as exc:
                bad.append((reader.line_num, exc.messages[0]))
                continue
            addresses.setdefault(address, reader.line_num)
        return addresses, bad

    def write(self, newsletter, addresses, consent, no_progress):
        now = timezone.now()
        created = 0
        with (
            transaction.atomic(),
            tqdm(total=len(addresses), desc="Importing", unit=" rows", disable=no_progress, file=self.stderr) as bar,
        ):
            for start in range(0, len(addresses), CHUNK):
                chunk = addresses[start : start + CHUNK]
                Subscriber.objects.bulk_create(
                    [Subscriber(address=a, address_hash=address_hash(a)) for a in chunk], ignore_conflicts=True
                )
                ids = dict(Subscriber.objects.filter(address__in=chunk).values_list("address", "pk"))
                have = set(
                    Subscription.objects.filter(newsletter=newsletter, subscriber_id__in=ids.values()).values_list(
                        "subscriber_id", flat=True
                    )
                )
                new = [
                    Subscription(
                        subscriber_id=pk,
                        newsletter=newsletter,
                        status=Subscription.Status.CONFIRMED,
                        created_at=now,
                        confirmed_at=now,
                        consent_text=consent,
                        source_url="import",
                    )
                    for pk in ids.values()
                    if pk not in have
                ]
                Subscription.objects.bulk_create(new)
                made = Subscription.objects.filter(
                    newsletter=newsletter, subscriber_id__in=[s.subscriber_id for s in new]
                )
                SubscriptionEvent.objects.bulk_create(
                    [
                        SubscriptionEvent(subscription_id=pk, kind="imported", at=now, detail=consent[:500])
                        for pk in made.values_list("pk", flat=True)
                    ]
                )
                created += len(new)
                bar.update(len(chunk))
        return created
