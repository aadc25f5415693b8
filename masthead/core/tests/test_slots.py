"""Page slots: apps fill named places; an empty place renders nothing and never breaks the page."""

import pytest
from django.template import Context, Template

from masthead.core import slots

pytestmark = pytest.mark.django_db


@pytest.fixture
def restore_slots():
    saved = {place: list(fillings) for place, fillings in slots._fillings.items()}
    yield
    slots._fillings.clear()
    slots._fillings.update(saved)


def render(source, **context):
    return Template("{% load slots %}" + source).render(Context(context))


def test_each_app_fills_its_own_places():
    assert "narration/article_player.html" in slots.templates_for("article:below-hero")
    assert "newsletters/signup_slot.html" in slots.templates_for("article:end")
    assert "newsletters/signup_slot.html" in slots.templates_for("home:end")
    assert "search/header_form.html" in slots.templates_for("header")
    assert slots.templates_for("head")[:2] == ["distribution/head.html", "narration/head_links.html"]


def test_an_unknown_place_fails_loudly():
    with pytest.raises(KeyError, match="No page slot 'article:typo'"):
        slots.register("article:typo", "x.html")
    with pytest.raises(KeyError):
        render('{% slot "article:typo" %}')


def test_fillings_render_in_order_with_the_page_context(restore_slots, tmp_path, settings):
    (tmp_path / "first.html").write_text("<p>first {{ page_title }}</p>{% with leaked='yes' %}{% endwith %}")
    (tmp_path / "second.html").write_text("<p>second {{ leaked|default:'clean' }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    slots.register("footer", "second.html", order=200)
    slots.register("footer", "first.html", order=150)
    slots.register("footer", "first.html", order=150)  # twice is once
    html = render('{% slot "footer" %}', page_title="Hello")
    assert html.endswith("<p>first Hello</p><p>second clean</p>")


def test_removing_an_app_empties_its_place_and_the_page_still_renders(restore_slots, newsroom, client):
    article = newsroom["articles"][0]
    before = client.get(article.url).content.decode()
    assert "(podcast)" in before and 'role="search"' in before
    for place in ("article:below-hero", "article:end", "header", "head"):
        slots._fillings[place] = []
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert "(podcast)" not in html and 'role="search"' not in html
