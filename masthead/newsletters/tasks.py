"""Background work: confirmation emails and sending issues (the database worker, or RQ with REDIS_URL)."""

import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend

from masthead.newsletters import emails
from masthead.newsletters.models import ConfirmationRetry, Subscription

logger = logging.getLogger(__name__)


@task()
def sign_up_task(address, newsletter_ids, source_url, consent_text):
    """The sign-up itself, queued by the view so that its answer takes the same time whatever the address's state
    (new, pending or confirmed): the worker does the part that differs."""
    from masthead.newsletters.subscriptions import sign_up

    _subscriber, to_confirm, _nonce = sign_up(address, newsletter_ids, source_url, consent_text)
    return len(to_confirm)


@task()
def send_confirmation_task(subscription_ids, nonce, attempt=1):
    subscriptions = list(
        Subscription.objects.filter(pk__in=subscription_ids, status=Subscription.Status.PENDING, confirm_nonce=nonce)
        .select_related("newsletter", "subscriber")
        .order_by("newsletter__sort_order", "newsletter__name")
    )
    if not subscriptions:  # confirmed or erased meanwhile: nothing to ask
        ConfirmationRetry.objects.filter(nonce=nonce, subscription_ids=subscription_ids).delete()
        return 0
    subscriber = subscriptions[0].subscriber
    try:
        emails.confirmation_message(subscriber, subscriptions, nonce).send()
    except (smtplib.SMTPException, OSError) as error:
        return _confirmation_not_sent(subscriber, subscriptions, nonce, attempt, error)
    ConfirmationRetry.objects.filter(subscriber=subscriber, nonce=nonce).delete()
    for subscription in subscriptions:
        subscription.log("confirmation_sent")
    return len(subscriptions)


def _permanent(error):
    """A 5xx from the mail server about this message or recipient: trying again cannot help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reason in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _confirmation_not_sent(subscriber, subscriptions, nonce, attempt, error):
    """Keep the email waiting, visible in the admin, and try again later (30 s doubling, like deliveries);
    give up on a 5xx or after NEWSLETTERS_MAX_ATTEMPTS attempts."""
    from masthead.newsletters.sending import backoff

    ids = [s.pk for s in subscriptions]
    give_up = _permanent(error) or attempt >= settings.NEWSLETTERS_MAX_ATTEMPTS
    next_attempt_at = None if give_up else timezone.now() + backoff(attempt)
    logger.warning("Confirmation email to subscriber %s not sent (attempt %s): %s", subscriber.pk, attempt, error)
    with transaction.atomic():
        ConfirmationRetry.objects.update_or_create(
            subscriber=subscriber,
            nonce=nonce,
            defaults={
                "subscription_ids": ids,
                "status": ConfirmationRetry.Status.GAVE_UP if give_up else ConfirmationRetry.Status.WAITING,
                "attempts": attempt,
                "next_attempt_at": next_attempt_at,
                "last_error": str(error)[:500] or type(error).__name__,
            },
        )
        for subscription in subscriptions:
            subscription.log("confirmation_failed" if give_up else "confirmation_delayed", str(error))
        if not give_up:
            enqueue_confirmation(ids, nonce, attempt=attempt + 1, run_after=next_attempt_at)
    return 0


@task()
def send_issue_task(issue_id):
    from masthead.newsletters.models import Issue
    from masthead.newsletters.sending import send_issue

    if Issue.objects.filter(pk=issue_id, status=Issue.Status.DRAFT).exists():
        return "draft"  # its schedule was cancelled after this task was queued
    issue = send_issue(issue_id)
    return None if issue is None else issue.status


def queue_confirmation(subscriptions, nonce):
    if subscriptions:
        enqueue_confirmation([s.pk for s in subscriptions], nonce)


def enqueue_confirmation(ids, nonce, attempt=1, run_after=None):
    """Tasks kept in the same database are queued inside the caller's transaction: one commit, and a rollback
    takes the email with it. Other backends (RQ) hear of it only after the commit, so the worker finds the rows."""
    if run_after and not send_confirmation_task.get_backend().supports_defer:
        return  # the immediate backend of tests cannot wait: the email stays listed as waiting
    task = send_confirmation_task.using(run_after=run_after) if run_after else send_confirmation_task
    args = (ids, nonce) if attempt == 1 else (ids, nonce, attempt)
    if isinstance(task.get_backend(), DatabaseBackend) and transaction.get_connection().in_atomic_block:
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
