"""A web process sends a reader page it rendered again, whole, until the publish version moves."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [pytest.mark.django_db, pytest.mark.db_sensitive]

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


@pytest.fixture(autouse=True)
def _page_memory_on(settings):
    settings.MASTHEAD_PAGE_MEMORY_ENTRIES = 300  # the production profile's default (off elsewhere)


def test_a_page_seen_before_is_sent_again_without_the_database(client, newsroom, django_assert_num_queries):
    article = newsroom["articles"][0]
    first = client.get(article.url, **GZIP)
    assert first["Content-Encoding"] == "gzip"
    with django_assert_num_queries(0):
        again = client.get(article.url, **GZIP)
    assert again.content == first.content
    assert again["Cache-Control"] == first["Cache-Control"]


def test_each_encoding_is_kept_apart(client, newsroom):
    article = newsroom["articles"][0]
    client.get(article.url, **GZIP)
    plain = client.get(article.url)
    assert "Content-Encoding" not in plain
    assert article.title in plain.content.decode()


def test_a_publication_is_served_at_once(client, newsroom):
    article = newsroom["articles"][0]
    client.get(article.url)
    article.title = "A headline written after the page was kept"
    article.save_revision().publish()
    assert "A headline written after the page was kept" in client.get(article.url).content.decode()


def test_an_editor_is_never_answered_from_memory_nor_kept(client, newsroom):
    article = newsroom["articles"][0]
    client.get(article.url)  # kept for anonymous readers
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "pw"))
    assert "Edit post" in client.get(article.url).content.decode()
    client.logout()
    assert "Edit post" not in client.get(article.url).content.decode()


def test_a_revalidation_goes_to_the_view(client, newsroom):
    article = newsroom["articles"][0]
    etag = client.get(article.url)["ETag"]
    assert client.get(article.url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_response_that_sets_a_cookie_is_not_kept(rf, settings):
    from django.http import HttpResponse

    from masthead.caching.page_memory import PageMemoryMiddleware

    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse("<p>hello</p>", headers={"Cache-Control": "public, s-maxage=30"})
        response.set_cookie("someone", "else")
        return response

    middleware = PageMemoryMiddleware(view)
    for _ in range(2):
        middleware(rf.get("/somewhere/"))
    assert len(calls) == 2


def test_it_can_be_turned_off(client, newsroom, settings):
    settings.MASTHEAD_PAGE_MEMORY_ENTRIES = 0
    article = newsroom["articles"][0]
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(article.url)
    assert len(queries) > 0
