import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from masthead.core.testing import tasks_setting
from masthead.newsletters import sending
from masthead.newsletters.models import Delivery, Issue, IssueArticle, Subscriber, Subscription, Suppression
from masthead.newsletters.tests.conftest import make_newsletter

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]
D = Delivery.Status


def subscribe(newsletter, address, status=Subscription.Status.CONFIRMED):
    subscriber, _ = Subscriber.objects.get_or_create(address=address)
    return Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status=status)


@pytest.fixture
def issue(newsroom):
    newsletter = make_newsletter("briefing")
    issue = Issue.objects.create(
        newsletter=newsletter,
        subject="Tuesday's briefing",
        preheader="Five things",
        intro="<p>Good <b>morning</b>.</p>",
        latest_count=2,
    )
    issue.latest_sections.set([newsroom["sections"][0]])
    issue.save()
    IssueArticle.objects.create(issue=issue, article=newsroom["articles"][-1], sort_order=0)
    for address in ("a@example.org", "b@example.org", "c@example.org"):
        subscribe(newsletter, address)
    subscribe(newsletter, "pending@example.org", Subscription.Status.PENDING)
    subscribe(newsletter, "left@example.org", Subscription.Status.UNSUBSCRIBED)
    subscribe(newsletter, "bounced@example.org")
    Suppression.suppress("bounced@example.org", Suppression.Reason.HARD_BOUNCE)
    return issue


def test_send_reaches_confirmed_unsuppressed_readers_once_with_good_email(issue, smtp_server, newsroom):
    result = sending.send_issue(issue.pk)
    assert result.status == Issue.Status.SENT and result.audience_size == 3
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.org", "b@example.org", "c@example.org"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {D.SENT}
    message = smtp_server.mailbox.to("a@example.org")[0]
    delivery = Delivery.objects.get(address="a@example.org")
    assert message["Message-ID"] == f"<issue{issue.pk}.delivery{delivery.pk}@news.example>"
    assert message["Date"] and message["Subject"] == "Tuesday's briefing"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https_url, mailto = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
    assert https_url.startswith("https://news.example/newsletters/unsubscribe/") and mailto.startswith("mailto:")
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert "<style" not in html and 'style="' in html  # CSS inlined for clients that drop <style>
    assert "<table" in html and "Five things" in html
    picked = newsroom["articles"][-1]
    assert picked.title in html and picked.title in text
    from masthead.newsroom.models import ArticlePage

    latest = ArticlePage.latest(section=newsroom["sections"][0]).exclude(pk=picked.pk).first()
    assert html.index(picked.title) < html.index(latest.title)  # hand-picked first, then the latest
    assert https_url in html and https_url in text  # per-recipient link in both parts
    assert not message.defects and not any(part.defects for part in message.walk())
    images = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert images and all(src.startswith("https://news.example/media/") for src in images)  # no trackers
    # the link in the email unsubscribes with a cookie-less POST
    response = Client(enforce_csrf_checks=True).post(https_url.removeprefix("https://news.example"))
    assert response.status_code == 200
    assert Subscription.objects.get(subscriber__address="a@example.org").status == Subscription.Status.UNSUBSCRIBED


def test_reader_who_leaves_after_freeze_is_skipped(issue, smtp_server):
    sending.freeze_audience(issue.pk)
    Subscription.objects.filter(subscriber__address="b@example.org").update(status=Subscription.Status.UNSUBSCRIBED)
    Suppression.suppress("c@example.org", Suppression.Reason.COMPLAINT)
    sending.send_issue(issue.pk)
    assert [m["To"] for m in smtp_server.messages] == ["a@example.org"]
    assert Delivery.objects.filter(status=D.SUPPRESSED).count() == 2


def test_temporary_failure_retries_with_backoff_and_permanent_suppresses(issue, smtp_server):
    smtp_server.mailbox.refuse["b@example.org"] = "451 4.3.0 Try again later"
    smtp_server.mailbox.refuse["c@example.org"] = "550 5.1.1 No such user"
    issue = sending.send_issue(issue.pk)
    assert issue.status == Issue.Status.SENDING  # b is still to come
    b, c = Delivery.objects.get(address="b@example.org"), Delivery.objects.get(address="c@example.org")
    assert b.status == D.QUEUED and b.attempts == 1 and b.next_attempt_at > timezone.now() and "451" in b.error
    assert c.status == D.FAILED and Suppression.objects.filter(address="c@example.org", reason="hard_bounce").exists()
    assert sending.send_issue(issue.pk).status == Issue.Status.SENDING  # not due yet: nothing happens
    assert [m["To"] for m in smtp_server.messages] == ["a@example.org"]
    del smtp_server.mailbox.refuse["b@example.org"]
    Delivery.objects.filter(pk=b.pk).update(next_attempt_at=timezone.now())
    assert sending.send_issue(issue.pk).status == Issue.Status.SENT
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.org", "b@example.org"]


def test_smtp_server_down_requeues_everything(issue, settings):
    from masthead.newsletters.smtp_server import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    sending.send_issue(issue.pk)
    assert list(Delivery.objects.values_list("status", "attempts").distinct()) == [(D.QUEUED, 1)]


def test_gives_up_after_max_attempts(issue, smtp_server, settings):
    settings.NEWSLETTERS_MAX_ATTEMPTS = 2
    smtp_server.mailbox.refuse["a@example.org"] = "421 4.7.0 Busy"
    for _ in range(2):
        sending.send_issue(issue.pk)
        Delivery.objects.filter(status=D.QUEUED).update(next_attempt_at=timezone.now())
    a = Delivery.objects.get(address="a@example.org")
    assert a.status == D.FAILED and a.attempts == 2 and "Gave up" in a.error
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


def test_header_injection_is_refused_in_every_header_field(issue):
    issue.subject = "Hello\r\nBcc: everyone@example.org"
    with pytest.raises(ValidationError):
        issue.full_clean()
    newsletter = issue.newsletter
    newsletter.sender_name = "Desk\nX-Evil: 1"
    with pytest.raises(ValidationError):
        newsletter.full_clean()


@pytest.fixture
def editor(db):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def test_admin_send_page_test_send_now_and_report(issue, smtp_server, editor, django_capture_on_commit_callbacks):
    url = f"/admin/newsletters/issue/{issue.pk}/send/"
    assert editor.get(url).status_code == 200
    bad = editor.post(url, {"action": "test", "test-addresses": "nope\r\nBcc: x@y.z"})
    assert bad.status_code == 400 and not smtp_server.messages
    editor.post(url, {"action": "test", "test-addresses": "me@example.org, you@example.org"})
    assert sorted(m["To"] for m in smtp_server.messages) == ["me@example.org", "you@example.org"]
    assert smtp_server.messages[0]["Subject"] == "[Test] Tuesday's briefing"
    assert not Delivery.objects.exists()
    confirm = editor.post(url, {"action": "now"}).content.decode()
    assert "Send to 3 recipients" in confirm and "Tuesday&#x27;s briefing" in confirm and not Delivery.objects.exists()
    assert "Briefing desk &lt;briefing@news.example&gt;" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(url, {"action": "now", "confirmed": str(issue.pk)})
    page = editor.get(url).content.decode()
    assert "100% · 3 sent · 0 failed" in page and "Final report" in page
    assert len(smtp_server.messages) == 5
    again = editor.post(url, {"action": "now", "confirmed": str(issue.pk)}, follow=True)
    assert "already been sent" in again.content.decode()
    assert editor.post(url, {"action": "explode"}).status_code == 400
    listing = editor.get("/admin/snippets/newsletters/issue/").content.decode()
    assert "Progress and report" in listing


def test_admin_schedule_queues_a_deferred_task_in_the_database(
    issue, editor, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    url = f"/admin/newsletters/issue/{issue.pk}/send/"
    past = editor.post(url, {"action": "schedule", "schedule-send_at": "2001-01-01T09:00"})
    assert past.status_code == 400 and "future" in past.content.decode()
    when = timezone.localtime() + timedelta(days=1)
    form = {"action": "schedule", "schedule-send_at": when.strftime("%Y-%m-%dT%H:%M")}
    assert "Schedule for 3 recipients" in editor.post(url, form).content.decode()
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT  # nothing until confirmed
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(url, {**form, "confirmed": str(issue.pk)})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    task = DBTaskResult.objects.get(task_path__endswith="send_issue_task")
    assert task.run_after > timezone.now() + timedelta(hours=23)
    assert sending.send_issue(issue.pk) is None and not Delivery.objects.exists()  # too early: nothing sent


def test_issue_preview_renders_the_email(issue, editor):
    response = editor.get(f"/admin/snippets/newsletters/issue/edit/{issue.pk}/")
    assert response.status_code == 200
    html = issue.get_preview_context(None, "")["email_html"]
    assert "Tuesday" in html and "#unsubscribe-link-goes-here" in html


def test_subscriber_export_and_erasure_in_admin(issue, editor, smtp_server):
    sending.send_issue(issue.pk)
    subscriber = Subscriber.objects.get(address="a@example.org")
    data = editor.get(f"/admin/newsletters/subscriber/{subscriber.pk}/export/").json()
    assert data["address"] == "a@example.org" and data["deliveries"][0]["status"] == "sent"
    assert data["subscriptions"][0]["consent_text"] == ""
    editor.post(f"/admin/newsletters/subscriber/{subscriber.pk}/erase/")
    assert not Subscriber.objects.filter(address="a@example.org").exists()
    assert not Delivery.objects.filter(address="a@example.org").exists()
    bounced = Subscriber.objects.get(address="bounced@example.org")
    editor.post(f"/admin/newsletters/subscriber/{bounced.pk}/erase/")
    suppression = Suppression.objects.get(address_hash=sending.address_hash("bounced@example.org"))
    assert suppression.address == "" and suppression.reason == Suppression.Reason.HARD_BOUNCE  # the first reason stays
    assert Suppression.objects.get(address_hash=sending.address_hash("a@example.org")).reason == "erased"


def test_one_statement_marks_the_previous_message_sent_and_the_next_sending(issue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sending.freeze_audience(issue.pk)
    first, second, third = (row[0] for row in sending.claim_batch(issue.pk, "worker-a", 3))
    with CaptureQueriesContext(connection) as queries:
        assert sending._mark_sending(first, "worker-a", None)
        assert sending._mark_sending(second, "worker-a", first)
    assert len(queries) == 2  # one statement (and, outside tests, one commit) per message
    rows = {d.pk: d for d in Delivery.objects.all()}
    assert rows[first].status == D.SENT and rows[first].sent_at and rows[first].attempts == 1
    assert rows[second].status == D.SENDING and rows[second].attempts == 1
    assert not sending._mark_sending(third, "worker-b", None)  # another worker's row is left alone
    assert not sending._mark_sending(second, "worker-a", None)  # already sending: never twice
    assert Delivery.objects.get(pk=third).status == D.CLAIMED


def test_an_address_that_cannot_go_into_a_header_fails_alone(issue, smtp_server):
    sending.freeze_audience(issue.pk)
    Delivery.objects.filter(address="b@example.org").update(address="b@example.org\r\nBcc: all@example.org")
    assert sending.send_issue(issue.pk).status == Issue.Status.SENT
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.org", "c@example.org"]
    bad = Delivery.objects.get(address__startswith="b@")
    assert bad.status == D.FAILED and "cannot be written into a message header" in bad.error


def test_a_send_with_more_than_a_batch_waiting_invites_one_more_worker(issue, settings):
    """Send now queues one task; the task itself queues the next while more than a batch waits, so every free
    worker joins (masthead/caching/tests/test_production_stack.py shows two RQ workers sharing a send)."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    sending.freeze_audience(issue.pk)  # three recipients queued

    assert not sending.invite_another_worker(issue.pk, batch_size=3)  # one batch takes them all: no one to invite
    assert sending.invite_another_worker(issue.pk, batch_size=2)
    assert DBTaskResult.objects.get(task_path__endswith="send_issue_task").args_kwargs["args"] == [issue.pk]

    settings.NEWSLETTERS_SEND_RATE = 60  # claimers take turns under a rate: a second worker would only wait
    assert not sending.invite_another_worker(issue.pk, batch_size=2)


def test_an_invitation_is_never_run_on_the_spot(issue, smtp_server):
    """The tests' immediate backend would run the invited task inside this one, before it claims anything."""
    sending.freeze_audience(issue.pk)
    assert not sending.invite_another_worker(issue.pk, batch_size=1)
    assert sending.send_issue(issue.pk, batch_size=1).status == Issue.Status.SENT
    assert sorted(smtp_server.mailbox.received.values()) == [1, 1, 1]


def test_claims_are_renewed_for_this_issue_only_and_follow_due_order(issue):
    sending.freeze_audience(issue.pk)
    first, *_ = sending.claim_batch(issue.pk, "worker-a", 3)
    assert first[0] == Delivery.objects.order_by("next_attempt_at", "pk").first().pk  # due order, then id
    stale = timezone.now() - timedelta(hours=1)
    Delivery.objects.update(claimed_at=stale)
    sending._renew_claims(issue.pk + 1, "worker-a")  # another issue's claimed rows: none of these
    assert set(Delivery.objects.values_list("claimed_at", flat=True)) == {stale}
    sending._renew_claims(issue.pk, "worker-a")
    assert all(at > stale for at in Delivery.objects.filter(status=D.CLAIMED).values_list("claimed_at", flat=True))


def test_smtp_pipelining_sends_mail_rcpt_and_data_in_one_write(issue, smtp_server, monkeypatch):
    """The loopback server offers PIPELINING as Postfix does: two writes a message (the envelope with DATA, then
    the content), each answered in order; refusals still sort the same way (4xx retried, 5xx suppressed)."""
    import smtplib

    writes = []
    real_send = smtplib.SMTP.send

    def counting_send(self, data):
        writes.append(data if isinstance(data, bytes) else data.encode())
        return real_send(self, data)

    smtp_server.mailbox.refuse["c@example.org"] = "550 5.1.1 No such user"
    monkeypatch.setattr(smtplib.SMTP, "send", counting_send)
    assert sending.send_issue(issue.pk).status == Issue.Status.SENT
    envelopes = [w for w in writes if w.startswith(b"MAIL FROM:")]
    assert len(envelopes) == 3 and all(w.count(b"\r\n") == 3 and w.endswith(b"DATA\r\n") for w in envelopes)
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.org", "b@example.org"]
    assert Delivery.objects.get(address="c@example.org").status == D.FAILED
    assert Suppression.objects.filter(address_hash=sending.address_hash("c@example.org")).exists()
    assert smtp_server.mailbox.received == {"a@example.org": 1, "b@example.org": 1}


@pytest.mark.django_db(transaction=True)
def test_several_senders_in_one_worker_share_the_send_once_each(smtp_server, settings):
    """PostgreSQL: NEWSLETTERS_SEND_CONNECTIONS threads, each a claimer with its own connections and marks.
    SQLite: one sender, the setting ignored."""
    from django.db import connection

    settings.NEWSLETTERS_SEND_CONNECTIONS = 3
    expected_senders = 3 if connection.vendor == "postgresql" else 1  # SQLite has one writer: one sender
    assert sending.senders_per_worker() == expected_senders
    settings.NEWSLETTERS_POSTAL_ADDRESS = "1 Press Row, Springfield"
    newsletter = make_newsletter("briefing")
    for i in range(300):
        subscribe(newsletter, f"reader{i}@example.org")
    issue = Issue.objects.create(newsletter=newsletter, subject="Three senders")
    assert sending.send_issue(issue.pk, batch_size=10).status == Issue.Status.SENT
    assert sorted(smtp_server.mailbox.received.values()) == [1] * 300
    assert set(Delivery.objects.values_list("status", flat=True)) == {D.SENT}
    senders = set(Delivery.objects.values_list("claimed_by", flat=True))
    assert len(senders) == expected_senders and len({sender.rsplit(".", 1)[0] for sender in senders}) == 1
