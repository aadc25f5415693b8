"""The database goes away under a running site: readers get a 503 with Retry-After, probes tell the truth, and the
site comes back by itself when the database does.

PostgreSQL is reached through a TCP proxy that is cut (a port where nothing listens, then a live one again);
SQLite is pointed at a file that cannot be opened, then back at its own.
"""

import contextlib
import json

import pytest
from django.db import close_old_connections, connection

from masthead.core.errors import DATABASE_RETRY_AFTER
from masthead.core.testing import TcpProxy

READER_PATHS = ["/", "/search/?q=news", "/feeds/rss/", "/sitemap.xml", "/robots.txt", "/newsletters/", "/admin/"]


@contextlib.contextmanager
def _database_that_can_go_away():
    """Yields (cut, restore): callables that take the database away and give it back, for this thread's connection."""
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    connection.close()
    if settings_dict["ENGINE"].endswith("sqlite3"):

        def cut():
            connection.close()
            settings_dict["NAME"] = "/nonexistent-masthead-dir/db.sqlite3"

        def restore():
            settings_dict["NAME"] = saved["NAME"]

        try:
            yield cut, restore
        finally:
            connection.close()
            settings_dict.update(saved)
        return
    with TcpProxy(saved.get("HOST") or "127.0.0.1", int(saved.get("PORT") or 5432)) as proxy:
        settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
        try:
            yield proxy.close, proxy.open
        finally:
            connection.close()
            settings_dict.update(saved)


def _get(client, path):
    """A request as the server makes it: Django's handler drops a broken connection as each request starts (the
    test client skips that signal), which is how a running site gets its database back without a restart."""
    close_old_connections()
    return client.get(path)


@pytest.mark.db_sensitive
@pytest.mark.django_db(transaction=True)
def test_a_lost_database_is_a_503_with_retry_after_and_the_site_returns_by_itself(newsroom, client):
    client.raise_request_exception = False  # answer as the server would, not re-raise into the test
    article = newsroom["articles"][0]
    paths = [*READER_PATHS, article.url]
    with _database_that_can_go_away() as (cut, restore):
        assert [(path, _get(client, path).status_code) for path in paths[:2]] == [(path, 200) for path in paths[:2]]

        cut()
        answers = {path: _get(client, path) for path in [*paths, "/search/?q=never-asked-before"]}
        # What needs no query (robots.txt from memory, the admin's login redirect) may still answer; no 500.
        assert {path: r.status_code for path, r in answers.items() if r.status_code >= 400} == {
            path: 503 for path, r in answers.items() if r.status_code >= 400
        }
        assert answers["/search/?q=never-asked-before"].status_code == 503
        for response in (r for r in answers.values() if r.status_code == 503):
            assert response["Retry-After"] == str(DATABASE_RETRY_AFTER)
            assert "no-store" in response["Cache-Control"]
            assert "back in a moment" in response.content.decode()
        assert _get(client, "/health/").status_code == 200  # alive: a supervisor must not restart it for this
        ready = _get(client, "/ready/")
        assert ready.status_code == 503 and json.loads(ready.content)["status"] == "down"
        assert not json.loads(ready.content)["checks"]["database"]["ok"]

        restore()
        assert _get(client, article.url).status_code == 200, "back without a restart"
        assert json.loads(_get(client, "/ready/").content)["checks"]["database"]["ok"]
