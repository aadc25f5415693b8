"""Send (or resume sending) an issue from the command line, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from masthead.newsletters import sending
from masthead.newsletters.models import Issue


class Command(BaseCommand):
    help = "Send an issue now in this process (or resume one a stopped worker left), showing progress."

    def add_arguments(self, parser):
        parser.add_argument("issue_id", type=int)
        parser.add_argument(
            "--lease",
            type=int,
            default=None,
            help="Treat rows claimed longer ago than this many seconds as abandoned "
            "(0 when you know no other worker is sending this issue).",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, issue_id, lease=None, no_progress=False, **options):
        issue = Issue.objects.filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"No issue {issue_id}.")
        if issue.status in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
            try:
                sending.check_sendable(issue)
            except sending.NotSendable as exc:
                raise CommandError(str(exc)) from exc
            Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING, scheduled_for=None)
        issue = sending.freeze_audience(issue.pk)
        report = sending.progress(issue)
        with tqdm(
            total=report["total"],
            initial=report["done"],
            desc="Sending",
            unit=" msg",
            disable=no_progress,
            file=self.stderr,
        ) as bar:
            issue = sending.send_issue(issue.pk, on_message=lambda: bar.update(1), lease_seconds=lease)
        report = sending.progress(issue)
        self.stdout.write(
            f"{issue.get_status_display()}: {report['sent']} sent, {report['failed']} failed, "
            f"{report['suppressed']} skipped, {report['unknown']} unknown, {report['remaining']} remaining."
        )
