"""Every transport EMAIL_URL can name sends issues with the same marks: the .eml outbox, console, an email service
through django-anymail (Postmark's real backend talking to a Postmark-shaped API on loopback)."""

import email
import email.policy
import json
import threading
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from masthead.config import email_settings_from_url
from masthead.core.testing import tasks_setting
from masthead.newsletters import sending
from masthead.newsletters.emails import message_id
from masthead.newsletters.models import Delivery, Issue, Subscriber, Subscription, Suppression
from masthead.newsletters.tests.conftest import make_newsletter

D = Delivery.Status


def audience(newsletter, count):
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(address=f"reader{i}@example.org", address_hash=f"h{i}") for i in range(count)]
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, newsletter=newsletter, status=Subscription.Status.CONFIRMED) for s in subscribers]
    )


@pytest.fixture
def outbox(settings, tmp_path):
    """EMAIL_URL unset: the embedded profile's backend, writing into a folder of this test's own."""
    settings.EMAIL_BACKEND = email_settings_from_url("", tmp_path)["EMAIL_BACKEND"]
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return Path(settings.EMAIL_FILE_PATH)


@pytest.mark.db_sensitive
@pytest.mark.django_db(transaction=True)
def test_send_now_to_1000_subscribers_writes_1000_messages_to_the_outbox(outbox, settings, admin_client):
    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    settings.NEWSLETTERS_POSTAL_ADDRESS = "1 Press Row, Springfield"
    newsletter = make_newsletter("briefing")
    audience(newsletter, 1000)
    issue = Issue.objects.create(newsletter=newsletter, subject="A thousand readers")
    url = f"/admin/newsletters/issue/{issue.pk}/send/"
    confirm = admin_client.post(url, {"action": "now"})
    assert confirm.status_code == 200 and "1,000" in confirm.content.decode()  # the count, before anything goes
    assert not Delivery.objects.exists()
    admin_client.post(url, {"action": "now", "confirmed": str(issue.pk)})
    call_command("worker", "--batch")  # what `make run`'s worker does with the queued task

    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 1000
    messages = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in files]
    rows = dict(Delivery.objects.values_list("pk", "status"))
    assert Counter(rows.values()) == {D.SENT: 1000}
    assert Counter(m["Message-ID"] for m in messages) == Counter(message_id(issue.pk, pk) for pk in rows)
    assert {m["To"] for m in messages} == {f"reader{i}@example.org" for i in range(1000)}
    sample = messages[0]
    assert sample["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" and "mailto:" in sample["List-Unsubscribe"]
    assert "1 Press Row, Springfield" in sample.get_body(("plain",)).get_content()
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


@pytest.mark.django_db
def test_console_backend_prints_each_message(settings, capsys):
    settings.EMAIL_BACKEND = email_settings_from_url("console://", Path("/nonexistent"))["EMAIL_BACKEND"]
    newsletter = make_newsletter("briefing")
    audience(newsletter, 3)
    issue = Issue.objects.create(newsletter=newsletter, subject="On the console")
    assert sending.send_issue(issue.pk).status == Issue.Status.SENT
    out = capsys.readouterr().out
    assert out.count("Subject: On the console") == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {D.SENT}


class PostmarkAPI(BaseHTTPRequestHandler):
    """Answers /email as Postmark's API does; some addresses are told 'inactive', some get no answer at all."""

    received: list

    def do_POST(self):
        data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        to = data["To"]
        if to.startswith("hangup"):  # the connection drops after the service had the message
            self.server.received.append(data)
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if to.startswith("busy"):
            return self._answer(503, {"ErrorCode": 100, "Message": "Maintenance"})
        if to.startswith("gone"):
            message = f"You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: {to}. Inactive recipients are ones that have generated a hard bounce or a spam complaint."  # noqa: E501
            return self._answer(422, {"ErrorCode": 406, "Message": message})
        self.server.received.append(data)
        provider_id = str(uuid.uuid4())
        self.server.ids[to] = provider_id
        self._answer(200, {"To": to, "SubmittedAt": "2026-01-01T00:00:00Z", "MessageID": provider_id, "ErrorCode": 0,
                           "Message": "OK"})  # fmt: skip

    def _answer(self, status, body):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def postmark(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PostmarkAPI)
    server.received, server.ids = [], {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"anymail+postmark://server-token@?api_url=http://127.0.0.1:{server.server_port}/"
    parsed = email_settings_from_url(url, Path("/nonexistent"))
    settings.EMAIL_BACKEND, settings.ANYMAIL = parsed["EMAIL_BACKEND"], parsed["ANYMAIL"]
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_email_service_records_its_message_id_and_sorts_every_outcome(postmark):
    newsletter = make_newsletter("briefing")
    for address in ("a@example.org", "b@example.org", "gone@example.org", "busy@example.org", "hangup@example.org"):
        subscriber = Subscriber.objects.create(address=address)
        Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status=Subscription.Status.CONFIRMED)
    issue = Issue.objects.create(newsletter=newsletter, subject="Through the API")
    sending.send_issue(issue.pk)

    rows = {d.address: d for d in Delivery.objects.all()}
    for address in ("a@example.org", "b@example.org"):
        assert rows[address].status == D.SENT and rows[address].provider_message_id == postmark.ids[address]
        sent = next(item for item in postmark.received if item["To"] == address)
        headers = {h["Name"]: h["Value"] for h in sent["Headers"]}
        assert headers["Message-ID"] == message_id(issue.pk, rows[address].pk)  # stable: names the delivery
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert sent["Subject"] == "Through the API" and "unsubscribe" in sent["TextBody"]
    assert rows["gone@example.org"].status == D.FAILED
    assert Suppression.objects.filter(address="gone@example.org", reason=Suppression.Reason.HARD_BOUNCE).exists()
    assert rows["busy@example.org"].status == D.QUEUED and rows["busy@example.org"].attempts == 1  # retried later
    assert rows["hangup@example.org"].status == D.UNKNOWN and "No answer" in rows["hangup@example.org"].error
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENDING  # busy@ is still to come


def test_email_url_forms_for_email_services(tmp_path):
    mailgun = email_settings_from_url("anymail+mailgun://key-123@?sender_domain=mg.example.org", tmp_path)
    assert mailgun == {
        "EMAIL_BACKEND": "anymail.backends.mailgun.EmailBackend",
        "ANYMAIL": {"MAILGUN_API_KEY": "key-123", "MAILGUN_SENDER_DOMAIN": "mg.example.org"},
    }
    mailjet = email_settings_from_url("anymail+mailjet://k:s%2Fx@", tmp_path)["ANYMAIL"]
    assert mailjet == {"MAILJET_API_KEY": "k", "MAILJET_SECRET_KEY": "s/x"}
    ses = email_settings_from_url("anymail+amazon-ses://?region_name=eu-west-1", tmp_path)
    assert ses["EMAIL_BACKEND"] == "anymail.backends.amazon_ses.EmailBackend"
    assert ses["ANYMAIL"] == {"AMAZON_SES_REGION_NAME": "eu-west-1"}
    with pytest.raises(ImproperlyConfigured, match="no backend called 'pigeon'"):
        email_settings_from_url("anymail+pigeon://x@", tmp_path)
    with pytest.raises(ImproperlyConfigured):
        email_settings_from_url("anymail+..os://x@", tmp_path)


@pytest.mark.parametrize(
    "message, on_the_wire",
    [
        (b"Hello\r\n", b"Hello\r\n.\r\n"),
        (b"no final line end", b"no final line end\r\n.\r\n"),
        (b".starts with a dot\r\nmid.dle\r\n.\r\n", b"..starts with a dot\r\nmid.dle\r\n..\r\n.\r\n"),
    ],
)
def test_a_pipelined_message_is_dot_stuffed_as_smtplib_does(message, on_the_wire):
    from masthead.newsletters.transports import dot_stuffed

    assert dot_stuffed(message) == on_the_wire
