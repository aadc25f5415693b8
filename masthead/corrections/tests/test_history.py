"""Readers see an article's published versions and a word diff between any two; drafts never show."""

import pytest

from masthead.corrections.models import HiddenHistory

pytestmark = pytest.mark.django_db


@pytest.fixture
def revised(newsroom):
    """An article published three times, with a draft on top that was never published."""
    article = newsroom["articles"][0]
    article.title = "Bridge reopens after two years"
    article.body = [("paragraph", "<p>The bridge reopened on Monday morning.</p>")]
    article.save_revision().publish()
    article.title = "Bridge reopens after three years"
    article.standfirst = "Traffic returns to the river crossing."
    article.body = [("paragraph", "<p>The bridge reopened on Tuesday morning.</p>")]
    article.save_revision().publish()
    article.title = "SECRET DRAFT HEADLINE"
    article.save_revision()
    return article


@pytest.mark.db_sensitive
def test_versions_list_only_publications_and_the_diff_shows_exactly_the_change(client, revised):
    url = f"/corrections/changes/{revised.pk}/"
    html = client.get(url).content.decode()
    assert html.count("<li>Version ") == 3
    assert "SECRET DRAFT" not in html
    # Default: the last two published versions.
    assert '<del><span class="visually-hidden">removed: </span>two</del>' in html
    assert '<ins><span class="visually-hidden">added: </span>three</ins>' in html
    assert '<del><span class="visually-hidden">removed: </span>Monday</del>' in html
    assert "Tuesday" in html and "<h3>Standfirst</h3>" in html
    same = client.get(url, {"from": "2", "to": "2"}).content.decode()
    assert "No differences" in same


def test_the_article_links_to_its_history_once_it_changed(client, newsroom, revised):
    assert f'href="/corrections/changes/{revised.pk}/"' in client.get(revised.url).content.decode()
    untouched = newsroom["articles"][1]
    assert "/corrections/changes/" not in client.get(untouched.url).content.decode()


@pytest.mark.parametrize("picked", [{"from": "0"}, {"to": "99"}, {"from": "x"}, {"from": "1" * 50}, {"to": "-1"}])
def test_versions_that_do_not_exist_are_a_400_with_a_message(client, revised, picked):
    response = client.get(f"/corrections/changes/{revised.pk}/", picked)
    assert response.status_code == 400 and "Pick two versions between 1 and 3." in response.content.decode()


def test_hidden_history_says_it_changed_without_showing_what(client, revised):
    HiddenHistory.objects.create(article=revised, reason="Details removed for legal reasons.")
    html = client.get(f"/corrections/changes/{revised.pk}/", {"from": "1", "to": "3"}).content.decode()
    assert html.count("<li>Version ") == 3 and "Details removed for legal reasons." in html
    assert "<ins>" not in html and "two years" not in html


def test_a_draft_article_has_no_public_history(client, revised):
    revised.unpublish()
    assert client.get(f"/corrections/changes/{revised.pk}/").status_code == 404
    assert client.get("/corrections/changes/999999/").status_code == 404
