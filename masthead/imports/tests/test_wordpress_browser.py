"""Imported WordPress articles in Debian's Chromium: their words, images and captions are the export's."""

import html
import io
import re

import pytest
from django.core.management import call_command
from lxml import html as lxml_html
from playwright.sync_api import expect

from masthead.imports.tests.test_wordpress_parser import EXPORT, UPLOADS
from masthead.imports.wordpress import WordPressExport
from masthead.newsroom.factories import tree_root
from masthead.newsroom.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.db_sensitive, pytest.mark.django_db(transaction=True)]

# A Gutenberg post with an image block, one with a gallery, one with an embed, and a classic one with [caption].
STORIES = ("14", "18", "27", "10")


def words(text):
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def expected_from_export(record):
    body = lxml_html.fragment_fromstring(record.html, create_parent="div")
    return {
        "paragraphs": [words(p.text_content()) for p in body.iter("p", "li", "h2", "h3") if p.text_content().strip()],
        "images": len(body.findall(".//img")),
        "captions": [words(c.text_content()) for c in body.iter("figcaption")],
    }


def test_imported_articles_read_like_the_export(live_server, browser_page):
    tree_root()  # a transactional test flushes what migrations made
    call_command("import_wordpress", str(EXPORT), "--uploads", str(UPLOADS), "--no-progress", stdout=io.StringIO())
    records = {record.source_id: record for record in WordPressExport(EXPORT, UPLOADS).posts()}
    page = browser_page
    for source_id in STORIES:
        record = records[source_id]
        article = ArticlePage.objects.get(slug=record.slug)
        response = page.goto(live_server.url + article.url)
        assert response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text(record.title)
        expect(page.locator(".byline")).to_contain_text(article.article_authors.first().author.name)
        expect(page.locator(".article__hero figcaption")).to_contain_text(record.feature_image.caption)
        hero = page.locator(".article__hero img")
        expect(hero).to_have_attribute("alt", record.feature_image.alt)
        body = page.locator(".article__body")
        shown = words(body.inner_text())
        expected = expected_from_export(record)
        for paragraph in expected["paragraphs"]:
            assert paragraph in shown, f"{record.slug}: missing {paragraph[:60]!r}"
        for caption in expected["captions"]:
            assert caption in shown, f"{record.slug}: missing caption {caption!r}"
        images = body.locator("img")
        expect(images).to_have_count(expected["images"])
        for index in range(images.count()):
            images.nth(index).scroll_into_view_if_needed()
            loaded = images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
            assert loaded, f"{record.slug}: image {index} did not load"
        for tag in article.tags.names():
            expect(page.locator("main")).to_contain_text(tag)
    # The embed is a link card, never a third-party frame.
    cycle = ArticlePage.objects.get(slug=records["27"].slug)
    page.goto(live_server.url + cycle.url)
    expect(page.locator(".article__body iframe")).to_have_count(0)
    expect(page.locator('.article__body a[href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"]')).to_have_count(1)
    # The old address of a story, typed into the browser, lands on the story.
    page.goto(live_server.url + "/2026/11/05/school-board-approves-new-science-wing/")
    expect(page.get_by_role("heading", level=1)).to_have_text(records["14"].title)
    page.goto(live_server.url + "/?p=10")
    expect(page.get_by_role("heading", level=1)).to_have_text(records["10"].title)
