"""Per newsletter: subscribers over time and sign-ups per source page, as SVG with data tables, in a fixed
number of queries."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.newsletters import charts
from masthead.newsletters.models import Subscriber, Subscription
from masthead.newsletters.tests.conftest import make_newsletter

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]
DAY0 = datetime(2026, 11, 1, 12, tzinfo=UTC)


def add(newsletter, n, day, source, left_on=None):
    for i in range(n):
        subscriber = Subscriber.objects.create(address=f"{source.strip('/').replace('/', '.')}{day}.{i}@example.org")
        Subscription.objects.create(
            subscriber=subscriber, newsletter=newsletter, source_url=source,
            status="unsubscribed" if left_on is not None else "confirmed",
            created_at=DAY0 + timedelta(days=day), confirmed_at=DAY0 + timedelta(days=day),
            unsubscribed_at=DAY0 + timedelta(days=left_on) if left_on is not None else None,
        )  # fmt: skip


def test_numbers_match_the_data(db):
    briefing, other = make_newsletter("briefing"), make_newsletter("other")
    add(briefing, 3, 0, "/news/a/")
    add(briefing, 2, 2, "/news/b/")
    add(briefing, 1, 2, "/news/a/", left_on=5)
    add(other, 4, 1, "/news/a/")  # another newsletter's readers are not counted
    Subscription.objects.create(
        subscriber=Subscriber.objects.create(address="pending@example.org"), newsletter=briefing, source_url=""
    )
    series = charts.subscribers_over_time(briefing)
    assert [d.isoformat() for d in series.days] == ["2026-11-01", "2026-11-03", "2026-11-06"]
    assert series.totals == [3, 6, 5] and series.peak == 6
    # Placed by date (days 0, 2 and 5 of a 5-day span), as steps: 3 holds until day 2, 6 until day 5.
    x = lambda day: charts.PAD + day * (charts.WIDTH - 2 * charts.PAD) / 5  # noqa: E731
    y = lambda n: charts.HEIGHT - charts.PAD - n * (charts.HEIGHT - 2 * charts.PAD) / 6  # noqa: E731
    corners = [(0, 3), (2, 3), (2, 6), (5, 6), (5, 5)]
    assert series.points == " ".join(f"{x(d):.1f},{y(n):.1f}" for d, n in corners)
    assert charts.signups_per_source(briefing)[:2] == [("/news/a/", 4, 360.0), ("/news/b/", 2, 180.0)]
    assert charts.signups_per_source(briefing)[2][:2] == ("(not recorded)", 1)


def test_page_draws_svg_and_tables_in_fixed_queries(admin_client):
    briefing = make_newsletter("briefing")
    url = f"/admin/newsletters/newsletter/{briefing.pk}/numbers/"
    empty = admin_client.get(url).content.decode()
    assert "No confirmed subscribers yet" in empty
    assert re.search(r"<h1[^>]*>\s*Numbers: Briefing", empty)  # the page says what it is, as its one h1

    def page():
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(url)
        assert response.status_code == 200
        return response.content.decode(), len(captured)

    add(briefing, 1, 0, "/news/a/")
    _, few = page()
    for day in range(1, 12):
        add(briefing, 2, day, f"/news/{day % 4}/")
    html, many = page()
    assert few == many
    svg = re.search(r'<svg id="subscribers-chart".*?</svg>', html, re.S).group(0)
    assert "<title" in svg and "<desc" in svg and 'role="img"' in svg
    points = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    rows = re.findall(r"<tr><td>([\d-]+)</td><td>(\d+)</td></tr>", html.split('id="subscribers-table"')[1])
    assert len(rows) == 12 and len(points) == 2 * 12 - 1 and rows[-1] == ("2026-11-12", "23")  # a step per change
    sources = re.search(r'<svg id="sources-chart".*?</svg>', html, re.S).group(0)
    source_rows = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", html.split('id="sources-table"')[1])
    assert sources.count("<rect") == len(source_rows) == 5
    assert sum(int(n) for _, n in source_rows) == 23
    assert "<script" not in svg + sources and "http" not in sources  # nothing runs, nothing from another host
    listing = admin_client.get("/admin/snippets/newsletters/newsletter/").content.decode()
    assert url in listing


def test_needs_the_newsletters_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    briefing = make_newsletter("briefing")
    user = django_user_model.objects.create_user("plain", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = f"/admin/newsletters/newsletter/{briefing.pk}/numbers/"
    assert client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_newsletter"))
    assert client.get(url).status_code == 200
