"""An entry moves its live page's own version, never the site's: the live page, its feeds and its poll show it at
once (page memory on, as in production), while every other page keeps what each process remembered of it."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from masthead.distribution.tests.validators import validate_json_feed, validate_rss
from masthead.live.factories import add_entry
from masthead.live.page_version import page_version, version_key
from masthead.newsroom.publish_version import LISTS_VERSION_KEY, lists_version

pytestmark = [pytest.mark.django_db, pytest.mark.db_sensitive]


@pytest.fixture(autouse=True)
def _page_memory_on(settings):
    settings.MASTHEAD_PAGE_MEMORY_ENTRIES = 300  # the production profile's default (off elsewhere)


def site_version():
    lists_version()  # starts it if the cache is empty
    return cache.get(LISTS_VERSION_KEY)


def poll(client, page, html):
    after = re.search(r'data-latest="(\d+)"', html).group(1)
    since = re.search(r'data-since="(\d+)"', html).group(1)
    return client.get(f"/live/{page.pk}/updates/", {"after": after, "since": since})


def warm(client, *urls):
    """Ask twice: the second answer comes from page memory (and proves it was kept)."""
    for url in urls:
        client.get(url)
        client.get(url)


def test_an_added_entry_shows_everywhere_it_belongs_and_the_site_version_stays(client, newsroom, live_page):
    article = newsroom["articles"][0]
    feed, json_feed = f"/live/{live_page.pk}/feeds/rss/", f"/live/{live_page.pk}/feeds/json/"
    before = client.get(live_page.url).content.decode()
    warm(client, live_page.url, article.url, feed, json_feed)
    version = site_version()

    entry = add_entry(live_page, "The count is over.", headline="Final result")

    assert site_version() == version
    html = client.get(live_page.url).content.decode()
    assert f'id="entry-{entry.pk}"' in html and "Final result" in html
    assert f'data-latest="{entry.pk}"' in html
    assert validate_rss(client.get(feed).content).entries[0].title == "Final result"
    assert validate_json_feed(client.get(json_feed).content)["items"][0]["title"] == "Final result"
    answer = poll(client, live_page, before).json()
    assert answer["count"] == 1 and answer["latest"] == entry.pk


def test_an_article_is_sent_from_memory_after_an_entry(client, newsroom, live_page, django_assert_num_queries):
    article = newsroom["articles"][0]
    warm(client, article.url, "/")
    add_entry(live_page, "Another seat declared.", headline="Third seat")
    with django_assert_num_queries(0):
        assert client.get(article.url).status_code == 200
        assert client.get("/").status_code == 200


def test_an_edited_entry_shows_at_once(client, live_page):
    kept, _ = live_page.test_entries
    warm(client, live_page.url)
    version = site_version()
    kept.headline = "Turnout was a record"
    kept.save()
    assert site_version() == version
    assert "Turnout was a record" in client.get(live_page.url).content.decode()
    assert "Turnout was a record" in client.get(f"/live/{live_page.pk}/feeds/atom/").content.decode()


def test_a_deleted_entry_goes_at_once(client, live_page):
    _, dropped = live_page.test_entries
    before = client.get(live_page.url).content.decode()
    warm(client, live_page.url)
    version = site_version()
    dropped.delete()
    assert site_version() == version
    html = client.get(live_page.url).content.decode()
    assert f'id="entry-{dropped.pk}"' not in html and "First result" not in html
    assert dropped.pk not in poll(client, live_page, before).json()["ids"]


def test_the_live_page_is_sent_from_memory_until_an_entry(live_page, django_assert_max_num_queries):
    client = Client()
    warm(client, live_page.url)
    with django_assert_max_num_queries(0):
        client.get(live_page.url)
    add_entry(live_page, "Late news.", headline="Late")
    with django_assert_max_num_queries(50):  # rendered again: the entry moved the page's own version
        assert "Late" in client.get(live_page.url).content.decode()


def test_a_first_poll_kept_in_memory_follows_the_entries(client, live_page):
    html = client.get(live_page.url).content.decode()
    assert poll(client, live_page, html).json()["count"] == 0
    assert poll(client, live_page, html).json()["count"] == 0  # from memory
    entry = add_entry(live_page, "A late seat.", headline="Late seat")
    answer = poll(client, live_page, html).json()
    assert answer["count"] == 1 and answer["latest"] == entry.pk


def test_the_json_ld_follows_the_entries(client, live_page):
    warm(client, live_page.url)
    add_entry(live_page, "Polls reopened in one district.", headline="Polls reopened")
    html = client.get(live_page.url).content.decode()
    json_ld = html[html.index('type="application/ld+json"') :]
    assert "Polls reopened" in json_ld


def test_the_version_is_shared_and_survives_an_emptied_cache(live_page):
    first = page_version(live_page.pk)
    add_entry(live_page, "Moved.")
    moved = page_version(live_page.pk)
    assert moved > first
    cache.delete(version_key(live_page.pk))  # a Redis restart
    assert page_version(live_page.pk) > moved


def test_a_restarted_counter_starts_above_a_counter_moved_many_times_a_millisecond(live_page):
    """Both version counters (a live page's, the site's publish version) restart above where they were, however
    fast they were moved: a millisecond clock fell behind 200 quick moves and restarted below them."""
    from masthead.live.page_version import move_page_version

    page_version(live_page.pk)
    for _ in range(200):
        move_page_version(live_page.pk)
    moved = page_version(live_page.pk)
    cache.delete(version_key(live_page.pk))
    assert page_version(live_page.pk) > moved

    lists_version()
    for _ in range(200):
        cache.incr(LISTS_VERSION_KEY)
    moved = cache.get(LISTS_VERSION_KEY)
    cache.delete(LISTS_VERSION_KEY)
    assert lists_version() > moved
