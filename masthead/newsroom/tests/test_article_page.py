import pytest
from django.test import Client

from masthead.newsroom.factories import ArticlePageFactory, ImageFactory
from masthead.newsroom.models import ArticlePage, EditorsPicks

pytestmark = pytest.mark.django_db


def test_article_page_renders_its_parts_in_order(newsroom, client):
    article = newsroom["articles"][0]
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    order = [
        "Skip to content",
        'class="section-nav"',
        f">{article.title}</h1>",
        'rel="author"',
        "<time class=\"article__published\"",
        "min read",
        "<figure class=\"article__hero\"",
        'data-slot="narration"',
        'class="article__body"',
        "News Feed",
        "More news",
        "Editors&#x27; Picks",
        'data-slot="newsletter-signup"',
        "<footer",
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions), dict(zip(order, positions))
