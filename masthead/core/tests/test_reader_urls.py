"""masthead/reader_urls.py and ReaderURLconfMiddleware: a request that cannot be an editor's resolves and reverses
without Wagtail's admin URLconf, and every address still answers as it does with the whole URLconf."""

import pytest
from django.urls import NoReverseMatch, resolve, reverse

from masthead import reader_urls, urls
from masthead.core.middleware import READER_URLCONF

pytestmark = pytest.mark.django_db


def test_an_anonymous_reader_page_is_resolved_without_the_admin(newsroom, client):
    response = client.get(newsroom["articles"][0].url)
    assert response.status_code == 200
    assert response.wsgi_request.urlconf == READER_URLCONF


def test_a_signed_in_editor_gets_the_whole_urlconf_and_the_edit_link(newsroom, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "pw-long-enough-123"))
    article = newsroom["articles"][0]
    response = client.get(article.url)
    assert not hasattr(response.wsgi_request, "urlconf")
    assert f'href="/admin/pages/{article.pk}/edit/">Edit post</a>' in response.content.decode()


def test_a_session_cookie_alone_is_enough_for_the_whole_urlconf(newsroom, client, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "expired-or-forged"
    response = client.get(newsroom["articles"][0].url)
    assert response.status_code == 200 and not hasattr(response.wsgi_request, "urlconf")


def test_the_admin_is_resolved_with_the_whole_urlconf(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200 and not hasattr(response.wsgi_request, "urlconf")
    assert client.get("/admin").status_code == 301  # APPEND_SLASH, as before


def test_a_missing_page_is_our_404_through_the_reader_urlconf(newsroom, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response.wsgi_request.urlconf == READER_URLCONF
    assert "search our articles" in response.content.decode()  # masthead/core/errors.py's page, its search form too


def test_another_root_urlconf_answers_everything(newsroom, client, settings):
    settings.ROOT_URLCONF = "masthead.core.tests.failing_urls"  # wraps the site's, as test_error_reports.py does
    response = client.get(newsroom["articles"][0].url)
    assert response.status_code == 200 and not hasattr(response.wsgi_request, "urlconf")


def test_the_whole_urlconf_is_the_admin_then_every_reader_address():
    assert urls.urlpatterns[1:] == reader_urls.urlpatterns
    assert str(urls.urlpatterns[0].pattern) == "admin/"
    for status in (400, 403, 404, 500):
        assert getattr(urls, f"handler{status}") == getattr(reader_urls, f"handler{status}")


@pytest.mark.parametrize("address", ["/", "/robots.txt", "/sitemap.xml", "/feeds/rss/", "/search/", "/news/a-page/"])
def test_reader_addresses_resolve_to_the_same_view_either_way(address):
    assert resolve(address, urlconf=READER_URLCONF).func == resolve(address).func


def test_admin_names_are_not_in_the_reader_urlconf():
    assert reverse("wagtailadmin_home") == "/admin/"
    with pytest.raises(NoReverseMatch):
        reverse("wagtailadmin_home", urlconf=READER_URLCONF)


def test_a_private_page_sends_an_anonymous_reader_to_sign_in_not_to_a_500(newsroom, client):
    """Wagtail's "private, signed-in users only" sends a reader to its sign-in form, which must resolve (and answer)
    without the admin's URL names."""
    from wagtail.models import PageViewRestriction

    article = newsroom["articles"][0]
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/login/?next={article.url}")
    assert client.get(response["Location"]).status_code == 200  # and the sign-in page is there
