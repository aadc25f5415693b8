"""Narration reads a live page's key events summary, not every entry, and reads it again when it changes."""

import pytest

from masthead.core.testing import tasks_setting
from masthead.live.factories import add_entry, make_live_page
from masthead.narration.models import Narration

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def narrated_live_page(settings, newsroom):
    settings.MASTHEAD_NARRATION_ENGINE = "masthead.narration.tests.engines.ToneEngine"
    settings.TASKS = tasks_setting("django_tasks.backends.immediate.ImmediateBackend")
    return make_live_page(newsroom["sections"][0], newsroom["authors"][:1])


def spoken(page):
    return " ".join(sentence["text"] for sentence in Narration.objects.get(article=page).timings)


def test_key_events_are_read_and_a_new_key_event_renarrates(narrated_live_page):
    page = narrated_live_page
    assert Narration.objects.get(article=page).status == Narration.Status.READY
    first_hash = Narration.objects.get(article=page).text_hash
    add_entry(page, "Ordinary update nobody pins.", headline="Queue at the town hall")
    assert Narration.objects.get(article=page).text_hash == first_hash  # not a key event: nothing to read again
    add_entry(page, "The first seat has declared.", headline="First result", key_event=True)
    narration = Narration.objects.get(article=page)
    assert narration.status == Narration.Status.READY and narration.text_hash != first_hash
    text = spoken(page)
    assert "Key events." in text and "First result" in text
    assert "Queue at the town hall" not in text


def test_deleting_a_narrated_live_page_with_entries_leaves_no_narration(narrated_live_page):
    page = narrated_live_page
    add_entry(page, "The first seat has declared.", headline="First result", key_event=True)
    assert Narration.objects.filter(article_id=page.pk).exists()
    page.delete()
    assert not Narration.objects.filter(article_id=page.pk).exists()
