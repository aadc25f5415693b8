"""Wagtail's scheduled publishing: an article set to go live (or expire) at a time does so within a minute.

Wagtail keeps go-live and expiry times on revisions and pages and leaves acting on them to its
``publish_scheduled`` command; the worker's clock (``masthead.core.clock``) runs it every minute.
"""

from django.core.management import call_command

EVERY_SECONDS = 60


def publish_scheduled_pages():
    call_command("publish_scheduled", verbosity=0)
