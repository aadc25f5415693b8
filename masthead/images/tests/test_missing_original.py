"""An image whose original file is gone costs the page its picture, never the page (no 500)."""

import json
import os

import pytest
from django.core.cache import caches

from masthead.newsroom.factories import ArticlePageFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_with_lost_photo(newsroom):
    image = ImageFactory()
    article = ArticlePageFactory(parent=newsroom["sections"][0], hero_image=image, title="Photo went missing")
    os.remove(image.file.path)
    image.renditions.all().delete()
    for cache in caches:
        caches[cache].clear()
    return article


def test_pages_showing_a_lost_photo_still_answer(article_with_lost_photo, newsroom, client):
    for url in [article_with_lost_photo.url, "/", newsroom["sections"][0].url, "/feeds/rss/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(article_with_lost_photo.url).content.decode()
    assert "Photo went missing" in html
    structured = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "image" not in json.loads(structured)  # no ImageObject pointing at nothing
