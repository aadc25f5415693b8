"""Wagtail's scheduled publishing: an article set to go live (or expire) at a time does so within a minute.

Wagtail keeps go-live and expiry times on revisions and pages and leaves acting on them to its
``publish_scheduled`` command; the worker's clock (``masthead.core.clock``) runs it every minute.
"""

from django.core.management import call_command
from django.db import transaction

EVERY_SECONDS = 60


def publish_scheduled_pages():
    # One transaction: Wagtail clears a revision's go-live time before it saves the page, so a save that fails
    # (a task queue that cannot be reached, a lost database) would otherwise leave the article unscheduled and
    # unpublished. Rolled back, the schedule stays, and the clock tries again in a few seconds.
    with transaction.atomic():
        call_command("publish_scheduled", verbosity=0)
