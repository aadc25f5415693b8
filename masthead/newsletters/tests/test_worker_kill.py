"""Kill a real worker process (SIGKILL) while a message is on the wire, resume, and check the mailbox against
the delivery rows: everyone gets exactly one copy, except the one in flight, which is reported as unknown."""

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from masthead.core.testing import tasks_setting, worker_environment
from masthead.newsletters import sending
from masthead.newsletters.emails import message_id
from masthead.newsletters.models import Delivery, Issue, Subscriber, Subscription
from masthead.newsletters.smtp_server import LoopbackSMTP
from masthead.newsletters.tests.conftest import make_newsletter

pytestmark = pytest.mark.db_sensitive

ROOT = Path(__file__).resolve().parents[3]
RECIPIENTS = 240
KILL_AT = 97  # the worker dies while the server holds this message's DATA


class HoldingMailbox:
    """Wraps the loopback mailbox: on the KILL_AT-th message, signal the test and wait until the worker is dead."""

    def __init__(self, mailbox):
        self.mailbox, self.arrived, self.release = mailbox, threading.Event(), threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.mailbox.count + 1 == KILL_AT and not self.arrived.is_set():
            self.arrived.set()
            import asyncio

            while not self.release.is_set():
                await asyncio.sleep(0.01)
        return await self.mailbox.handle_DATA(server, session, envelope)


def worker(smtp, *args, lease=None, senders=1):
    extra = {"NEWSLETTERS_CLAIM_LEASE_SECONDS": lease} if lease is not None else {}
    extra["NEWSLETTERS_SEND_CONNECTIONS"] = senders
    env = worker_environment(
        EMAIL_URL=smtp.url,
        NEWSLETTERS_BATCH_SIZE=40,
        MASTHEAD_BASE_URL="https://news.example",
        REDIS_URL="",
        MASTHEAD_VAR_DIR=django_settings.VAR_DIR,
        **extra,
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def audience(newsletter):
    """RECIPIENTS confirmed readers of ``newsletter``."""
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(address=f"reader{i}@example.org", address_hash=f"h{i}") for i in range(RECIPIENTS)]
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, newsletter=newsletter, status=Subscription.Status.CONFIRMED) for s in subscribers]
    )


def start_and_kill(smtp, issue, **worker_options):
    """Start the send (transactional tests: its task is queued in the database at once) and a worker, and SIGKILL
    the worker while the server holds the KILL_AT-th message's DATA."""
    holder = HoldingMailbox(smtp.mailbox)
    smtp.controller.handler = holder
    sending.start_send(issue)
    first = worker(smtp, **worker_options)
    try:
        assert holder.arrived.wait(60), first.stderr.read1().decode() if first.poll() is not None else "no mail"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        holder.release.set()
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL


@pytest.mark.django_db(transaction=True)
def test_sigkill_mid_send_loses_nothing_and_doubles_nothing(settings):
    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    newsletter = make_newsletter("briefing")
    audience(newsletter)
    issue = Issue.objects.create(newsletter=newsletter, subject="Kill test")
    with LoopbackSMTP() as smtp:
        start_and_kill(smtp, issue)
        states = Counter(Delivery.objects.values_list("status", flat=True))
        assert states[Delivery.Status.SENDING] == 1 and states[Delivery.Status.SENT] == KILL_AT - 1
        # Resume the way the admin's button does, with a worker that knows the first one is gone (lease 0).
        from masthead.newsletters.tasks import send_issue_task

        send_issue_task.enqueue(issue.pk)
        second = worker(smtp, "--batch", lease=0)
        assert second.wait(120) == 0, second.stderr.read().decode()
        received = Counter(m["Message-ID"] for m in smtp.messages)

    issue.refresh_from_db()
    rows = {message_id(issue.pk, pk): status for pk, status in Delivery.objects.values_list("pk", "status")}
    assert issue.status == Issue.Status.SENT and len(rows) == RECIPIENTS
    assert Counter(rows.values()) == {Delivery.Status.SENT: RECIPIENTS - 1, Delivery.Status.UNKNOWN: 1}
    assert max(received.values()) == 1, "a message was delivered twice"
    sent = {mid for mid, status in rows.items() if status == Delivery.Status.SENT}
    unknown = {mid for mid, status in rows.items() if status == Delivery.Status.UNKNOWN}
    assert sent <= set(received), "a row says sent but the server never got it"
    assert set(received) - sent <= unknown, "the server got a message no row accounts for"
    assert len(received) in (RECIPIENTS - 1, RECIPIENTS)  # the one on the wire may or may not have arrived
    assert Delivery.objects.get(status=Delivery.Status.UNKNOWN).error.startswith("The worker stopped")


@pytest.mark.django_db(transaction=True)
def test_sigkill_with_several_senders_leaves_one_unknown_per_sender_at_most(settings):
    """NEWSLETTERS_SEND_CONNECTIONS=3 (PostgreSQL; SQLite runs one sender whatever it says): the worker dies while
    the server holds one sender's message and the others are anywhere in theirs. At most one row per sender is
    "unknown"; nobody gets two copies."""
    from django.db import connection

    senders = 3
    in_flight = senders if connection.vendor == "postgresql" else 1  # SQLite (one writer) ignores the setting
    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    newsletter = make_newsletter("briefing")
    audience(newsletter)
    issue = Issue.objects.create(newsletter=newsletter, subject="Kill test, three senders")
    with LoopbackSMTP() as smtp:
        start_and_kill(smtp, issue, senders=senders)
        assert 1 <= Counter(Delivery.objects.values_list("status", flat=True))[Delivery.Status.SENDING] <= in_flight
        from masthead.newsletters.tasks import send_issue_task

        send_issue_task.enqueue(issue.pk)
        second = worker(smtp, "--batch", lease=0, senders=senders)
        assert second.wait(120) == 0, second.stderr.read().decode()
        received = Counter(m["Message-ID"] for m in smtp.messages)

    issue.refresh_from_db()
    rows = {message_id(issue.pk, pk): status for pk, status in Delivery.objects.values_list("pk", "status")}
    states = Counter(rows.values())
    assert issue.status == Issue.Status.SENT and len(rows) == RECIPIENTS
    assert set(states) <= {Delivery.Status.SENT, Delivery.Status.UNKNOWN}
    assert 1 <= states[Delivery.Status.UNKNOWN] <= in_flight
    assert max(received.values()) == 1, "a message was delivered twice"
    sent = {mid for mid, status in rows.items() if status == Delivery.Status.SENT}
    assert sent <= set(received), "a row says sent but the server never got it"
    assert set(received) - sent <= {mid for mid, status in rows.items() if status == Delivery.Status.UNKNOWN}
