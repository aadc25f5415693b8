"""Background work: confirmation emails and sending issues (the database worker, or RQ with REDIS_URL)."""

from django.db import transaction
from django_tasks import task
from django_tasks_db import DatabaseBackend

from masthead.newsletters import emails
from masthead.newsletters.models import Subscription


@task()
def send_confirmation_task(subscription_ids, nonce):
    subscriptions = list(
        Subscription.objects.filter(pk__in=subscription_ids, status=Subscription.Status.PENDING, confirm_nonce=nonce)
        .select_related("newsletter", "subscriber")
        .order_by("newsletter__sort_order", "newsletter__name")
    )
    if subscriptions:  # confirmed or erased meanwhile: nothing to ask
        emails.confirmation_message(subscriptions[0].subscriber, subscriptions, nonce).send()
        for subscription in subscriptions:
            subscription.log("confirmation_sent")
    return len(subscriptions)


@task()
def send_issue_task(issue_id):
    from masthead.newsletters.models import Issue
    from masthead.newsletters.sending import send_issue

    if Issue.objects.filter(pk=issue_id, status=Issue.Status.DRAFT).exists():
        return "draft"  # its schedule was cancelled after this task was queued
    issue = send_issue(issue_id)
    return None if issue is None else issue.status


def queue_confirmation(subscriptions, nonce):
    """Tasks kept in the same database are queued inside the caller's transaction: one commit, and a rollback
    takes the email with it. Other backends (RQ) hear of it only after the commit, so the worker finds the rows."""
    if not subscriptions:
        return
    ids = [s.pk for s in subscriptions]
    backend = send_confirmation_task.get_backend()
    if isinstance(backend, DatabaseBackend) and transaction.get_connection().in_atomic_block:
        send_confirmation_task.enqueue(ids, nonce)
    else:
        transaction.on_commit(lambda: send_confirmation_task.enqueue(ids, nonce))
