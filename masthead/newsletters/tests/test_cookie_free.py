"""Reader pages holding sign-up forms are the same for every anonymous reader (cacheable): no cookie, no CSRF
token, no per-render timer. The sign-up POST is defended instead by an origin check, the honeypot, a fill timer
fetched by the script (single use), and rate limits."""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from masthead.newsletters.models import Subscriber
from masthead.newsletters.tokens import form_started_token

pytestmark = pytest.mark.django_db
SIGNUP = "/newsletters/signup/"


def fields(**extra):
    return {"email": "reader@example.org", "newsletters": ["briefing"], "website": "", "source": "/", **extra}


@pytest.fixture
def reader_pages(newsroom, newsletters):
    return {"home": "/", "article": newsroom["articles"][0].url, "newsletters": "/newsletters/"}


@pytest.mark.parametrize("page", ["home", "article", "newsletters"])
def test_anonymous_pages_with_signup_forms_set_no_cookie_and_carry_no_token(reader_pages, page):
    url = reader_pages[page]
    first, second = Client().get(url), Client().get(url)
    assert first.status_code == second.status_code == 200
    html = first.content.decode()
    assert 'action="/newsletters/signup/"' in html  # the form is there
    assert not first.cookies and "Set-Cookie" not in first.headers
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in html
    assert re.findall(r'name="started" value="([^"]*)"', html) and set(
        re.findall(r'name="started" value="([^"]*)"', html)
    ) == {""}
    assert first.content == second.content  # nothing per reader or per render


def test_signup_without_javascript_needs_no_cookie_or_timer(
    newsletters, smtp_server, django_capture_on_commit_callbacks
):
    browser = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(SIGNUP, fields(started=""), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200 and "Check your inbox" in response.content.decode()
    assert Subscriber.objects.get().address == "reader@example.org"
    assert [m["To"] for m in smtp_server.messages] == ["reader@example.org"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_REFERER": "https://evil.example/news/"},
        {},
    ],
)
def test_a_post_from_another_site_is_refused_with_a_clear_message(newsletters, headers):
    page = Client().post(SIGNUP, fields(), **headers)
    assert page.status_code == 403
    html = page.content.decode()
    assert "<h1>Sign-up not accepted</h1>" in html and "Please use the form on our own pages." in html
    script = Client().post(SIGNUP, fields(), HTTP_ACCEPT="application/json", **headers)
    assert script.status_code == 403 and "did not accept this sign-up" in script.json()["message"]
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "https://news.example"},  # MASTHEAD_BASE_URL, the public address behind a proxy
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_REFERER": "http://testserver/news/some-article/"},
    ],
)
def test_a_post_from_our_own_pages_is_accepted(newsletters, headers, smtp_server):
    assert Client().post(SIGNUP, fields(), **headers).status_code == 200
    assert Subscriber.objects.count() == 1


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(origin=st.text(max_size=80))
@example(origin="http://testserver:80")
@example(origin="HTTP://TESTSERVER.")
def test_any_other_origin_is_a_403_never_a_5xx(newsletters, origin):
    response = Client(raise_request_exception=False).post(SIGNUP, fields(), HTTP_ORIGIN=origin)
    expected = 200 if origin.lower() in {"http://testserver", "https://news.example"} else 403
    assert response.status_code == expected


def test_the_script_fetches_an_uncached_timer_that_works_once(newsletters, smtp_server, settings):
    settings.NEWSLETTERS_MIN_FILL_SECONDS = 0
    start = Client().get("/newsletters/signup/start/")
    assert start.status_code == 200 and not start.cookies
    assert "no-store" in start["Cache-Control"]
    token = start.json()["started"]
    post = {"HTTP_ORIGIN": "http://testserver", "HTTP_ACCEPT": "application/json"}
    first = Client().post(SIGNUP, fields(started=token), **post)
    assert first.status_code == 200 and first.json()["ok"]
    replay = Client().post(SIGNUP, fields(email="other@example.org", started=token), **post)
    assert replay.status_code == 400
    assert replay.json()["errors"]["__all__"] == ["This form was sent already. Please send it again."]
    fresh = replay.json()["started"]  # the answer carries a new timer, so the script can send again
    assert Client().post(SIGNUP, fields(email="other@example.org", started=fresh), **post).status_code == 200
    assert Subscriber.objects.count() == 2


def test_the_timer_still_refuses_forms_sent_too_fast(newsletters, settings):
    settings.NEWSLETTERS_MIN_FILL_SECONDS = 60
    post = {"HTTP_ORIGIN": "http://testserver", "HTTP_ACCEPT": "application/json"}
    response = Client().post(SIGNUP, fields(started=form_started_token()), **post)
    assert response.status_code == 400 and "quicker than we expected" in response.json()["errors"]["__all__"][0]
    assert not Subscriber.objects.exists()


def test_signups_fail_closed_with_a_readable_503_when_the_shared_cache_is_away(newsletters, settings):
    from django.core.cache import caches

    from masthead.newsletters.smtp_server import free_port

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "masthead.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/12",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    assert "Resilient" in type(caches["default"]).__name__
    response = Client().post(SIGNUP, fields(), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Sign-ups are paused for a moment" in response.content.decode()
    assert not Subscriber.objects.exists()
