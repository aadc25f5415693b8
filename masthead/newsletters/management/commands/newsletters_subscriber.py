"""A reader's data on request: export it as JSON, or erase it."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from masthead.newsletters.addresses import normalise_address
from masthead.newsletters.models import Subscriber
from masthead.newsletters.subscriptions import erase_subscriber, export_subscriber, log_erasure


class Command(BaseCommand):
    help = "Export (JSON) or erase everything held about one subscriber."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("address")
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, action, address, yes=False, **options):
        try:
            subscriber = Subscriber.objects.filter(address=normalise_address(address)).first()
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        if subscriber is None:
            raise CommandError("No subscriber with that address.")
        if action == "export":
            self.stdout.write(json.dumps(export_subscriber(subscriber), indent=2))
            return
        if not yes and input(f"Erase {subscriber.address} and their history? [y/N] ").strip().lower() != "y":
            raise CommandError("Not erased.")
        log_erasure(subscriber)
        erase_subscriber(subscriber)
        self.stdout.write("Erased.")
