"""Read the bounce mailbox once: act on delivery status notifications and spam complaints."""

import imaplib
import poplib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from masthead.newsletters.bounces import poll_mailbox


class Command(BaseCommand):
    help = (
        "Read bounces and complaints from NEWSLETTERS_BOUNCE_MAILBOX (or --mailbox): maildir://, imaps://, pop3s://. "
        "Hard bounces suppress at once, soft ones after NEWSLETTERS_SOFT_BOUNCE_LIMIT in NEWSLETTERS_SOFT_BOUNCE_DAYS, "
        "complaints suppress and unsubscribe from every newsletter."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mailbox", default="", help="A mailbox URL instead of NEWSLETTERS_BOUNCE_MAILBOX.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, mailbox="", no_progress=False, **options):
        url = mailbox or settings.NEWSLETTERS_BOUNCE_MAILBOX
        if not url:
            raise CommandError("No mailbox: set NEWSLETTERS_BOUNCE_MAILBOX or pass --mailbox.")
        with tqdm(desc="Reading", unit=" msg", disable=no_progress, file=self.stderr) as bar:
            try:
                read, recorded = poll_mailbox(url, on_message=lambda: bar.update(1))
            except (ImproperlyConfigured, OSError, imaplib.IMAP4.error, poplib.error_proto) as exc:
                raise CommandError(f"Cannot read {url.split('@')[-1]}: {exc}") from exc
        self.stdout.write(f"{read} message(s) read, {recorded} bounce(s) or complaint(s) recorded.")
