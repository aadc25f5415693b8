"""The live page as readers, feed readers and search engines see it, and the poll endpoint open pages use."""

import re

import extruct
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from masthead.distribution.tests.validators import validate_atom, validate_json_feed, validate_rss
from masthead.live.factories import add_entry
from masthead.live.models import LivePage
from masthead.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_page_shows_entries_newest_first_with_permalinks_and_key_events(client, live_page):
    first, second = live_page.test_entries
    response = client.get(live_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(f'id="entry-{second.pk}"') < html.index(f'id="entry-{first.pk}"')
    assert f'href="{live_page.url}#entry-{first.pk}"' in html
    assert 'aria-live="polite"' in html and "Refresh for the latest updates" in html
    key_events = html[html.index('id="key-events-title"') : html.index('id="entries-title"')]
    assert "First result" in key_events and "Turnout" not in key_events
    assert "<style" not in html and 'style="' not in html


def test_a_new_entry_shows_without_a_new_revision(client, live_page):
    revisions = live_page.revisions.count()
    add_entry(live_page, "A recount is requested.", headline="Recount")
    assert "Recount" in client.get(live_page.url).content.decode()
    assert live_page.revisions.count() == revisions


def test_live_page_is_an_article_in_lists_labelled_live(client, newsroom, live_page):
    assert ArticlePage.objects.filter(pk=live_page.pk).get().kind == ArticlePage.Kind.LIVE
    home = client.get("/").content.decode()
    assert live_page.title in home and "Live:" in home
    live_page.coverage = LivePage.Coverage.ENDED
    live_page.save_revision().publish()
    live_page.refresh_from_db()
    assert live_page.coverage_ended_at is not None and live_page.kind == ArticlePage.Kind.NEWS
    html = client.get(live_page.url).content.decode()
    assert "Coverage ended" in html and "data-live-updates" not in html


@pytest.mark.db_sensitive
def test_poll_returns_only_newer_entries_and_304_when_nothing_changed(live_page):
    client = Client()
    url = f"/live/{live_page.pk}/updates/"
    newest = max(entry.pk for entry in live_page.test_entries)
    response = client.get(url, {"after": newest})
    assert response.status_code == 200 and response.json()["count"] == 0
    etag = response["ETag"]
    assert "public" in response["Cache-Control"]
    assert client.get(url, {"after": newest}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    entry = add_entry(live_page, "Second seat declared.", headline="Second result")
    changed = client.get(url, {"after": newest}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    body = changed.json()
    assert body["count"] == 1 and body["latest"] == entry.pk and f'id="entry-{entry.pk}"' in body["html"]


@pytest.mark.db_sensitive
def test_poll_carries_edits_and_deletions_of_entries_the_reader_has(client, live_page):
    url = f"/live/{live_page.pk}/updates/"
    html = client.get(live_page.url).content.decode()
    after = re.search(r'data-latest="(\d+)"', html).group(1)
    since = re.search(r'data-since="(\d+)"', html).group(1)
    unchanged = client.get(url, {"after": after, "since": since}).json()
    assert unchanged["edited"] == [] and sorted(unchanged["ids"]) == sorted(e.pk for e in live_page.test_entries)

    kept, dropped = live_page.test_entries
    kept.headline = "Turnout corrected"
    kept.save()
    dropped.delete()
    answer = client.get(url, {"after": after, "since": since}).json()
    assert answer["count"] == 0 and answer["ids"] == [kept.pk]
    assert [edit["id"] for edit in answer["edited"]] == [kept.pk] and "Turnout corrected" in answer["edited"][0]["html"]
    # Handing back the new stamp, the reader is told nothing again.
    assert client.get(url, {"after": after, "since": answer["since"]}).json()["edited"] == []


def poll(client, page, answer=None, **headers):
    """One poll from where ``answer`` (the previous one) left the reader, as live.js asks it."""
    position = {"after": answer["latest"], "since": answer["since"]} if answer else {"after": 0, "since": 0}
    return client.get(f"/live/{page.pk}/updates/", position, **headers)


@pytest.mark.db_sensitive
def test_a_reader_that_applied_an_answer_is_told_304_from_its_new_position(live_page, django_assert_num_queries):
    client = Client()
    first = poll(client, live_page)
    assert first.json()["count"] == 2
    with django_assert_num_queries(0):  # nothing changed: page, state and answer are all remembered
        assert poll(client, live_page, first.json(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    entry = add_entry(live_page, "Second seat declared.", headline="Second result")
    changed = poll(client, live_page, first.json(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json()["latest"] == entry.pk
    assert poll(client, live_page, changed.json(), HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304


def test_an_answer_that_leaves_entries_out_is_not_taken_for_the_whole_state(live_page, monkeypatch):
    monkeypatch.setattr("masthead.live.views.MAX_ENTRIES_PER_POLL", 1)
    client = Client()
    partial = poll(client, live_page)
    assert partial.json()["count"] == 1 and not partial.json()["complete"]
    rest = poll(client, live_page, partial.json(), HTTP_IF_NONE_MATCH=partial["ETag"])
    assert rest.status_code == 200 and rest.json()["count"] == 1 and rest.json()["complete"]
    assert rest.json()["latest"] == max(entry.pk for entry in live_page.test_entries)


@pytest.mark.db_sensitive
def test_a_changed_polls_queries_grow_neither_with_entries_nor_with_pollers(live_page):
    def queries_of_a_changed_poll(readers):
        """Add an entry and edit the oldest, then let ``readers`` poll from where the page left them."""
        answer = poll(Client(), live_page).json()
        add_entry(live_page, "Another seat declared.", headline="Another result")
        oldest = live_page.entries.order_by("pk").first()
        oldest.save()
        with CaptureQueriesContext(connection) as queries:
            answers = [poll(Client(), live_page, answer).json() for _ in range(readers)]
        assert answers[0]["count"] == 1 and [edit["id"] for edit in answers[0]["edited"]] == [oldest.pk]
        return len(queries)

    few = queries_of_a_changed_poll(readers=1)
    for number in range(20):
        add_entry(live_page, f"Seat {number} declared.", authors=live_page.test_entries[0].authors.all())
    # The entries' state; the page, its view restrictions and its site (remembered under the publish version, which
    # an entry moves); every entry's id and change time; the rows to render and their authors.
    assert few <= 7
    assert queries_of_a_changed_poll(readers=10) == few


@pytest.mark.parametrize("since", ["", "abc", "-1", "9" * 40, "1e9", "١٢", "9" * 16])
def test_poll_with_a_nonsense_change_stamp_is_answered_not_a_500(live_page, since):
    response = Client().get(f"/live/{live_page.pk}/updates/", {"after": "0", "since": since})
    assert response.status_code == 200 and response.json()["count"] == 2


@pytest.mark.parametrize("after", ["", "abc", "-1", "9" * 40, "1e9", "١٢"])
def test_poll_with_a_nonsense_position_is_answered_not_a_500(live_page, after):
    response = Client().get(f"/live/{live_page.pk}/updates/", {"after": after})
    assert response.status_code == 200 and response.json()["count"] == 2


def test_poll_for_a_page_that_is_not_live_is_404(client, newsroom):
    assert client.get(f"/live/{newsroom['articles'][0].pk}/updates/").status_code == 404
    assert client.get("/live/999999/updates/").status_code == 404


def test_json_ld_is_a_live_blog_posting_with_updates(client, live_page):
    html = client.get(live_page.url).content.decode()
    data = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    posting = next(item for item in data if item["@type"] == "LiveBlogPosting")
    assert posting["coverageStartTime"] == live_page.first_published_at.isoformat()
    assert "coverageEndTime" not in posting
    headlines = [update["headline"] for update in posting["liveBlogUpdate"]]
    assert headlines[0] == "First result" and len(headlines) == 2
    assert posting["liveBlogUpdate"][0]["url"].endswith(f"#entry-{live_page.test_entries[1].pk}")
    # A new entry reaches the remembered head tags too.
    add_entry(live_page, "Third seat declared.", headline="Third result")
    html = client.get(live_page.url).content.decode()
    data = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    posting = next(item for item in data if item["@type"] == "LiveBlogPosting")
    assert posting["liveBlogUpdate"][0]["headline"] == "Third result"


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_entry_feeds_pass_the_article_feed_validators(client, live_page, fmt):
    response = client.get(f"/live/{live_page.pk}/feeds/{fmt}/")
    assert response.status_code == 200
    parsed = (validate_rss if fmt == "rss" else validate_atom)(response.content)
    assert [entry.title for entry in parsed.entries][0] == "First result"
    assert len(parsed.entries) == 2
    assert client.get(f"/live/{live_page.pk}/feeds/{fmt}/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_json_feed_validates(client, live_page):
    response = client.get(f"/live/{live_page.pk}/feeds/json/")
    data = validate_json_feed(response.content)
    assert [item["title"] for item in data["items"]][0] == "First result"
    assert client.get(f"/live/{live_page.pk}/feeds/xml/").status_code == 404


def test_in_the_news_sitemap_while_live_however_old(client, live_page):
    from datetime import timedelta

    from masthead.distribution.tests.validators import validate_sitemap

    LivePage.objects.filter(pk=live_page.pk).update(first_published_at=live_page.first_published_at - timedelta(days=5))
    response = client.get("/news-sitemap.xml")
    validate_sitemap(response.content)
    assert live_page.slug in response.content.decode()
    live_page.refresh_from_db()
    live_page.coverage = LivePage.Coverage.ENDED
    live_page.save_revision().publish()
    LivePage.objects.filter(pk=live_page.pk).update(first_published_at=live_page.first_published_at - timedelta(days=5))
    assert live_page.slug not in client.get("/news-sitemap.xml").content.decode()


def test_poll_positions_of_any_shape_are_answered_never_a_500(live_page):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    client = Client()

    characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(after=st.text(alphabet=characters, max_size=30))
    def poll(after):
        response = client.get(f"/live/{live_page.pk}/updates/", {"after": after})
        assert response.status_code == 200
        body = response.json()
        assert body["count"] <= 2 and body["latest"] >= 0

    poll()
