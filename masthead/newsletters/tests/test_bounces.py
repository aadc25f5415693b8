"""Bounces and complaints: each delivery's signed return path, and `manage.py newsletters_bounces` reading real
DSN (RFC 3464) and ARF (RFC 5965) messages, as Postfix and a mailbox provider's feedback loop write them, from a
maildir on disk."""

import mailbox
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from masthead.newsletters import bounces, sending
from masthead.newsletters.emails import message_id
from masthead.newsletters.models import Delivery, Issue, MailEvent, Subscriber, Subscription, Suppression
from masthead.newsletters.sample_reports import arf, dsn
from masthead.newsletters.tests.conftest import make_newsletter

pytestmark = pytest.mark.django_db
BOUNCE_DOMAIN = "bounces.news.example"


OUT_OF_OFFICE = b"From: c@example.org\r\nTo: briefing@news.example\r\nSubject: Out of office\r\n\r\nBack Monday.\r\n"


@pytest.fixture
def sent(smtp_server, settings):
    """An issue sent to four readers (c reads two newsletters) with the VERP return path switched on."""
    settings.NEWSLETTERS_BOUNCE_DOMAIN = BOUNCE_DOMAIN
    settings.NEWSLETTERS_SOFT_BOUNCE_LIMIT, settings.NEWSLETTERS_SOFT_BOUNCE_DAYS = 3, 14
    briefing, explainer = make_newsletter("briefing"), make_newsletter("explainer")
    for name in "abcd":
        subscriber = Subscriber.objects.create(address=f"{name}@example.org")
        Subscription.objects.create(subscriber=subscriber, newsletter=briefing, status=Subscription.Status.CONFIRMED)
    Subscription.objects.create(
        subscriber=Subscriber.objects.get(address="c@example.org"),
        newsletter=explainer,
        status=Subscription.Status.CONFIRMED,
    )
    issue = Issue.objects.create(newsletter=briefing, subject="Tuesday")
    issue = sending.send_issue(issue.pk)
    deliveries = {d.address.split("@")[0]: d for d in Delivery.objects.filter(issue=issue)}
    return issue, deliveries, smtp_server


def test_every_delivery_has_its_own_signed_return_path(sent):
    issue, deliveries, smtp = sent
    envelope_from = {rcpts[0]: mail_from for mail_from, rcpts in smtp.mailbox.envelopes}
    for delivery in deliveries.values():
        path = envelope_from[delivery.address]
        assert path == bounces.return_path(delivery.pk) and path.endswith(f"@{BOUNCE_DOMAIN}")
        assert bounces.delivery_id_from_address(path) == delivery.pk
    forged = bounces.return_path(deliveries["a"].pk).replace(f"+{deliveries['a'].pk}-", f"+{deliveries['b'].pk}-")
    assert bounces.delivery_id_from_address(forged) is None
    assert bounces.delivery_id_from_address("bounces+x-y@z") is None and bounces.delivery_id_from_address("") is None


def write_maildir(path, messages):
    box = mailbox.Maildir(path, create=True)
    for raw in messages:
        box.add(mailbox.MaildirMessage(raw))
    return f"maildir://{path}"


def run(url):
    out = StringIO()
    call_command("newsletters_bounces", "--mailbox", url, "--no-progress", stdout=out)
    return out.getvalue()


def test_maildir_bounces_and_complaints_act_once(sent, tmp_path):
    issue, d, _smtp = sent
    verp = {name: bounces.return_path(delivery.pk) for name, delivery in d.items()}
    mid = {name: message_id(issue.pk, delivery.pk) for name, delivery in d.items()}
    hard = dsn(verp["a"], "a@example.org", "failed", "5.1.1", "550 5.1.1 <a@example.org>: User unknown", mid["a"], "r1")
    soft = [
        dsn(verp["b"], "b@example.org", "delayed", "4.2.2", "452 4.2.2 Mailbox full", mid["b"], f"s{i}")
        for i in range(3)
    ]
    complaint = arf("c@example.org", mid["c"], "fbl1")
    forged = arf("somebody@example.org", mid["d"], "fbl2")  # names d's message, but not d: ignored
    delivered = dsn(verp["d"], "d@example.org", "delivered", "2.0.0", "250 OK", mid["d"], "ok1")
    url = write_maildir(tmp_path / "bounces", [hard, soft[0], soft[1], complaint, forged, delivered, OUT_OF_OFFICE])

    assert "7 message(s) read, 4 bounce(s) or complaint(s) recorded." in run(url)
    assert Suppression.objects.get(reason=Suppression.Reason.HARD_BOUNCE).address == "a@example.org"
    assert not Suppression.objects.filter(address="b@example.org").exists()  # two soft bounces: not yet
    assert Suppression.objects.get(reason=Suppression.Reason.COMPLAINT).address == "c@example.org"
    c = Subscriber.objects.get(address="c@example.org")
    assert set(c.subscriptions.values_list("status", flat=True)) == {Subscription.Status.UNSUBSCRIBED}  # both
    assert "spam complaint" in c.subscriptions.first().events.last().detail
    d_subscription = Subscription.objects.get(subscriber__address="d@example.org")
    assert d_subscription.status == Subscription.Status.CONFIRMED  # the forged report changed nothing
    event = MailEvent.objects.get(kind=MailEvent.Kind.HARD_BOUNCE)
    assert event.issue_id == issue.pk and event.delivery_id == d["a"].pk and "5.1.1" in event.detail

    # The third soft bounce crosses the limit; everything read before is in cur/ and is not counted again.
    box = mailbox.Maildir(tmp_path / "bounces", create=False)
    box.add(mailbox.MaildirMessage(soft[2]))
    box.add(mailbox.MaildirMessage(soft[0]))  # the same report delivered twice
    assert "2 message(s) read, 1 bounce(s) or complaint(s) recorded." in run(url)
    assert Suppression.objects.get(address="b@example.org").reason == Suppression.Reason.SOFT_BOUNCE
    assert MailEvent.objects.filter(kind=MailEvent.Kind.SOFT_BOUNCE).count() == 3
    assert "0 message(s) read" in run(url)
    assert all(box.get_message(key).get_subdir() == "cur" for key in box.iterkeys())
    assert sending.issue_numbers(issue) == {"bounced": 2, "complained": 1, "unsubscribed": 1}  # c left both


def test_send_page_shows_what_happened_after_sending(sent, admin_client):
    from masthead.newsletters.subscriptions import unsubscribe

    issue, d, _smtp = sent
    page = admin_client.get(f"/admin/newsletters/issue/{issue.pk}/send/").content.decode()
    assert "Unsubscribed after this issue (before the next)</th><td>0<" in page
    unsubscribe(d["b"].subscriber, [issue.newsletter_id], "link")
    next_issue = sending.send_issue(Issue.objects.create(newsletter=issue.newsletter, subject="Wednesday").pk)
    unsubscribe(d["d"].subscriber, [issue.newsletter_id], "link")  # after the next issue: counted there
    assert sending.issue_numbers(issue)["unsubscribed"] == 1
    assert sending.issue_numbers(next_issue)["unsubscribed"] == 1
    page = admin_client.get(f"/admin/newsletters/issue/{issue.pk}/send/").content.decode()
    assert "Delivered (accepted by the mail server or service)</th><td>4<" in page
    assert "Unsubscribed after this issue (before the next)</th><td>1<" in page


def test_a_bounce_for_someone_who_was_erased_is_ignored(sent, tmp_path):
    issue, d, _smtp = sent
    hard = dsn(bounces.return_path(d["a"].pk), "a@example.org", "failed", "5.1.1", "550 unknown", "<x@y>", "r9")
    Delivery.objects.filter(pk=d["a"].pk).delete()
    assert "1 message(s) read, 0 bounce(s)" in run(write_maildir(tmp_path / "box", [hard]))


def test_several_reports_for_one_delivery_in_one_batch(sent, tmp_path):
    """One batch (bounces.BATCH) holding repeats: each report stored once, soft bounces counted across the batch,
    the first reason stays when an address is both bounced and complained about."""
    issue, d, _smtp = sent
    verp = {name: bounces.return_path(delivery.pk) for name, delivery in d.items()}
    mid = {name: message_id(issue.pk, delivery.pk) for name, delivery in d.items()}
    hard_a = dsn(verp["a"], "a@example.org", "failed", "5.1.1", "550 5.1.1 User unknown", mid["a"], "r1")
    soft_b = [dsn(verp["b"], "b@example.org", "delayed", "4.2.2", f"452 Full {i}", mid["b"], f"s{i}") for i in range(3)]
    hard_c = dsn(verp["c"], "c@example.org", "failed", "5.1.1", "550 5.1.1 User unknown", mid["c"], "r3")
    messages = [hard_a, hard_a, *soft_b, hard_c, arf("c@example.org", mid["c"], "fbl1")]

    assert "7 message(s) read, 6 bounce(s) or complaint(s) recorded." in run(write_maildir(tmp_path / "box", messages))
    assert MailEvent.objects.filter(delivery=d["a"]).count() == 1
    b = Suppression.objects.get(address="b@example.org")
    assert b.reason == Suppression.Reason.SOFT_BOUNCE and b.note.startswith(
        "3 soft bounces in 14 days; last: delayed 4.2.2 smtp; 452 Full 2"
    )
    assert Suppression.objects.get(address="c@example.org").reason == Suppression.Reason.HARD_BOUNCE
    c = Subscriber.objects.get(address="c@example.org")
    assert set(c.subscriptions.values_list("status", flat=True)) == {Subscription.Status.UNSUBSCRIBED}
    assert not Suppression.objects.filter(address="d@example.org").exists()


def test_a_batch_costs_the_same_queries_for_one_report_or_many(sent, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    issue, d, _smtp = sent

    def hard(name):
        delivery = d[name]
        return dsn(bounces.return_path(delivery.pk), delivery.address, "failed", "5.1.1", "550 unknown", "<x@y>", name)

    queries = []
    for folder, names in (("one", "a"), ("many", "bcd")):
        with CaptureQueriesContext(connection) as captured:
            run(write_maildir(tmp_path / folder, [hard(name) for name in names]))
        queries.append(len(captured.captured_queries))
    assert queries[0] == queries[1] and Suppression.objects.count() == 4


def test_a_crash_mid_batch_loses_nothing(sent, tmp_path, monkeypatch):
    """A batch is one transaction, acknowledged in the mailbox only once it committed: a crash while recording the
    second batch keeps the first, leaves the second unread, and the next read records it once."""
    issue, d, _smtp = sent
    reports = [
        dsn(bounces.return_path(d[name].pk), f"{name}@example.org", "failed", "5.1.1", "550 unknown", "<x@y>", name)
        for name in "abcd"
    ]
    url = write_maildir(tmp_path / "box", reports)
    monkeypatch.setattr(bounces, "BATCH", 2)
    real_suppress, calls = bounces._suppress, []

    def crash_on_second_batch(events):
        calls.append(events)
        if len(calls) == 2:  # the events of this batch are already inserted, in the open transaction
            raise RuntimeError("worker lost mid-batch")
        real_suppress(events)

    monkeypatch.setattr(bounces, "_suppress", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        run(url)
    assert MailEvent.objects.count() == Suppression.objects.count() == 2
    assert len(list((tmp_path / "box" / "new").iterdir())) == 2  # unread: they will be read again

    monkeypatch.setattr(bounces, "_suppress", real_suppress)
    assert "2 message(s) read, 2 bounce(s) or complaint(s) recorded." in run(url)
    assert MailEvent.objects.count() == Suppression.objects.count() == 4
    assert "0 message(s) read" in run(url)


def test_a_report_another_reader_stored_meanwhile_is_skipped(sent):
    """Two readers of one mailbox: the other stored one of this batch's reports between our look and our INSERT.
    The database's unique reference refuses it; the rest of the batch is stored and the transaction goes on."""
    issue, d, _smtp = sent
    reports = [
        bounces.Report(MailEvent.Kind.HARD_BOUNCE, "", d[name].pk, "550", f"ref-{name}", signed=True) for name in "ab"
    ]
    events = bounces._new_events(reports, "mailbox")
    other = bounces._new_events(reports[:1], "other reader")
    MailEvent.objects.bulk_create(other)

    stored = bounces._store_new(events)
    assert [event.reference for event in stored] == ["ref-b"] and stored[0].pk
    assert MailEvent.objects.get(reference="ref-a").source == "other reader"
    assert MailEvent.objects.count() == 2


def test_bad_mailbox_settings_are_clear_errors(tmp_path, settings):
    settings.NEWSLETTERS_BOUNCE_MAILBOX = ""
    with pytest.raises(CommandError, match="No mailbox"):
        call_command("newsletters_bounces")
    with pytest.raises(CommandError, match="maildir://, imaps:// or pop3s://"):
        run("imap://plain-text.example.org/")
    with pytest.raises(CommandError, match="not a maildir"):
        run(f"maildir://{tmp_path}")
    with pytest.raises(CommandError, match="Cannot read"):
        run("imaps://u:p@127.0.0.1:1/INBOX")  # nothing listens there


# --- The same events from an email service's signed webhook (Mailgun's, through django-anymail's view)

SIGNING_KEY = "mailgun-webhook-signing-key"


def mailgun_event(event, recipient, message_id, token, severity="permanent", key=SIGNING_KEY):
    import hashlib
    import hmac

    timestamp = "1764572402"
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {
            "event": event,
            "severity": severity,
            "recipient": recipient,
            "timestamp": 1764572402.5,
            "id": f"id-{token}",
            "reason": "bounce",
            "message": {"headers": {"message-id": message_id.strip("<>")}},
            "delivery-status": {"code": 550, "message": "5.1.1 User unknown", "description": "No such mailbox"},
        },
    }


@pytest.fixture
def mailgun(settings, db):
    settings.EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
    settings.ANYMAIL = {"MAILGUN_API_KEY": "k", "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY, "WEBHOOK_SECRET": "hook:s3"}
    briefing, explainer = make_newsletter("briefing"), make_newsletter("explainer")
    issue = Issue.objects.create(newsletter=briefing, subject="Via Mailgun")
    rows = {}
    for name in "ab":
        subscriber = Subscriber.objects.create(address=f"{name}@example.org")
        for newsletter in (briefing, explainer):
            Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status="confirmed")
        rows[name] = Delivery.objects.create(
            issue=issue, subscriber=subscriber, address=subscriber.address, status="sent",
            provider_message_id=f"<20261201.{name}@mg.news.example>",
        )  # fmt: skip
    return rows


def post_hook(client, payload, auth="hook:s3", esp="mailgun"):
    import base64
    import json

    headers = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(auth.encode()).decode()} if auth else {}
    return client.post(
        f"/newsletters/webhooks/{esp}/tracking/", json.dumps(payload), content_type="application/json", **headers
    )


def test_signed_webhook_events_feed_the_same_rules(mailgun, client):
    a, b = mailgun["a"], mailgun["b"]
    assert post_hook(client, mailgun_event("failed", a.address, a.provider_message_id, "t1")).status_code == 200
    assert Suppression.objects.get(address="a@example.org").reason == Suppression.Reason.HARD_BOUNCE
    post_hook(client, mailgun_event("failed", a.address, a.provider_message_id, "t1"))  # Mailgun retries
    assert MailEvent.objects.filter(delivery=a).count() == 1
    event = MailEvent.objects.get(delivery=a)
    assert event.source == "webhook:Mailgun" and "No such mailbox" in event.detail
    assert post_hook(client, mailgun_event("complained", b.address, b.provider_message_id, "t2")).status_code == 200
    assert Suppression.objects.get(address="b@example.org").reason == Suppression.Reason.COMPLAINT
    assert set(Subscription.objects.filter(subscriber__address="b@example.org").values_list("status", flat=True)) == {
        Subscription.Status.UNSUBSCRIBED
    }


def test_unsigned_or_misaddressed_webhooks_change_nothing(mailgun, client, settings):
    a = mailgun["a"]
    forged = mailgun_event("failed", a.address, a.provider_message_id, "t3", key="guessed-key")
    assert post_hook(client, forged).status_code == 400
    no_auth = post_hook(client, mailgun_event("failed", a.address, a.provider_message_id, "t4"), auth="")
    assert no_auth.status_code == 400
    other_service = post_hook(client, mailgun_event("failed", a.address, a.provider_message_id, "t5"), esp="postmark")
    assert other_service.status_code == 404
    assert post_hook(client, {}, esp="..%2F..%2Fadmin").status_code == 404
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": ""}
    assert post_hook(client, mailgun_event("failed", a.address, a.provider_message_id, "t6")).status_code == 404
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:s3"}  # no key to check signatures with
    assert post_hook(client, mailgun_event("failed", a.address, a.provider_message_id, "t7")).status_code == 503
    assert not Suppression.objects.exists() and not MailEvent.objects.exists()
