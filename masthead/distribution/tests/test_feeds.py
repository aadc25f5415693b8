import pytest
from django.urls import reverse

from masthead.distribution.tests.validators import validate_atom, validate_json_feed, validate_rss

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]

VALIDATORS = {"rss": validate_rss, "atom": validate_atom, "json": validate_json_feed}


def feed_urls(newsroom):
    article = newsroom["articles"][0]
    article.tags.add("Elections")
    article.save_revision().publish()
    author = newsroom["authors"][0]
    urls = [(fmt, reverse("distribution:site_feed", args=[fmt])) for fmt in VALIDATORS]
    for kind, slug in [("section", "news"), ("section", "opinion"), ("author", author.slug), ("tag", "elections")]:
        urls += [(fmt, reverse("distribution:feed", args=[kind, slug, fmt])) for fmt in VALIDATORS]
    return urls


def test_every_feed_passes_its_validator(newsroom, client):
    for fmt, url in feed_urls(newsroom):
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = VALIDATORS[fmt](response.content)
        entries = parsed["items"] if fmt == "json" else parsed.entries
        assert entries, f"{url} is empty"


def test_site_rss_carries_full_articles_with_authors_categories_and_hero_image(newsroom, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    response = client.get(reverse("distribution:site_feed", args=["rss"]))
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = validate_rss(response.content)
    newest = newsroom["articles"][0]
    entry = feed.entries[0]
    assert entry.title == newest.title
    assert entry.link == "https://news.example.org/news/" + newest.slug + "/"
    assert entry.summary == newest.standfirst
    assert "Word Word" in entry.content[0].value
    assert {tag.term for tag in entry.tags} >= {"News"}
    assert entry.author == ", ".join(a.name for a in newest.authors)
    assert entry.enclosures[0].href.startswith("https://news.example.org/media/")
    assert entry.enclosures[0].type == "image/png" and int(entry.enclosures[0].length) > 0
    assert len(feed.entries) == 6
    # newest first, each with its own time
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_excerpt_setting_leaves_out_the_body(newsroom, client, settings):
    settings.MASTHEAD_FEED_CONTENT = "excerpt"
    rss = validate_rss(client.get(reverse("distribution:site_feed", args=["rss"])).content)
    assert "content" not in rss.entries[0]
    atom = validate_atom(client.get(reverse("distribution:site_feed", args=["atom"])).content)
    assert atom.entries[0].summary == newsroom["articles"][0].standfirst
    assert "content" not in atom.entries[0]
    document = validate_json_feed(client.get(reverse("distribution:site_feed", args=["json"])).content)
    assert "content_html" not in document["items"][0]
    assert document["items"][0]["content_text"] == newsroom["articles"][0].standfirst


def test_atom_names_every_author(newsroom, client):
    atom = validate_atom(client.get(reverse("distribution:site_feed", args=["atom"])).content)
    two_author_entries = [e for e in atom.entries if len(e.authors) == 2]
    assert two_author_entries, "articles with two authors list both"
    assert {a.name for a in two_author_entries[0].authors} == {a.name for a in newsroom["authors"]}


def test_section_author_and_tag_feeds_hold_only_their_articles(newsroom, client):
    opinion = validate_json_feed(client.get(reverse("distribution:feed", args=["section", "opinion", "json"])).content)
    assert {item["title"] for item in opinion["items"]} == {a.title for a in newsroom["articles"][3:]}
    second_author = newsroom["authors"][1]
    by_author = validate_json_feed(
        client.get(reverse("distribution:feed", args=["author", second_author.slug, "json"])).content
    )
    expected = {a.title for a in newsroom["articles"] if second_author in a.authors}
    assert {item["title"] for item in by_author["items"]} == expected and expected


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_conditional_requests_get_304_until_something_is_published(newsroom, client, fmt):
    url = reverse("distribution:site_feed", args=[fmt])
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200

    article = newsroom["articles"][-1]
    article.title = "A corrected headline"
    article.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"A corrected headline" in changed.content

    article.unpublish()
    assert client.get(url, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/xml/",
        "/feeds/section/nope/rss/",
        "/feeds/author/nobody/atom/",
        "/feeds/tag/none/json/",
        "/feeds/planet/x/rss/",
        "/feeds/section/news/pdf/",
    ],
)
def test_unknown_feeds_are_404(newsroom, client, url):
    assert client.get(url).status_code == 404


def test_feeds_only_answer_get_and_head(newsroom, client):
    url = reverse("distribution:site_feed", args=["rss"])
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200
