import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from masthead.newsletters.models import Newsletter, Subscriber, Subscription, SubscriptionEvent
from masthead.newsroom.demo import demo_loaded

pytestmark = pytest.mark.django_db


def render_slot():
    request = RequestFactory().get("/news/an-article/")
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string("newsletters/signup_slot.html", {"request": request}, request=request)
    return html, len(queries)


def test_slot_costs_at_most_one_query_and_follows_edits(newsletters):
    html, cold = render_slot()
    assert cold <= 1 and "Briefing" in html and "Explainer" in html
    html, warm = render_slot()
    assert warm == 0
    assert 'aria-live="polite"' in html and 'aria-describedby="signup-briefing-email-error"' in html
    assert html.count("<form") == 2 and "must be filled in" in html and 'name="website"' in html
    newsletters[1].active = False
    newsletters[1].save()
    assert "Explainer" not in render_slot()[0]


def test_article_page_shows_the_forms(newsroom, newsletters, client):
    html = client.get(newsroom["articles"][0].url).content.decode()
    assert "data-signup-form" in html and "newsletters/signup.js" in html


def test_demo_creates_three_newsletters_once_with_a_host(newsroom):
    demo_loaded.send(sender=None, articles=newsroom["articles"])
    demo_loaded.send(sender=None, articles=newsroom["articles"])
    assert Newsletter.objects.count() == 3
    hosted = Newsletter.objects.get(host__isnull=False)
    assert hosted.host.name in hosted.description


def test_csv_import_reports_bad_rows_and_skips_them(newsletters, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "name,email\nAnn,ann@Example.org\nBad,not-an-address\nBob, bob@example.org \nAgain,ann@example.org\n"
    )
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "newsletters_import", str(path), newsletter="briefing", consent="Paper form, 2025", stdout=out, stderr=err
    )
    assert "Line 3: Enter an email address" in err.getvalue()
    assert "Imported 2 new subscription(s)" in out.getvalue() and "1 bad row(s)" in out.getvalue()
    assert set(Subscriber.objects.values_list("address", flat=True)) == {"ann@example.org", "bob@example.org"}
    assert set(Subscription.objects.values_list("status", flat=True)) == {"confirmed"}
    assert SubscriptionEvent.objects.filter(kind="imported").count() == 2
    assert Subscriber.objects.get(address="ann@example.org").address_hash
    call_command("newsletters_import", str(path), newsletter="briefing", consent="again", stdout=out, stderr=err)
    assert Subscription.objects.count() == 2  # nothing doubled
    with pytest.raises(CommandError):
        call_command("newsletters_import", str(path), newsletter="nope", consent="x")
    (tmp_path / "bad.csv").write_bytes(b"email\n\xff\xfe\n")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("newsletters_import", str(tmp_path / "bad.csv"), newsletter="explainer", consent="x", stderr=err)
    assert not Subscription.objects.filter(newsletter__slug="explainer").exists()


def test_csv_export_and_subscriber_export_and_erase(newsletters, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("email\nann@example.org\n")
    call_command(
        "newsletters_import", str(path), newsletter="briefing", consent="x", stdout=io.StringIO(), stderr=io.StringIO()
    )
    out_path = tmp_path / "out.csv"
    err = io.StringIO()
    call_command("newsletters_export", output=str(out_path), stderr=err)
    rows = list(csv.DictReader(out_path.open()))
    assert rows[0]["email"] == "ann@example.org" and rows[0]["status"] == "confirmed"
    assert "Exporting" in err.getvalue()  # the progress bar
    out = io.StringIO()
    call_command("newsletters_subscriber", "export", "ann@EXAMPLE.org", stdout=out)
    assert '"address": "ann@example.org"' in out.getvalue()
    call_command("newsletters_subscriber", "erase", "ann@example.org", yes=True, stdout=io.StringIO())
    assert not Subscriber.objects.exists()
    with pytest.raises(CommandError):
        call_command("newsletters_subscriber", "export", "ann@example.org")
