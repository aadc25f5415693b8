"""A reader, a keyboard user and an editor, each in Debian's Chromium against a live server."""

import re

import pytest
from playwright.sync_api import expect

from masthead.newsroom.factories import ArticlePageFactory, ImageFactory
from masthead.newsroom.models import EditorsPick, EditorsPicks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(newsroom):
    """The newest story: with a credited photo and a teaser to an opinion piece, and listed in Editors' Picks."""
    opinion = newsroom["articles"][3]
    article = ArticlePageFactory(
        parent=newsroom["sections"][0],
        title="Harbour bridge reopens after two years of repairs",
        hero_image=ImageFactory(caption="The bridge at dawn.", credit="Ana Lens / Northlight Images"),
        body=[
            ("paragraph", "<p>The bridge reopened on Monday.</p>"),
            ("related_article", {"article": opinion, "excerpt": "Why we should have fixed it sooner."}),
            ("paragraph", "<p>Traffic was light.</p>"),
        ],
    )
    picks = EditorsPicks.for_site(newsroom["home"].get_site())
    picks.picks.set([EditorsPick(article=opinion, sort_order=0)])
    picks.save()
    return article


def test_reader_follows_a_story_from_the_home_page_and_sees_every_part(live_server, browser_page, story):
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=story.title).first.click()
    expect(page).to_have_url(re.compile(re.escape(story.url) + "$"))
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Sections")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.title)
    expect(page.locator(".byline a[rel=author]")).to_have_count(1)
    expect(page.locator("time.article__published")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
    expect(page.locator(".article__reading-time")).to_have_text(re.compile(r"^\d+ min read$"))
    expect(page.locator(".article__hero figcaption")).to_have_text("The bridge at dawn. (Ana Lens / Northlight Images)")
    expect(page.locator(".article__hero img")).to_be_visible()
    expect(page.locator(".article__body")).to_contain_text("Traffic was light.")
    teaser = page.get_by_role("complementary", name="Related article")
    expect(teaser).to_contain_text("Opinion:")
    expect(teaser).to_contain_text("Why we should have fixed it sooner.")
    for heading in ("News Feed", "More news", "Editors' Picks"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    expect(page.get_by_text("Edit post")).to_have_count(0)
    teaser.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.body[1].value["article"].title)


def test_keyboard_user_skips_to_the_headline_with_one_tab(live_server, browser_page, story):
    page = browser_page
    page.goto(live_server.url + story.url)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), getComputedStyle(document.activeElement).top]"
    )
    assert focused[0] == "Skip to content"
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "headline"


def test_editor_edits_the_headline_through_edit_post_and_readers_see_it(
    live_server, browser_page, chromium, story, django_user_model
):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password-1")
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(live_server.url + story.url)
    page.get_by_role("link", name="Edit post").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{story.pk}/edit/$"))
    title = page.locator("#id_title")
    title.fill("Harbour bridge reopens to cheers after two years")
    page.locator("footer [data-w-dropdown-target='toggle'], footer .w-dropdown__toggle").first.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    reader = chromium.new_context().new_page()
    reader.goto(live_server.url + story.url)
    expect(reader.get_by_role("heading", level=1)).to_have_text("Harbour bridge reopens to cheers after two years")
    expect(reader.get_by_text("Edit post")).to_have_count(0)
    reader.goto(live_server.url + "/")  # the cached News Feed follows the publish
    expect(reader.get_by_role("link", name="Harbour bridge reopens to cheers after two years").first).to_be_visible()
    reader.context.close()


def test_anonymous_reader_never_sees_edit_post(live_server, browser_page, story, newsroom):
    for url in ["/", story.url, newsroom["sections"][0].url]:
        browser_page.goto(live_server.url + url)
        assert "Edit post" not in browser_page.content()
        assert "/admin/pages/" not in browser_page.content()


def test_reader_pages_make_no_third_party_requests(live_server, browser_page, story, newsroom):
    requested = []
    browser_page.on("request", lambda request: requested.append(request.url))
    for url in ["/", story.url, newsroom["sections"][0].url, newsroom["authors"][0].get_absolute_url()]:
        browser_page.goto(live_server.url + url)
        browser_page.wait_for_load_state("networkidle")
    assert requested, "the browser made no requests at all"
    outside = [url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert outside == []
