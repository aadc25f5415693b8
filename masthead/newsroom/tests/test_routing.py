"""Remembered page routes must never serve what Wagtail itself would not."""

import pytest
from wagtail.models import PageViewRestriction

from masthead.newsroom.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def test_unpublished_page_is_gone_at_once_and_back_when_republished(newsroom, client):
    article = newsroom["articles"][0]
    url = article.url
    assert client.get(url).status_code == 200
    article.unpublish()
    assert client.get(url).status_code == 404
    article.refresh_from_db()
    article.save_revision().publish()
    assert client.get(url).status_code == 200


def test_renamed_slug_serves_the_new_address(newsroom, client):
    article = newsroom["articles"][0]
    old_url = article.url
    assert client.get(old_url).status_code == 200
    article.slug = "a-better-slug"
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.url.endswith("/a-better-slug/")
    assert client.get(old_url).status_code in (301, 302, 404)
    assert client.get(article.url).status_code == 200


def test_moved_article_is_served_from_its_new_section(newsroom, client):
    article = newsroom["articles"][0]
    old_url = article.url
    client.get(old_url)
    elsewhere = SectionPageFactory(parent=newsroom["home"], title="Elsewhere", slug="elsewhere")
    article.move(elsewhere, pos="last-child")
    article.refresh_from_db()
    assert client.get(old_url).status_code in (301, 302, 404)
    assert client.get(article.url).status_code == 200


def test_a_new_view_restriction_applies_to_a_remembered_route(newsroom, client):
    article = newsroom["articles"][0]
    assert client.get(article.url).status_code == 200
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_route_memory_spares_queries(newsroom, client, django_assert_max_num_queries):
    article = ArticlePageFactory(parent=newsroom["sections"][0])
    client.get(article.url)
    with django_assert_max_num_queries(10):
        assert client.get(article.url).status_code == 200
