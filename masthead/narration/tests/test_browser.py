"""The player in Chromium: it plays the real Piper audio, highlights the sentence read, and seeks on a click."""

import pytest

from masthead.narration.models import Narration
from masthead.narration.tests.conftest import IMMEDIATE, make_article

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BODY = [
    ("paragraph", "<p>The ferry left at dawn. It carried <b>forty passengers</b> and a dog.</p>"),
    ("subheading", "A calm crossing"),
    ("paragraph", "<p>The sea was flat all morning. The captain said it was the best day of the year.</p>"),
    ("pull_quote", {"quote": "We have waited a long time for this.", "attribution": "A passenger"}),
]


@pytest.fixture(autouse=True)
def media_through_masthead(monkeypatch):
    """Django's live server answers /media/ itself, without range requests; let Masthead's serve_media answer,
    as it does in production, so the browser can seek."""
    from django.test.testcases import _MediaFilesHandler

    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)


@pytest.fixture
def narrated_article(committed_newsroom, settings):
    newsroom = committed_newsroom  # its articles' narration is only queued (no worker runs here)
    settings.TASKS = IMMEDIATE  # from now on publishing narrates at once, with the real Piper voice
    article = make_article(newsroom["sections"][0], body=BODY, title="Ferry service returns")
    narration = Narration.objects.get(article=article)
    assert narration.status == "ready", narration.error
    return article, narration


def test_player_plays_highlights_and_seeks_on_click(live_server, browser_page, narrated_article, tmp_path):
    screenshots = tmp_path
    article, narration = narrated_article
    page = browser_page
    page.goto(live_server.url + article.url)
    player = page.locator("[data-narration]")
    assert "Listen to this article" in player.inner_text() and "AI-generated audio" in player.inner_text()
    assert page.locator(".narration__audio").is_hidden()  # JavaScript replaced the plain controls
    sentences = page.locator(".narration-sentence--first")
    assert sentences.count() == len(narration.timings) == 8
    assert page.locator(".narration-sentence", has_text="forty passengers").count() == 1  # across the <b>
    assert page.locator(".pull-quote figcaption .narration-sentence").count() == 0  # attribution is not read

    page.get_by_role("button", name="Play").click()
    page.wait_for_selector(".narration-sentence.is-current", timeout=10_000)
    assert page.get_by_role("button", name="Pause").is_visible()
    assert page.locator("[data-announce]").inner_text() == "Playing"

    target = 6  # "The captain said it was the best day of the year."
    page.locator(f'.narration-sentence--first[data-sentence="{target}"]').click()
    start = narration.timings[target]["start"]
    page.wait_for_function(f"document.querySelector('audio').currentTime >= {start}")
    current = page.evaluate("document.querySelector('audio').currentTime")
    assert start <= current < start + 2
    page.wait_for_selector(f'.narration-sentence.is-current[data-sentence="{target}"]')
    assert page.locator(".narration-sentence.is-current").first.inner_text().startswith("The captain")

    # Keyboard: Enter on a sentence seeks there; the skip buttons move 15 s.
    page.locator('.narration-sentence--first[data-sentence="2"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"Math.abs(document.querySelector('audio').currentTime - {narration.timings[2]['start']}) < 1"
    )
    page.get_by_role("button", name="Pause").press("Enter")
    assert page.evaluate("document.querySelector('audio').paused")
    before = page.evaluate("document.querySelector('audio').currentTime")
    page.get_by_role("button", name="Forward 15 s").click()
    after = page.evaluate("document.querySelector('audio').currentTime")
    assert after == pytest.approx(min(before + 15, narration.duration), abs=0.3)
    page.get_by_role("button", name="Back 15 s").click()
    assert page.evaluate("document.querySelector('audio').currentTime") == pytest.approx(max(0, after - 15), abs=0.3)
    page.get_by_label("Speed").select_option("1.5")
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.5

    # The position and the speed are remembered on the next visit.
    page.locator(f'.narration-sentence--first[data-sentence="{target}"]').click()
    page.get_by_role("button", name="Pause").click()
    paused_at = page.evaluate("document.querySelector('audio').currentTime")
    page.reload()
    page.wait_for_function("document.querySelector('audio').currentTime > 5")
    assert page.evaluate("document.querySelector('audio').currentTime") == pytest.approx(paused_at, abs=0.5)
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.5
    assert page.evaluate("document.querySelector('audio').paused")  # no autoplay
    page.screenshot(path=str(screenshots / "narration-player.png"))


def test_without_javascript_the_plain_audio_player_works(live_server, chromium, narrated_article):
    article, narration = narrated_article
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + article.url)
        audio = page.locator("audio.narration__audio")
        assert audio.is_visible() and audio.get_attribute("controls") is not None
        assert page.locator(".narration__controls").is_hidden()
        response = page.request.get(live_server.url + narration.audio.url, headers={"Range": "bytes=0-99"})
        assert response.status == 206 and len(response.body()) == 100
    finally:
        context.close()
