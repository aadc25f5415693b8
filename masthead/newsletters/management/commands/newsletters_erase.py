"""A data-protection erasure request that came by mail: the same erasure as the admin's Erase button."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from masthead.newsletters.addresses import normalise_address
from masthead.newsletters.subscriptions import erase_by_address


class Command(BaseCommand):
    help = (
        "Erase a reader's personal data (address, consent records, history, deliveries' address copies, opens "
        "and clicks); the address stays suppressed by one-way digest, and per-issue counts are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("address")
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, address, yes=False, **options):
        try:
            address = normalise_address(address)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        if not yes and input("Erase this reader's data? It cannot be undone. [y/N] ").strip().lower() != "y":
            raise CommandError("Not erased.")
        found = erase_by_address(address)
        self.stdout.write(
            "Erased; the address stays suppressed (by digest only)."
            if found
            else "No subscriber with that address; any delivery copies were erased and the address is suppressed."
        )
