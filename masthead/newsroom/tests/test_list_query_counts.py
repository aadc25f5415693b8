"""A list page costs a fixed number of queries: the same on page 1 and page 3, with 13 articles or with 40.

Counted on a render from scratch (every cache emptied, the whole-page memory off), where an N+1 would show.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from masthead.newsroom.factories import (
    ArticlePageFactory,
    AuthorFactory,
    HomePageFactory,
    ImageFactory,
    SectionPageFactory,
)
from masthead.newsroom.models import ArticlePage

pytestmark = [pytest.mark.django_db, pytest.mark.db_sensitive]


@pytest.fixture
def desk(settings):
    settings.MASTHEAD_PAGE_MEMORY_ENTRIES = 0
    home = HomePageFactory()
    section = SectionPageFactory(parent=home, title="News", slug="news")
    return {"home": home, "section": section, "author": AuthorFactory(), "count": 0}


def add_articles(desk, how_many):
    now = timezone.now()
    for _ in range(how_many):
        desk["count"] += 1
        ArticlePageFactory(
            parent=desk["section"],
            authors=[desk["author"]],
            tags=["Housing"],
            hero_image=ImageFactory(),
            first_published_at=now - timezone.timedelta(hours=desk["count"]),
        )


def queries_from_scratch(client, url) -> int:
    assert client.get(url).status_code == 200, url  # renditions made once, as in production
    for alias in ("default", "fragments", "renditions"):
        caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    assert len(queries) > 0, f"{url} was not rendered from scratch"  # else the comparisons below prove nothing
    return len(queries)


def list_addresses(desk):
    return {
        "section": desk["section"].url,
        "author": desk["author"].get_absolute_url(),
        "tag": "/tags/housing/",
    }


def test_a_later_page_costs_what_the_first_does(client, desk):
    add_articles(desk, 40)
    for name, url in list_addresses(desk).items():
        first, third = queries_from_scratch(client, url), queries_from_scratch(client, f"{url}?page=3")
        assert first == third, f"{name}: page 1 {first} queries, page 3 {third}"


def test_more_articles_cost_no_more_queries(client, desk):
    addresses = {"home": "/", "rss": "/feeds/rss/", "atom": "/feeds/atom/", **list_addresses(desk)}
    add_articles(desk, 13)
    fewer = {name: queries_from_scratch(client, url) for name, url in addresses.items()}
    add_articles(desk, 27)
    more = {name: queries_from_scratch(client, url) for name, url in addresses.items()}
    assert more == fewer


def test_a_later_page_skips_ids_not_whole_articles(client, desk):
    """The OFFSET that finds page 3 reads ids only; whole rows (bodies and all) only for the page's own articles."""
    add_articles(desk, 40)
    for name, url in list_addresses(desk).items():
        for alias in ("default", "fragments"):
            caches[alias].clear()
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"{url}?page=3").content.decode()
        skipping = [query["sql"] for query in queries if "OFFSET" in query["sql"]]
        assert skipping, f"{name}: no query found page 3"
        assert all('"body"' not in sql for sql in skipping), f"{name}: {skipping}"
        third_page = ArticlePage.objects.order_by("-first_published_at", "-pk")[24:36]
        assert all(escape(article.title) in html for article in third_page), f"{name}: not page 3's articles"
