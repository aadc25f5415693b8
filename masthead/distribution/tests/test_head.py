import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masthead.distribution import structured_data
from masthead.distribution.tests.validators import json_ld_blocks, meta_tags
from masthead.newsroom.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def by_type(blocks):
    return {block["@type"]: block for block in blocks}


def test_news_article_json_ld_has_what_google_asks_for(newsroom, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    article = newsroom["articles"][0]  # two authors
    article.tags.add("Budget", "Parliament")
    article.save_revision().publish()
    blocks = by_type(json_ld_blocks(head_of(client, article.url)))
    data = blocks["NewsArticle"]
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == article.title
    assert data["description"] == article.standfirst
    url = f"https://news.example.org/news/{article.slug}/"
    assert data["mainEntityOfPage"]["@id"] == url and data["url"] == url
    assert data["datePublished"].startswith(article.first_published_at.isoformat()[:19])
    assert data["dateModified"]
    assert [a["name"] for a in data["author"]] == [a.name for a in article.authors]
    assert all(
        a["@type"] == "Person" and a["url"].startswith("https://news.example.org/authors/") for a in data["author"]
    )
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == settings.WAGTAIL_SITE_NAME
    assert data["publisher"]["logo"]["url"] == "https://news.example.org/logo.png"
    assert data["isAccessibleForFree"] is True
    assert data["articleSection"] == "News"
    assert sorted(data["keywords"]) == ["Budget", "Parliament"]
    ratios = [round(image["width"] / image["height"], 2) for image in data["image"]]
    assert ratios == [round(16 / 9, 2), round(4 / 3, 2), 1.0]
    assert all(image["url"].startswith("https://news.example.org/media/images/") for image in data["image"])
    assert "audio" not in data
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "News", article.title]


def test_opinion_pieces_are_opinion_news_articles(newsroom, client):
    article = newsroom["articles"][3]
    assert "OpinionNewsArticle" in by_type(json_ld_blocks(head_of(client, article.url)))


def test_audio_object_comes_from_a_registered_provider(newsroom, client):
    article = newsroom["articles"][0]

    def narration(candidate):
        if candidate.pk == article.pk:
            return {"contentUrl": "https://example.org/a.mp3", "encodingFormat": "audio/mpeg", "duration": "PT2M"}
        return None

    structured_data.register_audio_object_provider(narration)
    try:
        narrated = by_type(json_ld_blocks(head_of(client, article.url)))["NewsArticle"]
        other = by_type(json_ld_blocks(head_of(client, newsroom["articles"][1].url)))["NewsArticle"]
    finally:
        structured_data._audio_object_providers.remove(narration)
    assert narrated["audio"] == {
        "@type": "AudioObject",
        "contentUrl": "https://example.org/a.mp3",
        "encodingFormat": "audio/mpeg",
        "duration": "PT2M",
    }
    assert "audio" not in other


def test_article_social_tags(newsroom, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    article = newsroom["articles"][0]  # two authors
    tags = meta_tags(head_of(client, article.url))
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == [article.title]
    assert tags["og:url"] == [f"https://news.example.org/news/{article.slug}/"]
    assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
    assert tags["og:image"][0].endswith(".fill-1200x630.png")
    assert tags["article:published_time"][0].startswith(article.first_published_at.isoformat()[:19])
    assert len(tags["article:author"]) == 2
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:image"] == tags["og:image"]


def test_head_adds_at_most_two_queries_to_an_article(newsroom, client, settings):
    article = newsroom["articles"][1]
    for _ in range(2):
        client.get(article.url)  # renditions made, route and page object remembered, caches warm
    with CaptureQueriesContext(connection) as with_head:
        client.get(article.url)
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], _empty_head_dir()]}]
    with CaptureQueriesContext(connection) as without_head:
        html = client.get(article.url).content.decode()
    assert 'property="og:type"' not in html  # the empty head.html really replaced it
    # The head shares what the page loads anyway (tags, authors, image, narration): at most two more queries.
    assert len(with_head) - len(without_head) <= 2, [q["sql"] for q in with_head.captured_queries]


def _empty_head_dir():
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp()) / "distribution"
    folder.mkdir()
    (folder / "head.html").write_text("")
    return str(folder.parent)


def test_section_page_has_breadcrumbs_feeds_and_canonical(newsroom, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    html = head_of(client, "/news/?page=1")
    assert '<link rel="canonical" href="https://news.example.org/news/">' in html
    assert 'href="https://news.example.org/feeds/section/news/rss/"' in html
    assert 'type="application/atom+xml"' in html and 'type="application/feed+json"' in html
    crumbs = by_type(json_ld_blocks(html))["BreadcrumbList"]["itemListElement"]
    assert [c["item"] for c in crumbs] == ["https://news.example.org/", "https://news.example.org/news/"]


def test_author_page_has_person_and_breadcrumbs(newsroom, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    author = newsroom["authors"][0]
    html = head_of(client, reverse("newsroom:author", args=[author.slug]))
    blocks = by_type(json_ld_blocks(html))
    assert blocks["Person"]["name"] == author.name
    assert blocks["Person"]["url"] == f"https://news.example.org/authors/{author.slug}/"
    assert blocks["Person"]["jobTitle"] == author.role
    assert blocks["BreadcrumbList"]["itemListElement"][-1]["name"] == author.name
    assert f'href="https://news.example.org/feeds/author/{author.slug}/atom/"' in html
    assert meta_tags(html)["og:type"] == ["profile"]


def test_every_page_has_one_canonical_and_social_tags(newsroom, client):
    article = newsroom["articles"][0]
    article.tags.add("Weather")
    article.save_revision().publish()
    for url in [
        "/",
        "/news/",
        article.url,
        reverse("newsroom:author", args=[newsroom["authors"][0].slug]),
        reverse("newsroom:tag", args=["weather"]),
        reverse("search:search") + "?q=word",
    ]:
        html = head_of(client, url)
        assert html.count('rel="canonical"') == 1, url
        tags = meta_tags(html)
        for key in ["og:title", "og:url", "og:image", "og:type", "twitter:card"]:
            assert tags.get(key), (url, key)
        for block in json_ld_blocks(html):
            assert block["@context"] == "https://schema.org"


def test_home_page_describes_the_website_and_publisher(newsroom, client):
    blocks = by_type(json_ld_blocks(head_of(client, "/")))
    assert blocks["WebSite"]["potentialAction"]["target"].endswith("/search/?q={search_term_string}")
    assert blocks["Organization"]["logo"]["width"] == 600


def test_json_ld_cannot_be_broken_out_of(newsroom, client):
    section = newsroom["sections"][0]
    article = ArticlePageFactory(parent=section, title="</script><script>alert(1)</script>", slug="hostile")
    html = head_of(client, article.url)
    assert "<script>alert(1)" not in html
    assert by_type(json_ld_blocks(html))["NewsArticle"]["headline"].startswith("</script>")


def test_logo_and_social_card_are_pngs_of_the_right_size(client):
    from io import BytesIO

    from PIL import Image

    for name, size in [("distribution:logo", (600, 60)), ("distribution:social_card", (1200, 630))]:
        response = client.get(reverse(name))
        assert response["Content-Type"] == "image/png"
        assert Image.open(BytesIO(response.content)).size == size


def test_an_articles_remembered_head_follows_a_publication_and_never_shows_in_a_preview(newsroom, client):
    """The head is remembered per publication (Wagtail's cache_key); a preview renders its own."""
    article = newsroom["articles"][0]
    for _ in range(3):
        head_of(client, article.url)  # route, page object and head remembered
    article.title = "A draft headline"
    assert meta_tags(article.make_preview_request().content.decode())["og:title"] == ["A draft headline"]
    assert meta_tags(head_of(client, article.url))["og:title"] != ["A draft headline"]
    article.save_revision().publish()
    assert meta_tags(head_of(client, article.url))["og:title"] == ["A draft headline"]
