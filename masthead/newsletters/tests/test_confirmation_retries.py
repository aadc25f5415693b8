"""Confirmation emails asked for while the mail server is down are not lost: they wait, listed in the admin, and
go out with backoff once it is back (a real aiosmtpd server, stopped then started on the same port)."""

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from masthead.core.testing import tasks_setting
from masthead.newsletters.models import ConfirmationRetry, SubscriptionEvent
from masthead.newsletters.smtp_server import LoopbackSMTP
from masthead.newsletters.tasks import send_confirmation_task

pytestmark = pytest.mark.django_db
READER = "reader@example.org"


@pytest.fixture
def mail_server(settings):
    """A loopback SMTP server the test can stop and start again."""
    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    server = LoopbackSMTP()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5

    def start():
        server.controller = Controller(server.mailbox, hostname=server.host, port=server.port, ready_timeout=10)
        server.controller.start()

    server.start, server.running = start, True
    yield server
    try:
        server.controller.stop()
    except AssertionError:  # already stopped
        pass


def run_worker():
    """What the database worker does (claim what is due, run it), in this process, until nothing is due. (Its
    run loop closes the database connection, which would end the test's transaction.)"""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    while (due := DBTaskResult.objects.ready().get_locked()) is not None:
        due.claim(worker.worker_id)
        worker.run_task(due)


def waiting_confirmations():
    return DBTaskResult.objects.filter(task_path=send_confirmation_task.module_path, status="READY")


def test_confirmation_waits_while_smtp_is_down_and_goes_out_when_it_is_back(
    newsletters, signup, mail_server, client, django_user_model
):
    assert signup(READER).status_code == 200  # the server is not started: nothing listens on its port
    run_worker()
    retry = ConfirmationRetry.objects.get()
    assert retry.status == ConfirmationRetry.Status.WAITING and retry.attempts == 1
    assert "refused" in retry.last_error.lower()
    wait = retry.next_attempt_at - timezone.now()
    assert timedelta(seconds=20) < wait <= timedelta(seconds=30)  # backoff: 30 s, then doubling
    (queued,) = waiting_confirmations()
    assert queued.run_after == retry.next_attempt_at

    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-long-enough"))
    listing = client.get("/admin/snippets/newsletters/confirmationretry/")
    html = listing.content.decode()
    assert listing.status_code == 200 and READER in html and "Waiting to retry" in html and "refused" in html
    assert "/admin/snippets/newsletters/confirmationretry/add/" not in html  # the system's rows, nobody adds

    run_worker()  # not due yet: still waiting, nothing sent, nothing lost
    assert waiting_confirmations().count() == 1 and not mail_server.messages

    mail_server.start()
    waiting_confirmations().update(run_after=timezone.now())  # time passes
    run_worker()
    assert [m["To"] for m in mail_server.messages] == [READER]
    assert not ConfirmationRetry.objects.exists()
    kinds = list(SubscriptionEvent.objects.values_list("kind", flat=True))
    assert kinds == ["signed_up", "confirmation_delayed", "confirmation_sent"]


def test_backoff_doubles_and_a_refusal_for_good_gives_up(newsletters, signup, mail_server, settings):
    settings.NEWSLETTERS_MAX_ATTEMPTS = 3
    signup(READER)
    run_worker()
    for attempt in (2, 3):
        waiting_confirmations().update(run_after=timezone.now())
        run_worker()
        retry = ConfirmationRetry.objects.get()
        assert retry.attempts == attempt
    assert retry.status == ConfirmationRetry.Status.GAVE_UP and retry.next_attempt_at is None
    assert not waiting_confirmations().exists()  # given up after NEWSLETTERS_MAX_ATTEMPTS

    mail_server.start()
    mail_server.mailbox.refuse["other@example.org"] = "550 No such user"
    signup("other@example.org")
    run_worker()
    refused = ConfirmationRetry.objects.get(subscriber__address="other@example.org")
    assert refused.status == ConfirmationRetry.Status.GAVE_UP and refused.attempts == 1 and "550" in refused.last_error
    assert not waiting_confirmations().exists() and not mail_server.messages
