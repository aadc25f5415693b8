"""No input a reader can send is a 5xx: every public URL pattern (enumerated from the resolver, so a new app's
URLs are covered), every query parameter and form field Masthead reads, and the headers it looks at, filled by
hypothesis with valid-looking and hostile values. Bounded so it runs in `make test`."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from masthead.newsletters.forms import SignupForm
from masthead.search.forms import SearchForm

NOT_PUBLIC = ("admin/",)  # the admin asks for a sign-in first; its forms are Wagtail's
HEADERS = [
    "HTTP_HOST",
    "HTTP_ACCEPT",
    "HTTP_RANGE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_COOKIE",
    "HTTP_USER_AGENT",
    "REMOTE_ADDR",
]
QUERY_PARAMETERS = sorted({*SearchForm.base_fields, "page", "strict", "q", "format"})
FORM_FIELDS = sorted({*SignupForm.base_fields, "newsletters", "leave_all", "csrfmiddlewaretoken"})


def public_routes(patterns=None, prefix=""):
    """(route, converters) for every path() Masthead serves; Wagtail's page tree is fuzzed as free paths."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # regex routes: Wagtail's catch-all page tree and its documents, covered by free paths
        route = prefix + str(entry.pattern._route)
        if route.startswith(NOT_PUBLIC):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, {**getattr(entry.pattern, "converters", {})}


ROUTES = sorted(public_routes(), key=lambda item: item[0])
hostile_text = st.text(st.characters(min_codepoint=1, max_codepoint=0x2FFF, exclude_categories=("Cs",)), max_size=40)
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=60)


@st.composite
def addresses(draw):
    route, converters = draw(st.sampled_from(ROUTES))
    path = route
    for name, converter in converters.items():
        value = draw(st.one_of(st.from_regex(converter.regex, fullmatch=True), hostile_text))
        path = path.replace(f"<{_converter_name(route, name)}:{name}>", quote(value, safe=""))
        path = path.replace(f"<{name}>", quote(value, safe=""))
    return "/" + path


def _converter_name(route, name):
    start = route.find(f":{name}>")
    return route[route.rfind("<", 0, start) + 1 : start]


free_paths = st.lists(
    st.text(st.characters(min_codepoint=33, max_codepoint=0x2FF), min_size=1, max_size=30), max_size=4
).map(lambda parts: "/" + "/".join(quote(part, safe="") for part in parts) + "/")
queries = st.dictionaries(st.sampled_from(QUERY_PARAMETERS), hostile_text, max_size=4)
headers = st.dictionaries(st.sampled_from(HEADERS), header_text, max_size=3)
forms = st.dictionaries(st.sampled_from(FORM_FIELDS), hostile_text, max_size=5)


@pytest.fixture(scope="module")
def reader():
    client = Client()
    client.raise_request_exception = False  # the server's answer, not the exception, is what a reader gets
    return client


def _assert_answered(response, request):
    assert response.status_code < 500, f"{response.status_code} for {request}"


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.mark.db_sensitive
@pytest.mark.django_db
@FUZZ
@given(path=st.one_of(addresses(), free_paths), query=queries, extra=headers)
@example(path="/feeds/section/a%00b/rss/", query={}, extra={})
@example(path="/search/", query={"date_to": "9999-12-31", "page": "99999999999999999999"}, extra={})
@example(path="/media/" + "a" * 300, query={}, extra={"HTTP_RANGE": "bytes=9-1"})
@example(path="/", query={}, extra={"HTTP_HOST": "bad host\x7f"})
def test_no_get_is_a_5xx(newsroom, reader, path, query, extra):
    response = reader.get(path + ("?" + urlencode(query) if query else ""), **extra)
    _assert_answered(response, (path, query, extra))


@pytest.mark.db_sensitive
@pytest.mark.django_db
@FUZZ
@given(path=st.one_of(addresses(), free_paths), data=forms, extra=headers)
@example(path="/newsletters/signup/", data={"email": "a@example.org", "newsletters": "x"}, extra={})
def test_no_form_post_is_a_5xx(newsroom, reader, path, data, extra):
    _assert_answered(reader.post(path, data, **extra), (path, data, extra))
