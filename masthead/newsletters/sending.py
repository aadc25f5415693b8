"""The sending engine: freeze the audience, claim batches, send over one connection, record every outcome.

Each delivery row moves queued -> claimed (a batch, one transaction) -> sending (committed *before* the message
goes to the SMTP server) -> sent (committed after). A worker killed at any moment therefore leaves at most one
row in "sending" — the message that was on the wire — which a resumed send marks "unknown" and reports instead
of sending again. Rows left "claimed" were never handed to the transport and go back to the queue. The same marks
surround every transport (SMTP, the .eml outbox, email services through django-anymail): see transports.py.

Several workers share one send: a send task that starts with more than a batch queued queues one more, so every
free worker joins (invite_another_worker). Claims are atomic on both databases: PostgreSQL skips rows other workers
have locked (SKIP LOCKED); SQLite allows one writer at a time (settings open every transaction IMMEDIATE). Every
later step names the claiming worker, so a row another worker has taken over is never sent twice.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from masthead.newsletters.addresses import address_hash
from masthead.newsletters.emails import PreparedIssue, render_issue
from masthead.newsletters.models import Delivery, Issue, Subscription, Suppression
from masthead.newsletters.transports import CannotConnect, Lost, Refused, open_channel

logger = logging.getLogger(__name__)
D = Delivery.Status
IN_FLIGHT = [D.QUEUED, D.CLAIMED, D.SENDING]
INSERT_CHUNK = 5000
RATE_WINDOW = timedelta(seconds=60)
PAUSE_CHECK_EVERY = 100  # messages between looks at the issue's status (pause, cancel) and claim renewals


class NotSendable(Exception):
    pass


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


# --- Starting a send


def audience(newsletter_id):
    """Who an issue goes to: confirmed subscribers whose address is not suppressed."""
    return Subscription.objects.filter(newsletter_id=newsletter_id, status=Subscription.Status.CONFIRMED).exclude(
        subscriber__address_hash__in=Suppression.objects.values("address_hash")
    )


def check_sendable(issue):
    """Raise NotSendable with what the editor must do first."""
    if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
        raise NotSendable("This issue has already been sent or is sending.")
    if not issue.newsletter.active:
        raise NotSendable("This newsletter is not active.")
    if not settings.NEWSLETTERS_POSTAL_ADDRESS.strip():
        raise NotSendable(
            "Every issue must carry the newsroom's postal address in its footer (anti-spam law in most countries). "
            "Set NEWSLETTERS_POSTAL_ADDRESS in the environment before the first send."
        )


def start_send(issue, run_after=None):
    """Send now (run_after None) or at a time: mark the issue and queue the task once the change commits."""
    from masthead.newsletters.tasks import send_issue_task

    with transaction.atomic():
        locked = Issue.objects.select_for_update().select_related("newsletter").get(pk=issue.pk)
        check_sendable(locked)
        locked.status = Issue.Status.SCHEDULED if run_after else Issue.Status.SENDING
        locked.scheduled_for = run_after
        locked.save(update_fields=["status", "scheduled_for"])
        task = send_issue_task.using(run_after=run_after) if run_after else send_issue_task
        transaction.on_commit(lambda: task.enqueue(locked.pk))
    return locked


def pause(issue_id):
    """Workers stop claiming; what they hold goes back to the queue (see send_batch). True when it paused."""
    return bool(Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(status=Issue.Status.PAUSED))


def resume(issue_id):
    """A paused send, or one whose workers stopped: queue it again (abandoned rows are recovered by the task)."""
    from masthead.newsletters.tasks import send_issue_task

    with transaction.atomic():
        resumed = Issue.objects.filter(pk=issue_id, status__in=[Issue.Status.PAUSED, Issue.Status.SENDING]).update(
            status=Issue.Status.SENDING
        )
        if resumed:
            transaction.on_commit(lambda: send_issue_task.enqueue(issue_id))
    return bool(resumed)


def cancel(issue_id):
    """Stop for good: a scheduled issue goes back to draft; a started one sends nothing more. Returns rows let go."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue_id)
        if issue.status == Issue.Status.SCHEDULED and issue.audience_size is None:
            issue.status, issue.scheduled_for = Issue.Status.DRAFT, None
            issue.save(update_fields=["status", "scheduled_for"])
            return 0
        if issue.status not in (Issue.Status.SENDING, Issue.Status.PAUSED):
            raise NotSendable("Only a scheduled, sending or paused issue can be cancelled.")
        # A worker's next mark needs its row still "claimed", so taking claimed rows here stops it mid-batch too.
        dropped = Delivery.objects.filter(issue_id=issue_id, status__in=[D.QUEUED, D.CLAIMED]).update(
            status=D.CANCELLED, error="The send was cancelled before this message went out."
        )
        issue.status, issue.send_finished_at = Issue.Status.CANCELLED, timezone.now()
        issue.save(update_fields=["status", "send_finished_at"])
    return dropped


def freeze_audience(issue_id):
    """Render the issue once and write one delivery row per confirmed, unsuppressed subscriber (idempotent)."""
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    if issue.audience_size is not None:
        return issue
    html, text = render_issue(issue)
    if issue.newsletter.track_opens_and_clicks:
        from masthead.newsletters.tracking import add_tracking

        html = add_tracking(html, issue)
    with transaction.atomic():
        issue = Issue.objects.select_for_update().select_related("newsletter").get(pk=issue_id)
        if issue.audience_size is not None:
            return issue
        if issue.status in (Issue.Status.PAUSED, Issue.Status.CANCELLED):
            raise NotSendable("Paused or cancelled before it started.")
        if issue.status == Issue.Status.SCHEDULED and issue.scheduled_for and issue.scheduled_for > timezone.now():
            raise NotSendable("Scheduled for later.")
        recipients = (
            audience(issue.newsletter_id).order_by("subscriber_id").values_list("subscriber_id", "subscriber__address")
        )
        total, chunk = 0, []
        for subscriber_id, address in recipients.iterator(chunk_size=INSERT_CHUNK):
            chunk.append(Delivery(issue_id=issue.pk, subscriber_id=subscriber_id, address=address))
            if len(chunk) >= INSERT_CHUNK:
                total += len(Delivery.objects.bulk_create(chunk, ignore_conflicts=True))
                chunk = []
        total += len(Delivery.objects.bulk_create(chunk, ignore_conflicts=True))
        issue.rendered_html, issue.rendered_text = html, text
        issue.audience_size = total
        issue.status = Issue.Status.SENDING
        issue.send_started_at = timezone.now()
        issue.save()
    return issue


# --- Recovering after a crash


def recover(issue_id, lease_seconds=None):
    """Rows a dead worker left behind: claimed -> queued again, sending -> unknown. Returns the unknown count.

    Only rows whose claim is older than the lease count as abandoned, so live workers are left alone.
    """
    lease = settings.NEWSLETTERS_CLAIM_LEASE_SECONDS if lease_seconds is None else lease_seconds
    cutoff = timezone.now() - timedelta(seconds=lease)
    stale = Delivery.objects.filter(issue_id=issue_id, claimed_at__lte=cutoff)
    stale.filter(status=D.CLAIMED).update(status=D.QUEUED, claimed_by="", claimed_at=None)
    unknown = stale.filter(status=D.SENDING).update(
        status=D.UNKNOWN, error="The worker stopped while this message was with the mail server; not re-sent."
    )
    if unknown:
        logger.warning("Issue %s: %s message(s) in flight when a worker stopped, marked unknown.", issue_id, unknown)
    return unknown


def abandoned_sends(lease_seconds=None):
    """Issues still "sending" that no live worker is on: claims older than the lease, or due rows nobody has
    claimed for a lease (a task lost with its worker, or moved to RQ's failed list)."""
    lease = timedelta(seconds=settings.NEWSLETTERS_CLAIM_LEASE_SECONDS if lease_seconds is None else lease_seconds)
    cutoff = timezone.now() - lease
    found = []
    for issue_id, started in Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", "send_started_at"):
        rows = Delivery.objects.filter(issue_id=issue_id)
        in_hand = rows.filter(status__in=[D.CLAIMED, D.SENDING])
        if in_hand.filter(claimed_at__lte=cutoff).exists():
            found.append(issue_id)
        elif started and started <= cutoff and not in_hand.exists():
            due = rows.filter(status=D.QUEUED, next_attempt_at__lte=cutoff).exists()
            last = rows.aggregate(at=Max("claimed_at"))["at"]
            if due and (last is None or last <= cutoff):
                found.append(issue_id)
    return found


def resume_abandoned_sends():
    """The worker's clock: queue every abandoned send again; its task re-queues stale claims and reports the one
    message that was on the wire as unknown (see recover), so nobody waits for an editor's Resume click."""
    from masthead.newsletters.tasks import send_issue_task

    issue_ids = abandoned_sends()
    for issue_id in issue_ids:
        logger.warning("Issue %s: its workers stopped; queued to resume.", issue_id)
        send_issue_task.enqueue(issue_id)
    return issue_ids


# --- Claiming and sending


def rate_allowance(now):
    """(messages that may start now, when the next may) under NEWSLETTERS_SEND_RATE, over every issue's sending.

    A message counts from when it was claimed (then marked sending), so the window is the last 60 seconds.
    """
    rate = settings.NEWSLETTERS_SEND_RATE
    if rate <= 0:
        return None, None
    recent = Delivery.objects.filter(claimed_at__gt=now - RATE_WINDOW)
    used = recent.count()
    if used < rate:
        return rate - used, None
    oldest = recent.order_by("claimed_at").values_list("claimed_at", flat=True)[used - rate]
    return 0, oldest + RATE_WINDOW


def claim_batch(issue_id, worker, size):
    """Up to ``size`` due rows for this worker, none while the issue is paused or cancelled, none over the rate."""
    rows, _ = claim_batch_or_wait(issue_id, worker, size)
    return rows


def claim_batch_or_wait(issue_id, worker, size):
    now = timezone.now()
    with transaction.atomic():
        issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING)
        if settings.NEWSLETTERS_SEND_RATE > 0:
            issue = issue.select_for_update()  # one claimer at a time counts the window
        if not issue.exists():
            return [], None
        allowance, wait_until = rate_allowance(now)
        if allowance == 0:
            return [], wait_until
        # In the order of the (issue, status, next_attempt_at) index, so the scan stops at the batch; ordering by pk
        # alone sorted every queued row on each claim (a million rows: ~0.5 s of PostgreSQL per batch).
        queued = Delivery.objects.filter(issue_id=issue_id, status=D.QUEUED, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "pk"
        )
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        ids = list(queued.values_list("pk", flat=True)[: min(size, allowance or size)])
        if ids:
            Delivery.objects.filter(pk__in=ids, status=D.QUEUED).update(
                status=D.CLAIMED, claimed_by=worker, claimed_at=now
            )
    return list(
        Delivery.objects.filter(pk__in=ids, status=D.CLAIMED, claimed_by=worker)
        .order_by("pk")
        .values_list("pk", "address", "subscriber_id", "subscriber__key", "attempts")
    ), None


def _still_sending(issue_id):
    return Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).exists()


def _renew_claims(issue_id, worker):
    """A heartbeat for a long batch: rows this worker still holds are not mistaken for a dead worker's.

    The issue narrows it to the (issue, status) index range of claimed rows (a batch or two per worker); without it
    every renewal walked the whole index, ~10 ms at 30,000 deliveries and growing with every issue ever sent."""
    Delivery.objects.filter(issue_id=issue_id, status=D.CLAIMED, claimed_by=worker).update(claimed_at=timezone.now())


def _hand_back(rows, worker):
    """Paused mid-batch: rows not yet started go back to the queue as they were (no attempt counted)."""
    Delivery.objects.filter(pk__in=[row[0] for row in rows], claimed_by=worker, status=D.CLAIMED).update(
        status=D.QUEUED, claimed_by="", claimed_at=None
    )


def _skip_unreachable(issue, rows, worker):
    """Drop rows whose address was suppressed or who left the newsletter after the audience was frozen."""
    hashes = {address_hash(row[1]): row[0] for row in rows}
    suppressed = {
        hashes[h]
        for h in Suppression.objects.filter(address_hash__in=list(hashes)).values_list("address_hash", flat=True)
    }
    still_subscribed = set(
        Subscription.objects.filter(
            newsletter_id=issue.newsletter_id,
            status=Subscription.Status.CONFIRMED,
            subscriber_id__in=[row[2] for row in rows if row[2]],
        ).values_list("subscriber_id", flat=True)
    )
    left = {row[0] for row in rows if row[2] not in still_subscribed} - suppressed
    mine = Delivery.objects.filter(claimed_by=worker, status=D.CLAIMED)
    if suppressed:
        mine.filter(pk__in=suppressed).update(status=D.SUPPRESSED, error="On the suppression list.")
    if left:
        mine.filter(pk__in=left).update(status=D.SUPPRESSED, error="Left the newsletter before this was sent.")
    return [row for row in rows if row[0] not in suppressed and row[0] not in left]


def _record(pk, worker, **changes):
    return Delivery.objects.filter(pk=pk, claimed_by=worker).update(**changes)


def _advance_sql():
    table = connection.ops.quote_name(Delivery._meta.db_table)
    return (
        f"UPDATE {table} SET "
        f"status = CASE WHEN id = %s THEN 'sending' ELSE 'sent' END, "
        f"attempts = CASE WHEN id = %s THEN attempts + 1 ELSE attempts END, "
        f"claimed_at = CASE WHEN id = %s THEN %s ELSE claimed_at END, "
        f"sent_at = CASE WHEN id = %s THEN sent_at ELSE %s END, "
        f"error = CASE WHEN id = %s THEN error ELSE '' END "
        f"WHERE claimed_by = %s AND ((id = %s AND status = 'claimed') OR (id = %s AND status = 'sending')) "
        f"RETURNING id"
    )


def _mark_sending(pk, worker, previous_sent):
    """One statement, one commit: the previous message is sent, this one is on its way. False when another worker
    took this row over. Autocommit makes the single UPDATE its own transaction, so no BEGIN/COMMIT round trips."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    previous = -1 if previous_sent is None else previous_sent
    with connection.cursor() as cursor:
        cursor.execute(_advance_sql(), [pk, pk, pk, now, pk, now, pk, worker, pk, previous])
        return any(row[0] == pk for row in cursor.fetchall())


def _failure(pk, worker, address, attempts, error, code=None):
    """Temporary (4xx, refused connection): retry later, up to the limit. Permanent (5xx): fail and suppress."""
    error = str(error)[:300]
    if code and 500 <= code < 600:
        _record(pk, worker, status=D.FAILED, attempts=attempts, error=error)
        Suppression.suppress(address, Suppression.Reason.HARD_BOUNCE, note=error)
    elif attempts >= settings.NEWSLETTERS_MAX_ATTEMPTS:
        _record(
            pk, worker, status=D.FAILED, attempts=attempts, error=f"Gave up after {attempts} attempts. {error}"[:300]
        )
    else:
        _record(
            pk,
            worker,
            status=D.QUEUED,
            claimed_by="",
            attempts=attempts,
            error=error,
            next_attempt_at=timezone.now() + backoff(attempts),
        )


def _release(rows, worker, error):
    """The batch could not start (no connection): each row counts an attempt and goes back to the queue."""
    for pk, address, _subscriber_id, _key, attempts in rows:
        _failure(pk, worker, address, attempts + 1, error)


def _mark_sent(pk, worker, provider_id):
    _record(pk, worker, status=D.SENT, sent_at=timezone.now(), error="", provider_message_id=provider_id)


def send_batch(issue, rows, worker, on_message=None, prepared=None):
    """Hand each row's message to the transport, marking it "sending" first (one commit) and "sent" after."""
    rows = _skip_unreachable(issue, rows, worker)
    if not rows:
        return
    prepared = prepared or PreparedIssue(issue, issue.rendered_html, issue.rendered_text)
    try:
        channel = open_channel(prepared)
    except CannotConnect as exc:
        _release(rows, worker, exc)
        return
    previous_sent = None  # (pk, provider id) of the last message the transport accepted, not yet marked
    try:
        for index, row in enumerate(rows):
            pk, address, _subscriber_id, _key, attempts = row
            if index and index % PAUSE_CHECK_EVERY == 0:
                if not _still_sending(issue.pk):
                    _hand_back(rows[index:], worker)
                    break
                _renew_claims(issue.pk, worker)
            try:
                channel.ensure_open()
            except CannotConnect as exc:
                _release(rows[index:], worker, exc)
                break
            sent, previous_sent = previous_sent, None
            if sent and sent[1]:  # the combined statement below has no room for the provider's id
                _mark_sent(sent[0], worker, sent[1])
                sent = None
            if not _mark_sending(pk, worker, sent[0] if sent else None):
                continue
            try:
                previous_sent = (pk, channel.send(row))
            except ValueError as exc:  # the address cannot be written into a message
                _record(pk, worker, status=D.FAILED, error=str(exc))
            except Refused as exc:
                _failure(pk, worker, address, attempts + 1, exc, exc.code)
            except Lost as exc:  # the transport may or may not have it: report, never resend
                _record(pk, worker, status=D.UNKNOWN, error=str(exc)[:300])
            if on_message:
                on_message()
    finally:
        if previous_sent is not None:
            _mark_sent(previous_sent[0], worker, previous_sent[1])
        channel.close()


def send_issue(issue_id, on_message=None, batch_size=None, lease_seconds=None):
    """Send (or resume sending) an issue to everyone still queued. Safe to run in several workers at once."""
    worker = uuid.uuid4().hex
    recover(issue_id, lease_seconds)
    try:
        issue = freeze_audience(issue_id)
    except NotSendable:
        return None
    size = batch_size or settings.NEWSLETTERS_BATCH_SIZE
    invite_another_worker(issue.pk, size)
    prepared = PreparedIssue(issue, issue.rendered_html, issue.rendered_text)
    senders = senders_per_worker()
    if senders == 1:
        wait_until = send_claims(issue, worker, size, on_message, prepared)
    else:
        wait_until = _send_from_threads(issue, worker, senders, size, on_message, prepared)
    return finish_or_reschedule(issue, not_before=wait_until)


def senders_per_worker():
    """NEWSLETTERS_SEND_CONNECTIONS on PostgreSQL; one on SQLite (one writer) and under a send rate (claimers take
    turns counting its window)."""
    if connection.vendor != "postgresql" or settings.NEWSLETTERS_SEND_RATE > 0:
        return 1
    return settings.NEWSLETTERS_SEND_CONNECTIONS


def send_claims(issue, worker, size, on_message, prepared):
    """Claim and send batches until none is left (or the send rate says wait): one sender, one message at a time."""
    while True:
        rows, wait_until = claim_batch_or_wait(issue.pk, worker, size)
        if not rows:
            return wait_until
        send_batch(issue, rows, worker, on_message, prepared)


def _send_from_threads(issue, worker, senders, size, on_message, prepared):
    """Several senders in this worker, each a claimer of its own (own id, database and SMTP connection), so each
    keeps the one-message-in-flight marks. They wait on the network and on commits, not on Python, and their
    commits share WAL flushes. An error in any is raised here once all have stopped."""
    import threading

    from django.db import connections

    outcomes = [None] * senders

    def run(index):
        try:
            outcomes[index] = (send_claims(issue, f"{worker}.{index}", size, on_message, prepared), None)
        except BaseException as exc:  # re-raised in the task's thread below
            outcomes[index] = (None, exc)
        finally:
            connections.close_all()  # this thread's own connections

    threads = [threading.Thread(target=run, args=(i,), name=f"newsletter-sender-{i}") for i in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for _wait, exc in outcomes:
        if exc is not None:
            raise exc
    waits = [wait for wait, _exc in outcomes if wait is not None]
    return max(waits) if waits else None


def invite_another_worker(issue_id, batch_size):
    """Queue one more send task while more than a batch waits, so a free worker joins this send.

    Each task that joins invites the next in turn, so every free worker takes a share (claims are atomic) and at most
    one invitation waits in the queue; a task finding nothing left to claim ends at once. Not under a send rate
    (claimers take turns counting its window) nor with a backend that would run the task here and now.
    """
    from django_tasks.backends.immediate import ImmediateBackend

    from masthead.newsletters.tasks import send_issue_task

    if settings.NEWSLETTERS_SEND_RATE > 0 or isinstance(send_issue_task.get_backend(), ImmediateBackend):
        return False
    due = Delivery.objects.filter(issue_id=issue_id, status=D.QUEUED, next_attempt_at__lte=timezone.now())
    if not due.order_by()[batch_size : batch_size + 1].exists():  # any row past a batch will do: no sort
        return False
    send_issue_task.enqueue(issue_id)
    return True


def finish_or_reschedule(issue, not_before=None):
    """Mark the issue sent when nothing is left; else queue the task again for the next retry (or rate window)."""
    issue.refresh_from_db(fields=["status"])
    if issue.status != Issue.Status.SENDING:
        return issue  # paused or cancelled: Resume queues it again
    deliveries = Delivery.objects.filter(issue_id=issue.pk)
    if deliveries.filter(status__in=[D.CLAIMED, D.SENDING]).exists():
        return issue  # another worker is still on it; it finishes the issue
    retry_at = deliveries.filter(status=D.QUEUED).aggregate(at=Min("next_attempt_at"))["at"]
    if retry_at is not None:
        from masthead.newsletters.tasks import send_issue_task

        retry_at = max(retry_at, not_before) if not_before else retry_at
        if send_issue_task.get_backend().supports_defer:  # otherwise "Resume" in the admin picks the retries up
            send_issue_task.using(run_after=retry_at).enqueue(issue.pk)
        return issue
    Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING, send_finished_at__isnull=True).update(
        status=Issue.Status.SENT, send_finished_at=timezone.now()
    )
    issue.refresh_from_db()
    return issue


def progress(issue):
    """Counts by status for the admin's progress view and the CLI."""
    counts = dict.fromkeys(D.values, 0)
    for row in Delivery.objects.filter(issue=issue).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    total = sum(counts.values())
    done = counts[D.SENT] + counts[D.FAILED] + counts[D.SUPPRESSED] + counts[D.UNKNOWN] + counts[D.CANCELLED]
    return {
        **counts,
        "total": total,
        "remaining": total - done,
        "done": done,
        "percent": round(100 * done / total) if total else (100 if issue.status == Issue.Status.SENT else 0),
    }


def issue_numbers(issue):
    """What happened after the send: bounces and complaints reported for this issue's messages, and readers who
    left the newsletter after it arrived (before the next issue went out)."""
    from masthead.newsletters.models import MailEvent, SubscriptionEvent

    events = MailEvent.objects.filter(issue=issue)
    bounced = events.filter(kind__in=[MailEvent.Kind.HARD_BOUNCE, MailEvent.Kind.SOFT_BOUNCE])
    unsubscribed = 0
    if issue.send_started_at:
        later = (
            Issue.objects.filter(newsletter_id=issue.newsletter_id, send_started_at__gt=issue.send_started_at)
            .order_by("send_started_at")
            .values_list("send_started_at", flat=True)
            .first()
        )
        left = SubscriptionEvent.objects.filter(
            kind="unsubscribed",
            at__gte=issue.send_started_at,
            subscription__newsletter_id=issue.newsletter_id,
            subscription__subscriber_id__in=Delivery.objects.filter(issue=issue).values("subscriber_id"),
        )
        unsubscribed = (left.filter(at__lt=later) if later else left).values("subscription_id").distinct().count()
    return {
        "bounced": bounced.values("address_hash").distinct().count(),
        "complained": events.filter(kind=MailEvent.Kind.COMPLAINT).values("address_hash").distinct().count(),
        "unsubscribed": unsubscribed,
    }
