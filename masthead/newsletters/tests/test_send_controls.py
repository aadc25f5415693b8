"""Sending safely: a postal address before the first send, pause / resume / cancel, a send rate, the web version."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.core.testing import tasks_setting
from masthead.newsletters import sending
from masthead.newsletters.models import Delivery, Issue, Subscriber, Subscription
from masthead.newsletters.tests.conftest import make_newsletter

pytestmark = pytest.mark.django_db
D = Delivery.Status


@pytest.fixture
def issue(db):
    newsletter = make_newsletter("briefing")
    for i in range(5):
        subscriber = Subscriber.objects.create(address=f"r{i}@example.org")
        Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status=Subscription.Status.CONFIRMED)
    return Issue.objects.create(newsletter=newsletter, subject="Controls", preheader="Pause me", intro="<p>Hi</p>")


def test_no_first_send_without_the_postal_address(issue, admin_client, settings):
    settings.NEWSLETTERS_POSTAL_ADDRESS = "  "
    url = f"/admin/newsletters/issue/{issue.pk}/send/"
    assert "NEWSLETTERS_POSTAL_ADDRESS" in admin_client.get(url).content.decode()
    page = admin_client.post(url, {"action": "now", "confirmed": str(issue.pk)}, follow=True).content.decode()
    assert "Set NEWSLETTERS_POSTAL_ADDRESS" in page
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT and not Delivery.objects.exists()
    with pytest.raises(sending.NotSendable):
        sending.start_send(issue)


def test_every_copy_carries_the_postal_address_and_the_web_version(issue, smtp_server, client):
    sending.start_send(issue)
    sending.send_issue(issue.pk)
    message = smtp_server.messages[0]
    web = f"https://news.example/newsletters/briefing/issues/{issue.pk}/"
    for part in (message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()):
        assert "1 Press Row, Springfield" in part and web in part
    page = client.get(web.removeprefix("https://news.example"))
    assert page.status_code == 200 and b"<h1>Controls</h1>" in page.content
    listing = client.get("/newsletters/briefing/issues/?page=99999999999999999999").content.decode()
    assert f'href="/newsletters/briefing/issues/{issue.pk}/"' in listing  # a bad page number is not a 500


def test_drafts_have_no_web_version(issue, client):
    assert client.get(f"/newsletters/briefing/issues/{issue.pk}/").status_code == 404
    assert client.get("/newsletters/briefing/issues/").status_code == 200
    assert client.get(f"/newsletters/nope/issues/{issue.pk}/").status_code == 404
    assert client.post("/newsletters/briefing/issues/").status_code == 405


def test_pause_stops_claims_resume_finishes_and_no_one_gets_two(issue, smtp_server, django_capture_on_commit_callbacks):
    sending.start_send(issue)
    sending.freeze_audience(issue.pk)
    first = sending.claim_batch(issue.pk, "w1", 2)
    sending.send_batch(issue, first, "w1")
    assert sending.pause(issue.pk)
    assert sending.send_issue(issue.pk).status == Issue.Status.PAUSED  # a worker that starts now sends nothing
    assert len(smtp_server.messages) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.resume(issue.pk)  # (the ImmediateBackend runs the task at once)
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT
    assert sorted(m["To"] for m in smtp_server.messages) == [f"r{i}@example.org" for i in range(5)]


def test_pause_mid_batch_hands_unstarted_rows_back(issue, smtp_server, settings, monkeypatch):
    monkeypatch.setattr(sending, "PAUSE_CHECK_EVERY", 2)
    sending.start_send(issue)
    sending.freeze_audience(issue.pk)
    rows = sending.claim_batch(issue.pk, "w1", 5)
    sending.pause(issue.pk)
    sending.send_batch(issue, rows, "w1")
    assert len(smtp_server.messages) == 2  # the check after two messages saw the pause
    assert sorted(Delivery.objects.values_list("status", flat=True)) == [D.QUEUED] * 3 + [D.SENT] * 2
    assert set(Delivery.objects.filter(status=D.QUEUED).values_list("attempts", flat=True)) == {0}


def test_cancel_sends_nothing_more_and_a_cancelled_schedule_is_a_draft_again(
    issue, smtp_server, admin_client, settings
):
    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    url = f"/admin/newsletters/issue/{issue.pk}/send/"
    when = timezone.now() + timedelta(days=1)
    sending.start_send(issue, run_after=when)
    admin_client.post(url, {"action": "cancel"})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT and issue.scheduled_for is None
    from masthead.newsletters.tasks import send_issue_task

    assert send_issue_task.call(issue.pk) == "draft" and not Delivery.objects.exists()  # the old task does nothing

    sending.start_send(issue)
    sending.freeze_audience(issue.pk)
    sending.send_batch(issue, sending.claim_batch(issue.pk, "w1", 1), "w1")
    claimed_elsewhere = sending.claim_batch(issue.pk, "w2", 2)
    page = admin_client.post(url, {"action": "cancel"}, follow=True).content.decode()
    assert "4 message(s) will not be sent" in page
    sending.send_batch(issue, claimed_elsewhere, "w2")  # the other worker's rows are no longer its to send
    assert sending.send_issue(issue.pk).status == Issue.Status.CANCELLED
    assert len(smtp_server.messages) == 1
    assert sorted(Delivery.objects.values_list("status", flat=True)) == [D.CANCELLED] * 4 + [D.SENT]
    assert "4 cancelled" in admin_client.get(url).content.decode()
    assert admin_client.get(f"/newsletters/briefing/issues/{issue.pk}/").status_code == 200  # r0 has the link


def test_send_rate_caps_messages_per_minute_and_defers_the_rest(issue, smtp_server, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    settings.NEWSLETTERS_SEND_RATE = 2
    sending.start_send(issue)
    before = timezone.now()
    assert sending.send_issue(issue.pk).status == Issue.Status.SENDING
    assert len(smtp_server.messages) == 2
    later = DBTaskResult.objects.filter(task_path__endswith="send_issue_task", run_after__isnull=False).get()
    assert before + timedelta(seconds=55) < later.run_after <= timezone.now() + timedelta(seconds=60)
    Delivery.objects.filter(status=D.SENT).update(claimed_at=timezone.now() - timedelta(seconds=61))
    sending.send_issue(issue.pk)  # a minute later: two more
    assert len(smtp_server.messages) == 4


def test_confirmation_page_for_a_bad_schedule_is_a_form_error(issue, admin_client):
    url = f"/admin/newsletters/issue/{issue.pk}/send/"
    response = admin_client.post(url, {"action": "schedule", "schedule-send_at": "not a date", "confirmed": issue.pk})
    assert response.status_code == 400 and Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT
