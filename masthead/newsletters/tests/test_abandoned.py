"""Issue 10 §3: a send whose every worker died resumes by itself once the lease runs out, on the database task
backend: a live worker's clock finds the abandoned claims; the message that was on the wire is reported, not re-sent."""

import signal
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.core.testing import tasks_setting
from masthead.newsletters import sending
from masthead.newsletters.emails import message_id
from masthead.newsletters.models import Delivery, Issue
from masthead.newsletters.smtp_server import LoopbackSMTP
from masthead.newsletters.tests.conftest import make_newsletter
from masthead.newsletters.tests.test_worker_kill import RECIPIENTS, audience, start_and_kill, worker

D = Delivery.Status
LEASE = 3


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.db_sensitive
@pytest.mark.django_db(transaction=True)
def test_a_live_workers_clock_resumes_a_send_whose_worker_died(settings):
    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    issue = Issue.objects.create(newsletter=make_newsletter("briefing"), subject="Nobody clicks Resume")
    audience(issue.newsletter)
    with LoopbackSMTP() as smtp:
        start_and_kill(smtp, issue, lease=LEASE)
        assert Counter(Delivery.objects.values_list("status", flat=True))[D.SENDING] == 1
        # No Resume click, no task queued by the test: a fresh worker (its clock) must notice by itself.
        time.sleep(LEASE + 0.5)
        second = worker(smtp, lease=LEASE)
        try:
            finished = wait_for(lambda: Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT, 90)
        finally:
            second.send_signal(signal.SIGTERM)
            try:
                second.wait(15)
            except Exception:
                second.kill()
        assert finished, "the abandoned send was not resumed"
        received = Counter(m["Message-ID"] for m in smtp.messages)

    rows = {message_id(issue.pk, pk): status for pk, status in Delivery.objects.values_list("pk", "status")}
    assert Counter(rows.values()) == {D.SENT: RECIPIENTS - 1, D.UNKNOWN: 1}
    assert max(received.values()) == 1, "a message was delivered twice"
    assert {mid for mid, status in rows.items() if status == D.SENT} <= set(received)
    assert len(received) in (RECIPIENTS - 1, RECIPIENTS)


@pytest.mark.django_db
def test_what_counts_as_abandoned(settings):
    settings.NEWSLETTERS_CLAIM_LEASE_SECONDS = 120
    newsletter = make_newsletter("briefing")
    audience(newsletter)
    issue = Issue.objects.create(newsletter=newsletter, subject="Lease")
    long_ago = timezone.now() - timedelta(minutes=10)
    sending.start_send(issue)
    sending.freeze_audience(issue.pk)
    assert sending.abandoned_sends() == []  # just started: its task is on the way
    Issue.objects.filter(pk=issue.pk).update(send_started_at=long_ago)
    Delivery.objects.update(next_attempt_at=long_ago)
    assert sending.abandoned_sends() == [issue.pk]  # due for minutes and nobody has claimed a row: its task was lost
    sending.claim_batch(issue.pk, "live-worker", 10)
    assert sending.abandoned_sends() == []  # a worker holds fresh claims
    Delivery.objects.filter(claimed_by="live-worker").update(claimed_at=long_ago)
    assert sending.abandoned_sends() == [issue.pk]  # ...that it has not touched for longer than the lease
    sending.pause(issue.pk)
    assert sending.abandoned_sends() == []  # a paused send waits for the editor
