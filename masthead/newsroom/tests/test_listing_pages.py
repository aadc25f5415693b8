import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from masthead.newsroom.factories import ArticlePageFactory
from masthead.newsroom.models import ARTICLES_PER_PAGE

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]


def test_home_page_has_top_stories_section_blocks_feed_and_picks(newsroom, client):
    older = [ArticlePageFactory(parent=section) for section in newsroom["sections"] for _ in range(3)]
    html = client.get("/").content.decode()
    newest = max(newsroom["articles"] + older, key=lambda a: (a.first_published_at, a.pk))
    assert 'class="card card--lead"' in html and newest.title in html
    for section in newsroom["sections"]:
        assert f'<a href="{section.url}">{section.title}</a></h2>' in html
    assert "News Feed" in html and "Editors&#x27; Picks" in html


def test_section_page_lists_its_articles_newest_first(newsroom, client):
    news = newsroom["sections"][0]
    html = client.get(news.url).content.decode()
    titles = [a.title for a in newsroom["articles"][:3]]  # the factory made these newest first
    assert [html.index(t) for t in titles] == sorted(html.index(t) for t in titles)
    assert newsroom["articles"][3].title not in html  # another section's story


def test_author_and_tag_pages(newsroom, client):
    author = newsroom["authors"][0]
    tagged = ArticlePageFactory(parent=newsroom["sections"][0], tags=["Energy Policy"], authors=[author])
    html = client.get(author.get_absolute_url()).content.decode()
    assert f"<h1>{author.name}</h1>" in html and tagged.title in html
    html = client.get("/tags/energy-policy/").content.decode()
    assert "Tagged: Energy Policy" in html and tagged.title in html and newsroom["articles"][1].title not in html


def test_lists_are_paginated(newsroom, client):
    news = newsroom["sections"][0]
    for _ in range(ARTICLES_PER_PAGE):
        ArticlePageFactory(parent=news)
    first = client.get(news.url).content.decode()
    assert 'rel="next"' in first and "Page 1 of 2" in first
    second = client.get(news.url + "?page=2").content.decode()
    assert 'rel="prev"' in second and "Page 2 of 2" in second


@pytest.mark.parametrize("value", ["abc", "-1", "0", "999999", "1.5", "%00", "1e3", "", " "])
@pytest.mark.parametrize("where", ["section", "author", "tag"])
def test_bad_page_numbers_are_404_pages_not_errors(newsroom, client, value, where):
    ArticlePageFactory(parent=newsroom["sections"][0], tags=["Energy"], authors=[newsroom["authors"][0]])
    url = {
        "section": newsroom["sections"][0].url,
        "author": newsroom["authors"][0].get_absolute_url(),
        "tag": "/tags/energy/",
    }[where]
    response = client.get(url, {"page": value})
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=40))
def test_any_page_parameter_gives_a_page_or_a_404(newsroom, client, value):
    response = client.get(newsroom["sections"][0].url, {"page": value})
    assert response.status_code in ((400,) if "\x00" in value else (200, 404))  # NUL: core's middleware


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
@example(path="\x00")
def test_unknown_addresses_get_the_sites_own_404(newsroom, client, path):
    from urllib.parse import quote

    response = client.get("/zz-" + quote(path, safe=""))
    # A NUL byte anywhere in the address is refused up front as a bad request (core.middleware).
    assert response.status_code in ((400,) if "\x00" in path else (404, 301, 302))


def test_unknown_url_renders_our_404_page(newsroom, client):
    response = client.get("/no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn't find that page" in html and "Skip to content" in html
    assert client.get("/authors/nobody/").status_code == 404
    assert client.get("/tags/no-tag/").status_code == 404


def test_drafts_are_not_served(newsroom, client):
    draft = ArticlePageFactory(parent=newsroom["sections"][0], live=False, title="Embargoed story")
    assert client.get(f"/{newsroom['sections'][0].slug}/{draft.slug}/").status_code == 404
    assert "Embargoed story" not in client.get("/").content.decode()


def test_wrong_method_on_a_page_is_not_a_server_error(newsroom, client):
    assert client.post(newsroom["articles"][0].url).status_code < 500
