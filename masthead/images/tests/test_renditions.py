"""Renditions come from the renditions cache and are not written back to it on every page view."""

import pytest
from django.core.cache import caches

from masthead.newsroom.factories import ImageFactory, tree_root

pytestmark = pytest.mark.django_db


def test_a_rendition_read_from_the_cache_is_not_written_back(monkeypatch):
    tree_root()
    image = ImageFactory()
    first = image.get_renditions("width-480", "fill-1200x675")  # made, stored in the database and the cache
    writes = []
    backend = caches["renditions"]
    monkeypatch.setattr(backend, "set_many", lambda data, *a, **k: writes.append(data))
    fresh = type(image).objects.get(pk=image.pk)  # no prefetched renditions: the cache answers
    again = fresh.get_renditions("width-480", "fill-1200x675")
    assert {spec: r.url for spec, r in again.items()} == {spec: r.url for spec, r in first.items()}
    assert writes == []
