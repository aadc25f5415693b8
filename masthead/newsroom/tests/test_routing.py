"""Remembered page routes and page objects must never serve what Wagtail itself would not."""

import uuid

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from masthead.newsroom.factories import ArticlePageFactory, SectionPageFactory

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]
REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.fixture(autouse=True)
def _every_request_routed(settings):
    """The layer beneath the whole-page memory (masthead/caching/page_memory.py), which would answer first."""
    settings.MASTHEAD_PAGE_MEMORY_ENTRIES = 0


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


def _remember(client, url):
    for _ in range(2):  # the first view remembers the route, the second the page object
        assert client.get(url).status_code == 200


# Another process (the worker, or a web process with its own local-memory cache) may change the database without
# this process's cache hearing of it. Queryset.update() sends no signal, so it plays that process here.


def test_a_publication_this_cache_never_heard_of_is_served_at_once(newsroom, client):
    article = newsroom["articles"][0]
    _remember(client, article.url)
    Page.objects.filter(pk=article.pk).update(title="Headline from elsewhere", last_published_at=timezone.now())
    type(article).objects.filter(pk=article.pk).update(
        body=[{"type": "paragraph", "value": "<p>Words published elsewhere.</p>"}]
    )
    html = client.get(article.url).content.decode()
    assert "Headline from elsewhere" in html and "Words published elsewhere." in html


def test_an_unpublication_this_cache_never_heard_of_is_a_404_at_once(newsroom, client):
    article = newsroom["articles"][0]
    _remember(client, article.url)
    Page.objects.filter(pk=article.pk).update(live=False)
    assert client.get(article.url).status_code == 404


def test_a_view_restriction_this_cache_never_heard_of_applies_at_once(newsroom, client):
    article = newsroom["articles"][0]
    _remember(client, article.url)
    section = newsroom["sections"][0]
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=section, restriction_type="login")])
    response = client.get(article.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_remembered_article_costs_two_queries(newsroom, client, django_assert_num_queries):
    """Its lineage (which proves the remembered route and object current) and its narration."""
    article = newsroom["articles"][0]
    _remember(client, article.url)
    with django_assert_num_queries(2):
        assert client.get(article.url).status_code == 200


def test_lineage_answers_as_wagtail_does(newsroom):
    section, article = newsroom["sections"][0], newsroom["articles"][0]
    assert article.get_parent().pk == Page.get_parent(article).pk == section.pk
    assert list(article.get_view_restrictions()) == []
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    fresh = type(article).objects.get(pk=article.pk)
    assert list(fresh.get_view_restrictions()) == list(Page.get_view_restrictions(fresh)) == [restriction]


def test_an_alias_takes_its_source_pages_restrictions(newsroom):
    """Wagtail reads an alias's restrictions from its source; the lineage shortcut hands aliases to Wagtail."""
    source_section, other_section = newsroom["sections"]
    restriction = PageViewRestriction.objects.create(page=source_section, restriction_type="login")
    alias = source_section.create_alias(parent=newsroom["home"], update_slug="news-alias")
    alias_article = newsroom["articles"][3].copy(to=alias, update_attrs={"slug": "in-the-alias"})
    assert list(alias_article.specific.get_view_restrictions()) == [restriction]
    assert other_section.get_view_restrictions().count() == 0


def test_a_preview_never_shows_the_cached_body(newsroom, client):
    article = newsroom["articles"][0]
    _remember(client, article.url)
    article.body = [("paragraph", "<p>A draft sentence only the editor sees.</p>")]
    assert "A draft sentence only the editor sees." in article.make_preview_request().content.decode()
    assert "A draft sentence only the editor sees." not in client.get(article.url).content.decode()


def test_an_edited_image_credit_shows_on_a_remembered_article(newsroom, client):
    article = newsroom["articles"][0]
    _remember(client, article.url)
    article.hero_image.credit = "New Photographer / New Agency"
    article.hero_image.save()
    assert "(New Photographer / New Agency)" in client.get(article.url).content.decode()


def test_fragments_in_process_memory_follow_a_publication_made_by_another_process(newsroom, client, settings):
    """Production: the publish version lives in Redis; routes, page objects and fragments in each process.

    Another process publishes: it changes the database and increments the version in Redis, and this process,
    which still holds every fragment in its own memory, serves the change at once.
    """
    import redis

    prefix = f"t{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    article, teased = newsroom["articles"][0], newsroom["articles"][1]
    _remember(client, article.url)
    assert teased.title in client.get(article.url).content.decode()  # in the News Feed
    Page.objects.filter(pk=teased.pk).update(title="Renamed by another process")
    shared = redis.Redis.from_url(REDIS_URL)
    try:
        assert shared.incr(f"{prefix}:1:newsroom:lists-version") >= 2
        assert "Renamed by another process" in client.get(article.url).content.decode()
    finally:
        shared.delete(*shared.keys(f"{prefix}:*"))


def test_an_emptied_shared_cache_never_brings_back_an_old_version(newsroom, client):
    """A Redis restart forgets the version; counting must not start again at a number fragments still carry."""
    from django.core.cache import cache

    from masthead.newsroom.signals import LISTS_VERSION_KEY, lists_version

    article, other = newsroom["articles"][0], newsroom["articles"][1]
    _remember(client, article.url)
    before = lists_version()
    cache.delete(LISTS_VERSION_KEY)  # the shared cache restarted; this process still holds its fragments
    Page.objects.filter(pk=other.pk).update(title="Renamed while the cache was down")
    assert lists_version() > before
    assert "Renamed while the cache was down" in client.get(article.url).content.decode()
