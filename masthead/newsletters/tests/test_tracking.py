"""Opens and clicks: off by default; when on, a signed image and signed redirects per delivery, counted once,
never an open redirect, and shown per issue in the admin."""

import re
from urllib.parse import quote, urlsplit

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from masthead.newsletters import sending
from masthead.newsletters.bounces import signed_delivery_id
from masthead.newsletters.models import Click, Delivery, Issue, Open, Subscriber, Subscription
from masthead.newsletters.tests.conftest import make_newsletter
from masthead.newsletters.tests.test_bounces import mailgun, mailgun_event, post_hook  # noqa: F401
from masthead.newsletters.tokens import click_token
from masthead.newsletters.tracking import TRANSPARENT_GIF

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]
ARTICLE = "https://elsewhere.example/story?a=1&b=2"


def sent_issue(smtp_server, track=True, readers="ab"):
    newsletter = make_newsletter("briefing", track_opens_and_clicks=track)
    for name in readers:
        subscriber = Subscriber.objects.create(address=f"{name}@example.org")
        Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status="confirmed")
    issue = Issue.objects.create(
        newsletter=newsletter,
        subject="Tracked",
        intro=f'<p>Read <a href="{ARTICLE.replace("&", "&amp;")}">this</a>.</p>',
    )
    issue = sending.send_issue(issue.pk)
    html = {m["To"]: m.get_body(("html",)).get_content() for m in smtp_server.messages}
    return issue, html


def local(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links(html):
    return [link.replace("&amp;", "&") for link in re.findall(r'href="([^"]+)"', html)]


def test_off_by_default_nothing_is_tracked(smtp_server):
    assert make_newsletter("plain").track_opens_and_clicks is False
    Subscription.objects.all().delete()
    issue, html = sent_issue(smtp_server, track=False)
    assert "/newsletters/t/" not in html["a@example.org"] and ARTICLE.replace("&", "&amp;") in html["a@example.org"]


def test_open_image_counts_one_unique_open_per_delivery_and_is_never_cached(smtp_server, client):
    issue, html = sent_issue(smtp_server)
    pixel = re.search(r'src="(https://news\.example/newsletters/t/o/[^"]+)"', html["a@example.org"]).group(1)
    delivery = Delivery.objects.get(address="a@example.org")
    assert pixel.endswith(f"/t/o/{signed_delivery_id(delivery.pk)}.gif")
    for _ in range(3):
        response = client.get(local(pixel))
        assert response.status_code == 200 and response.content == TRANSPARENT_GIF
        assert response["Content-Type"] == "image/gif" and "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    assert Open.objects.get().delivery == delivery and Open.objects.count() == 1
    b = Delivery.objects.get(address="b@example.org")
    forged = [f"{b.pk}-0000000000000000", f"{b.pk}", "x-y", f"{b.pk + 1000}-{signed_delivery_id(b.pk).split('-')[1]}"]
    for token in forged:
        response = client.get(f"/newsletters/t/o/{token}.gif")
        assert response.status_code == 200 and response.content == TRANSPARENT_GIF
    assert Open.objects.count() == 1
    client.head(f"/newsletters/t/o/{signed_delivery_id(b.pk)}.gif")  # prefetchers' HEAD: not an open
    assert Open.objects.count() == 1


def test_links_are_signed_redirects_except_the_readers_own_and_the_web_version(smtp_server, client):
    issue, html = sent_issue(smtp_server)
    a_links = links(html["a@example.org"])
    tracked = [link for link in a_links if "/newsletters/t/c/" in link]
    assert tracked and ARTICLE not in a_links
    assert any("/newsletters/unsubscribe/" in link for link in a_links)
    assert any("/newsletters/preferences/" in link for link in a_links)
    assert f"https://news.example/newsletters/briefing/issues/{issue.pk}/" in a_links
    delivery = Delivery.objects.get(address="a@example.org")
    article_link = next(link for link in tracked if client.get(local(link))["Location"] == ARTICLE)
    assert f"/t/c/{signed_delivery_id(delivery.pk)}/" in article_link
    Click.objects.all().delete()
    for _ in range(2):
        response = client.get(local(article_link))
        assert response.status_code == 302 and response["Location"] == ARTICLE
    assert list(Click.objects.values_list("delivery__address", "url")) == [("a@example.org", ARTICLE)]
    b_link = next(
        link for link in links(html["b@example.org"]) if ARTICLE in client.get(local(link)).get("Location", "")
    )
    client.get(local(b_link))
    assert Click.objects.count() == 2
    # the public web version carries no tracking
    web = client.get(f"/newsletters/briefing/issues/{issue.pk}/").content.decode()
    assert "/newsletters/t/" not in web


def test_a_link_signed_for_another_issue_counts_nothing_but_still_goes_where_it_was_signed_to(smtp_server, client):
    issue, _html = sent_issue(smtp_server)
    delivery = Delivery.objects.get(address="a@example.org")
    response = client.get(f"/newsletters/t/c/{signed_delivery_id(delivery.pk)}/{click_token(issue.pk + 1, ARTICLE)}/")
    assert response.status_code == 302 and response["Location"] == ARTICLE and not Click.objects.exists()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.text(min_size=1, max_size=200), tamper=st.integers(min_value=0, max_value=10_000))
def test_never_an_open_redirect(target, tamper):
    """Any target that is not inside a valid signature is refused with a readable page, never followed."""
    client = Client()
    signed = click_token(1, "https://news.example/fine")
    unsigned = target
    position = tamper % len(signed)
    flipped = signed[:position] + ("A" if signed[position] != "A" else "B") + signed[position + 1 :]
    for token in (unsigned, flipped, f"{signed}{unsigned}"):
        response = client.get(f"/newsletters/t/c/1-00/{quote(token, safe='')}/")
        assert response.status_code in (400, 404), token
        assert "Location" not in response
    signed_odd = click_token(1, target)  # we never sign anything but http(s) links, but if we did: refused
    if not target.startswith(("http://", "https://")):
        response = client.get(f"/newsletters/t/c/1-00/{quote(signed_odd, safe='')}/")
        assert response.status_code == 400 and "Location" not in response


def test_damaged_link_page_is_readable(client):
    response = client.get("/newsletters/t/c/1-00/not-a-token/")
    assert response.status_code == 400 and "This link is damaged" in response.content.decode()


def test_webhook_opens_and_clicks_count_only_when_tracking_is_on(mailgun, client):  # noqa: F811
    a, b = mailgun["a"], mailgun["b"]
    opened = mailgun_event("opened", a.address, a.provider_message_id, "o1")
    assert post_hook(client, opened).status_code == 200
    assert not Open.objects.exists()  # the newsletter does not track
    a.issue.newsletter.track_opens_and_clicks = True
    a.issue.newsletter.save()
    post_hook(client, opened)
    post_hook(client, mailgun_event("opened", a.address, a.provider_message_id, "o2"))
    clicked = mailgun_event("clicked", b.address, b.provider_message_id, "c1")
    clicked["event-data"]["url"] = ARTICLE
    post_hook(client, clicked)
    assert list(Open.objects.values_list("delivery", flat=True)) == [a.pk]
    assert list(Click.objects.values_list("delivery", "url")) == [(b.pk, ARTICLE)]


def test_issue_page_shows_unique_opens_as_an_estimate_and_clicks_per_link(smtp_server, admin_client, client):
    issue, html = sent_issue(smtp_server, readers="abc")
    for address in ("a@example.org", "b@example.org"):
        client.get(local(re.search(r'src="(https://news\.example/newsletters/t/o/[^"]+)"', html[address]).group(1)))
        for link in links(html[address]):
            if "/t/c/" in link and client.get(local(link))["Location"] == ARTICLE:
                client.get(local(link))
    page = admin_client.get(f"/admin/newsletters/issue/{issue.pk}/send/").content.decode()
    assert re.search(r'Unique opens \(estimate[^<]*</th><td id="unique-opens">2</td>', page)
    rows = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", page.split('id="clicks-per-link"')[1])
    assert (ARTICLE.replace("&", "&amp;"), "2") in rows
