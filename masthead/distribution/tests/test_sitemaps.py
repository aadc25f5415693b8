import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from masthead.distribution import sitemaps
from masthead.distribution.tests.validators import (
    NEWS_NS,
    SITEMAP_NS,
    validate_sitemap,
    validate_sitemap_index,
)
from masthead.newsroom.factories import ArticlePageFactory

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]


def locs(document, path="url"):
    return [loc.text for loc in document.iter(f"{{{SITEMAP_NS}}}loc")]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_index_lists_every_child_sitemap_and_each_validates(newsroom, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    newsroom["articles"][0].tags.add("Floods")
    newsroom["articles"][0].save_revision().publish()
    index = validate_sitemap_index(client.get(reverse("distribution:sitemap_index")).content)
    children = locs(index)
    assert children == [
        f"https://news.example.org/sitemap-{name}.xml" for name in ["articles", "pages", "authors", "tags"]
    ]
    assert all(s.find(f"{{{SITEMAP_NS}}}lastmod") is not None for s in index)
    urls = {}
    for child in children:
        response = client.get(child.removeprefix("https://news.example.org"))
        assert response.status_code == 200
        urls[child] = locs(validate_sitemap(body(response)))
    assert sorted(urls[children[0]]) == sorted(f"https://news.example.org{a.url}" for a in newsroom["articles"])
    assert urls[children[1]] == [
        "https://news.example.org/",
        "https://news.example.org/news/",
        "https://news.example.org/opinion/",
    ]
    assert sorted(urls[children[2]]) == sorted(
        f"https://news.example.org/authors/{a.slug}/" for a in newsroom["authors"]
    )
    assert urls[children[3]] == ["https://news.example.org/tags/floods/"]


def test_drafts_and_unpublished_articles_stay_out(newsroom, client):
    draft = ArticlePageFactory(parent=newsroom["sections"][0], live=False, slug="a-draft")
    gone = newsroom["articles"][2]
    gone.unpublish()
    listed = body(client.get(reverse("distribution:sitemap", args=["articles"]))).decode()
    assert draft.slug not in listed and gone.slug not in listed
    assert newsroom["articles"][0].slug in listed


def test_child_sitemaps_are_paginated(newsroom, client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 4)
    index = validate_sitemap_index(client.get(reverse("distribution:sitemap_index")).content)
    article_maps = [loc for loc in locs(index) if "sitemap-articles" in loc]
    assert [loc.rsplit("/", 1)[1] for loc in article_maps] == ["sitemap-articles.xml", "sitemap-articles.xml?p=2"]
    first = locs(validate_sitemap(body(client.get("/sitemap-articles.xml"))))
    second = locs(validate_sitemap(body(client.get("/sitemap-articles.xml?p=2"))))
    assert len(first) == 4 and len(second) == 2 and not set(first) & set(second)
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404
    assert client.get("/sitemap-articles.xml?p=x").status_code == 404
    assert client.get("/sitemap-articles.xml?p=0").status_code == 404


def test_the_articles_sitemap_is_streamed_and_escapes_its_addresses(newsroom, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    ArticlePageFactory(parent=newsroom["sections"][0], slug="rock-and-roll", title="Rock & roll")
    response = client.get("/sitemap-articles.xml")
    assert response.streaming and response["Content-Type"] == "application/xml; charset=utf-8"
    assert "https://news.example.org/news/rock-and-roll/" in locs(validate_sitemap(body(response)))
    again = client.get("/sitemap-articles.xml", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_the_index_is_built_once_per_publish_version(newsroom, client, django_assert_num_queries):
    first = client.get("/sitemap.xml").content
    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml").content == first
    ArticlePageFactory(parent=newsroom["sections"][0], slug="fresh-news")  # a publication moves the version
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap.xml")
    assert len(queries) > 0
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_building_the_index_asks_each_aggregate_once(newsroom, client, settings):
    """Each child sitemap counted once, the author and tag aggregates read once (for the count and the newest
    change), and each section's newest change read from the page table alone (migration 0009's index serves it):
    at 100,000 articles the index after a publish took 1.6-2.0 s, these repeats and joins most of it."""
    ArticlePageFactory(parent=newsroom["sections"][0], tags=["Energy"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    sql = [query["sql"] for query in queries]
    assert sum("taggit_tag" in q for q in sql) == 1 and sum('"newsroom_author"' in q for q in sql) == 1
    newest = [q for q in sql if q.startswith('SELECT MAX("wagtailcore_page"."last_published_at")')]
    # The articles sitemap's newest change, then the home page's and each section's (the pages sitemap's rows).
    assert len(newest) == 2 + len(newsroom["sections"]) and not any("newsroom_articlepage" in q for q in newest)
    counts = [q for q in sql if "COUNT(*)" in q]
    assert len(counts) == 1  # the articles; the pages, authors and tags are counted from the rows read once


def test_the_news_sitemap_is_built_once_per_publish_version(newsroom, client, django_assert_num_queries):
    first = client.get("/news-sitemap.xml").content
    with django_assert_num_queries(0):
        assert client.get("/news-sitemap.xml").content == first
    ArticlePageFactory(parent=newsroom["sections"][0], slug="fresh-news")  # a publication moves the version
    assert b"fresh-news" in client.get("/news-sitemap.xml").content


@pytest.mark.parametrize("path", ["/news-sitemap.xml", "/sitemap.xml"])
def test_remembered_sitemaps_keep_the_etag_of_their_bytes_and_answer_304(newsroom, client, path):
    import hashlib

    first = client.get(path)
    again = client.get(path)
    assert first["ETag"] == again["ETag"] == f'"{hashlib.md5(first.content).hexdigest()}"'
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    ArticlePageFactory(parent=newsroom["sections"][0], slug="fresh-news")  # a publication moves the version
    assert client.get(path)["ETag"] != first["ETag"]


def test_news_sitemap_escapes_titles_and_dates_articles_in_the_site_s_time_zone(newsroom, client, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    article = ArticlePageFactory(parent=newsroom["sections"][0], slug="rock-and-roll", title="Rock & <roll>")
    document = validate_sitemap(client.get("/news-sitemap.xml").content)
    titles = [title.text for title in document.iter(f"{{{NEWS_NS}}}title")]
    dates = [date.text for date in document.iter(f"{{{NEWS_NS}}}publication_date")]
    assert titles[0] == "Rock & <roll>"
    assert dates[0] == timezone.localtime(article.first_published_at).isoformat()
    assert dates[0].endswith(("+02:00", "+03:00"))


def test_news_sitemap_has_the_last_48_hours_only(newsroom, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    settings.MASTHEAD_NEWSROOM_LANGUAGE = "uk"
    old = ArticlePageFactory(
        parent=newsroom["sections"][0],
        slug="old-news",
        first_published_at=timezone.now() - timezone.timedelta(hours=49),
    )
    response = client.get(reverse("distribution:news_sitemap"))
    document = validate_sitemap(response.content)
    entries = document.findall(f"{{{SITEMAP_NS}}}url")
    assert len(entries) == 6
    assert old.slug not in response.content.decode()
    news = entries[0].find(f"{{{NEWS_NS}}}news")
    assert news.find(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name").text == settings.WAGTAIL_SITE_NAME
    assert news.find(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}language").text == "uk"
    assert news.find(f"{{{NEWS_NS}}}title").text == newsroom["articles"][0].title
    assert news.find(f"{{{NEWS_NS}}}publication_date").text.startswith(
        timezone.localtime(newsroom["articles"][0].first_published_at).isoformat()[:19]
    )


def test_news_sitemap_validation_catches_a_missing_title():
    bad = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://example.org/a/</loc>'
        b"<news:news><news:publication><news:name>X</news:name><news:language>en</news:language>"
        b"</news:publication><news:publication_date>2026-01-01</news:publication_date></news:news></url></urlset>"
    )
    with pytest.raises(AssertionError):
        validate_sitemap(bad)


def test_robots_points_at_both_sitemaps(client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://news.example.org/sitemap.xml" in lines
    assert "Sitemap: https://news.example.org/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
