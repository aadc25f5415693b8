"""Imported Ghost articles in Chromium: the text, the pictures and their captions are what the export holds."""

import pytest
from django.utils.html import strip_tags

from masthead.imports.tests.conftest import ghost_data, import_ghost
from masthead.newsroom.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STORIES = [
    "school-board-approves-new-science-wing",
    "harbour-dredging-project-delayed",
    "water-rates-to-rise-next-year",
]


@pytest.fixture
def imported(transactional_db):
    import_ghost(members=False)


def test_imported_articles_read_as_in_the_export(imported, live_server, browser_page):
    data = ghost_data()
    meta = {row["post_id"]: row for row in data["posts_meta"]}
    for slug in STORIES:
        post = next(p for p in data["posts"] if p["slug"] == slug)
        article = ArticlePage.objects.get(slug=slug)
        response = browser_page.goto(live_server.url + article.url)
        assert response.status == 200
        assert browser_page.inner_text("h1") == post["title"]
        assert browser_page.inner_text(".article__standfirst") == post["custom_excerpt"]
        body = " ".join(browser_page.inner_text(".article__body").split())
        for paragraph in post["plaintext"].split("\n\n"):
            if paragraph.strip() and not paragraph.startswith("["):
                assert " ".join(paragraph.split())[:80] in body, (slug, paragraph[:80])
        hero = browser_page.locator(".article__hero img")
        assert hero.get_attribute("alt") == meta[post["id"]]["feature_image_alt"]
        assert hero.evaluate("img => img.complete && img.naturalWidth") > 0  # the picture itself came across
        caption = strip_tags(meta[post["id"]]["feature_image_caption"])
        assert browser_page.inner_text(".article__hero figcaption") == caption
        for image in browser_page.locator(".article__body img").all():
            assert image.evaluate("img => img.complete && img.naturalWidth") > 0
    browser_page.goto(live_server.url + ArticlePage.objects.get(slug=STORIES[0]).url)
    assert browser_page.inner_text(".article__body figure figcaption") == (
        "A model of one of the planned laboratories, shown at the board meeting. (Illustration)"
    )
    browser_page.goto(live_server.url + ArticlePage.objects.get(slug=STORIES[1]).url)
    byline = browser_page.inner_text(".article__meta")
    assert byline.index("Lena Kowalczyk") < byline.index("Samir Okafor")
    browser_page.goto(live_server.url + ArticlePage.objects.get(slug=STORIES[2]).url)
    browser_page.click("text=our report on the new night routes")
    assert browser_page.inner_text("h1") == "Regional bus network adds three night routes"
