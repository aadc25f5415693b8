"""A live page through the real Varnish (deploy/varnish/masthead.vcl): polls are shared hits that are never served
past their max-age, and an entry purges the page and its feeds."""

import json
import time

import pytest

from masthead.caching.tests.conftest import varnish  # noqa: F401 (the fixture)
from masthead.caching.tests.test_through_varnish import fetch, wait_until
from masthead.live.factories import add_entry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.db_sensitive]


def test_a_poll_is_a_shared_hit_and_304_at_the_proxy(varnish, live_page):  # noqa: F811
    newest = max(entry.pk for entry in live_page.test_entries)
    address = f"{varnish.url}/live/{live_page.pk}/updates/?after={newest}&since=0"
    status, headers, _ = fetch(address)
    assert status == 200 and headers["X-Cache"] == "MISS"
    status, headers, _ = fetch(address)
    assert status == 200 and headers["X-Cache"] == "HIT" and int(headers["Age"]) <= 2
    status, headers, _ = fetch(address, {"If-None-Match": headers["ETag"]})
    assert status == 304 and headers["X-Cache"] == "HIT"


def test_a_poll_is_never_served_past_its_max_age(varnish, live_page):  # noqa: F811
    """Varnish's grace would hand out the old answer once more after max-age=2 (and refresh behind it): that
    poller would see the entry an interval later, past the 15 s promise."""
    newest = max(entry.pk for entry in live_page.test_entries)
    address = f"{varnish.url}/live/{live_page.pk}/updates/?after={newest}&since=0"
    assert json.loads(fetch(address)[2])["count"] == 0
    assert fetch(address)[1]["X-Cache"] == "HIT"
    entry = add_entry(live_page, "Declared after the poll was cached.", headline="Late declaration")
    time.sleep(2.5)  # max-age=2 is over
    answer = json.loads(fetch(address)[2])
    assert answer["count"] == 1 and answer["latest"] == entry.pk


def test_an_entry_purges_the_live_page_and_its_feeds(varnish, live_page):  # noqa: F811
    paths = [live_page.url, *(f"/live/{live_page.pk}/feeds/{fmt}/" for fmt in ("rss", "atom", "json"))]
    for path in paths:
        fetch(varnish.url + path)
        assert fetch(varnish.url + path)[1]["X-Cache"] == "HIT", path
    add_entry(live_page, "A purged entry.", headline="Purged at once")
    for path in paths:
        assert wait_until(lambda path=path: "Purged at once" in fetch(varnish.url + path)[2]), path
