"""Issue 13's narration defects: the player's names and heading, admin labels, feed links, withdrawn audio, bulk."""

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from masthead.narration.models import Narration
from masthead.narration.tests.conftest import DATABASE, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def narrated(newsroom, tone_engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(newsroom["sections"][0], title="Bridge reopens")
    assert Narration.objects.get(article=article).is_ready
    return article


def test_the_player_is_a_headed_section_whose_buttons_say_what_they_show(narrated, client):
    page = BeautifulSoup(client.get(narrated.url).content, "html.parser")
    player = page.select_one("section.narration")
    heading = player.find(id="narration-title")
    assert heading.name == "h2" and heading.get_text() == "Listen to this article"
    for button in player.select("button"):
        shown = [part for part in button.find_all(string=True) if not part.find_parent(attrs={"aria-hidden": "true"})]
        visible = "".join(shown).strip()
        name = button.get("aria-label") or visible
        assert visible in name or not visible, (name, visible)  # WCAG 2.5.3: the visible label is in the name
    names = [button.get("aria-label") or button.get_text().strip() for button in player.select("button")]
    assert "Back 15 s" in " ".join(names) and "Forward 15 s" in " ".join(names)


def test_narration_admin_columns_have_plain_labels(narrated, admin_client):
    html = admin_client.get("/admin/narrations/").content.decode()
    assert "Status label" not in html and "Duration label" not in html
    headers = [th.get_text(" ", strip=True) for th in BeautifulSoup(html, "html.parser").select("thead th")]
    assert "Status" in headers and "Length" in headers
    inspect = admin_client.get(f"/admin/narrations/inspect/{narrated.narration.pk}/").content.decode()
    assert "Status label" not in inspect and "Duration label" not in inspect


def test_podcast_links_come_from_the_base_url_not_the_site_record(narrated, client, settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.org"
    channel = etree.fromstring(client.get("/narration/podcast.xml").content).find("channel")
    assert channel.findtext("link") == "https://news.example.org/"
    item = channel.find("item")
    assert item.findtext("link") == "https://news.example.org" + narrated.url
    assert item.find("enclosure").get("url") == "https://news.example.org" + narrated.narration.audio.url
    assert "http://localhost" not in etree.tostring(channel).decode()


def test_an_unpublished_articles_audio_stops_answering_and_returns_on_republish(
    narrated, client, django_capture_on_commit_callbacks
):
    audio_url = narrated.narration.audio.url
    assert client.get(audio_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        narrated.unpublish()
    assert client.get(audio_url).status_code == 404
    narration = Narration.objects.get(article=narrated)
    assert (narration.status, narration.audio.name) == (Narration.Status.SKIPPED, "")
    with django_capture_on_commit_callbacks(execute=True):
        narrated.save_revision().publish()
    assert Narration.objects.get(article=narrated).is_ready


def test_editors_narrate_older_articles_in_bulk_and_see_the_progress(
    newsroom, tone_engine, admin_client, django_capture_on_commit_callbacks
):
    older = newsroom["articles"][:2]
    assert not Narration.objects.filter(article__in=older, status=Narration.Status.READY).exists()
    ids = "&".join(f"id={article.pk}" for article in older + [newsroom["sections"][0]])
    url = f"/admin/bulk/wagtailcore/page/narrate/?{ids}&next=/admin/narrations/"
    confirm = admin_client.get(url).content.decode()
    assert all(article.title in confirm for article in older) and "Yes, narrate" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, follow=True)
    html = response.content.decode()
    assert "2 articles queued for narration" in html and "Follow the progress" in html
    assert Narration.objects.filter(article__in=older, status=Narration.Status.READY).count() == 2
    listing = BeautifulSoup(admin_client.get("/admin/narrations/").content, "html.parser")
    bar = listing.select_one("progress")
    waiting = Narration.objects.filter(status=Narration.Status.PENDING).count()
    assert int(bar.get("max")) == Narration.objects.count() and int(bar.get("value")) == bar_max_minus(bar, waiting)
    assert f"{Narration.objects.filter(status=Narration.Status.READY).count()} ready" in listing.get_text()


def bar_max_minus(bar, waiting):
    return int(bar.get("max")) - waiting


def test_bulk_narrate_queues_only_what_needs_it(newsroom, settings, admin_client, django_capture_on_commit_callbacks):
    settings.TASKS = DATABASE  # queued, and no worker here to take them
    article = newsroom["articles"][0]
    url = f"/admin/bulk/wagtailcore/page/narrate/?id={article.pk}&next=/admin/"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url)
    assert Narration.objects.get(article=article).status == Narration.Status.PENDING
    waiting = Narration.objects.filter(status=Narration.Status.PENDING).count()
    listing = admin_client.get("/admin/narrations/").content.decode()
    assert f"{waiting} waiting for the voice" in listing
    response = admin_client.post(url, follow=True)  # unchanged text, already waiting: nothing new to queue
    assert "0 articles queued for narration" in response.content.decode()
