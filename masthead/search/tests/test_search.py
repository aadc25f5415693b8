import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from lxml import etree

from masthead.core.testing import tasks_setting
from masthead.newsroom.factories import ArticlePageFactory, AuthorFactory
from masthead.newsroom.models import ArticlePage
from masthead.search.tasks import index_articles_in_bulk

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]

IMMEDIATE = tasks_setting("django_tasks.backends.immediate.ImmediateBackend")


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def archive(newsroom):
    """Articles where the right answer to a query is known; indexed in bulk."""
    news, opinion = newsroom["sections"]
    reporter = AuthorFactory(name="Olena Kovalenko", slug="olena-kovalenko")
    now = timezone.now()
    made = {
        "headline": ArticlePageFactory(
            parent=news,
            title="Flood barriers fail in Lowtown",
            slug="flood-barriers",
            standfirst="Residents were evacuated overnight as flood water rose.",
            body=paragraph("The flood reached the square. Flood wardens knocked on doors."),
            authors=[reporter],
            first_published_at=now - timezone.timedelta(days=30),
        ),
        "body": ArticlePageFactory(
            parent=news,
            title="Council budget approved",
            slug="council-budget",
            standfirst="A vote after a long night.",
            body=paragraph(
                "The budget includes money for schools, roads, libraries, parks, "
                "bus routes, street lighting and flood defences next year."
            ),
            first_published_at=now - timezone.timedelta(days=1),
        ),
        "opinion": ArticlePageFactory(
            parent=opinion,
            title="Why we must plan for the next flood",
            slug="plan-flood",
            standfirst="An argument.",
            body=paragraph("Plan now."),
            first_published_at=now - timezone.timedelta(days=10),
        ),
        "tagged": ArticlePageFactory(
            parent=news,
            title="Rail strike called off",
            slug="rail-strike",
            standfirst="Trains will run.",
            body=paragraph("Talks worked."),
            tags=["Transport"],
            first_published_at=now - timezone.timedelta(days=3),
        ),
        "reporter": reporter,
    }
    index_articles_in_bulk()
    return made


def results(client, **params):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200, response.content[:500]
    tree = etree.HTML(response.content)
    return [
        "".join(a.itertext()) for a in tree.findall(".//li[@class='search-result']//h3/a")
    ], response.content.decode()


def test_the_article_about_the_flood_ranks_above_a_passing_mention(archive, client):
    titles, html = results(client, q="flood")
    assert titles[0] == "Flood barriers fail in Lowtown"
    assert len(titles) == 3
    assert "<mark>flood</mark>" in html.lower()


def test_newest_first_option(archive, client):
    titles, _ = results(client, q="flood", sort="newest")
    assert titles == [
        "Council budget approved",
        "Why we must plan for the next flood",
        "Flood barriers fail in Lowtown",
    ]


def test_search_finds_standfirst_body_author_and_tag(archive, client):
    assert results(client, q="evacuated")[0] == ["Flood barriers fail in Lowtown"]
    assert results(client, q="defences")[0] == ["Council budget approved"]
    assert results(client, q="Kovalenko")[0] == ["Flood barriers fail in Lowtown"]
    assert results(client, q="transport")[0] == ["Rail strike called off"]


def test_filters_by_section_author_and_dates(archive, client):
    assert results(client, q="flood", section="opinion")[0] == ["Why we must plan for the next flood"]
    assert results(client, q="flood", author="olena-kovalenko")[0] == ["Flood barriers fail in Lowtown"]
    since = (timezone.localdate() - timezone.timedelta(days=15)).isoformat()
    titles, _ = results(client, q="flood", date_from=since)
    assert set(titles) == {"Council budget approved", "Why we must plan for the next flood"}
    until = (timezone.localdate() - timezone.timedelta(days=20)).isoformat()
    assert results(client, q="flood", date_to=until)[0] == ["Flood barriers fail in Lowtown"]


def test_phrase_search_and_unpublished_articles(archive, client):
    assert results(client, q='"next flood"')[0] == ["Why we must plan for the next flood"]
    archive["opinion"].unpublish()
    assert "Why we must plan for the next flood" not in results(client, q="flood")[0]


def test_results_are_paginated(newsroom, client):
    for n in range(12):
        ArticlePageFactory(parent=newsroom["sections"][0], title=f"Harbour report {n}", slug=f"harbour-{n}")
    index_articles_in_bulk()
    first, html = results(client, q="harbour")
    assert len(first) == 10 and "Page 1 of 2" in html
    assert 'href="?q=harbour' in html and 'page=2" rel="next">Next</a>' in html  # the next page keeps the query
    second, _ = results(client, q="harbour", page=2)
    assert len(second) == 2 and not set(first) & set(second)
    assert client.get(reverse("search:search"), {"q": "harbour", "page": 9}).status_code == 404


def test_search_page_works_without_javascript_and_header_has_a_labelled_form(newsroom, client):
    html = client.get("/").content.decode()
    form = etree.HTML(html).find(".//form[@role='search']")
    assert form.get("method") == "get" and form.get("action") == "/search/"
    field = form.find(".//input[@name='q']")
    assert form.find(f".//label[@for='{field.get('id')}']") is not None
    page = client.get(reverse("search:search"))
    assert page.status_code == 200 and b"<script" not in page.content.split(b"</head>")[1]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "x" * 5000}, "at most 200 characters"),
        ({"q": "flood", "section": "no-such"}, "Select a valid choice"),
        ({"q": "flood", "date_from": "yesterday"}, "Enter a valid date"),
        ({"q": "flood", "date_from": "2026-02-01", "date_to": "2026-01-01"}, "before the start date"),
        ({"q": "flood", "sort": "random"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_400_with_a_message(archive, client, params, message):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


HOSTILE = [
    '"',
    '"unclosed phrase',
    "flood AND OR NOT",
    "NEAR(flood rail)",
    "flood*",
    "-flood",
    "(",
    ")",
    "^",
    "title:flood",
    "🌊🔥",
    "\x00flood",
    "a\x1b[31mb",
    "'; DROP TABLE x; --",
    "%_%",
    "\\",
    "*",
    ":",
    "flood:",
    '""',
    "&amp;",
    "<script>",
    "NOT",
    "AND",
    "OR",
    '- "next flood"',
    '"next flood" -',
    "- -",
    "--",
    "flood & !",
    ":*",
    "a:*",
    "'",
    "''",
    "|",
    "!",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_500(archive, client, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code in (200, 400)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80))
def test_any_text_query_never_500(archive, client, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code in (200, 400)


def test_publish_and_unpublish_queue_index_tasks(newsroom, settings, django_capture_on_commit_callbacks):
    from wagtail.search.backends import get_search_backend

    settings.TASKS = IMMEDIATE
    backend = get_search_backend()
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=newsroom["sections"][0], title="Lighthouse keepers strike", slug="lh")
    assert [a.pk for a in backend.search("lighthouse", ArticlePage)] == [article.pk]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.unpublish()
    queued = [callback for callback in callbacks if "queue_index_update" in callback.__qualname__]
    assert len(queued) == 1  # the unpublish queued its index task (other apps add callbacks of their own)


def test_demo_load_queues_one_bulk_reindex(newsroom, settings, django_capture_on_commit_callbacks):
    from wagtail.search.backends import get_search_backend

    from masthead.newsroom.demo import demo_loaded, loading_demo

    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True) as during:
        with loading_demo():
            made = [
                ArticlePageFactory(parent=newsroom["sections"][0], title=f"Demo kestrel {n}", slug=f"k{n}")
                for n in range(3)
            ]
    from masthead.newsroom import publish_version

    # Nothing queued per article while the demo loads; the publish version still moves on each commit.
    assert [callback for callback in during if callback is not publish_version._move_version] == []
    with django_capture_on_commit_callbacks(execute=True) as after:
        demo_loaded.send(sender=None, articles=made)
    assert (
        len([callback for callback in after if "reindex_demo" in callback.__qualname__]) == 1
    )  # narration queues its own
    assert {a.pk for a in get_search_backend().search("kestrel", ArticlePage)} == {a.pk for a in made}


@pytest.mark.django_db(transaction=True)
def test_index_task_runs_through_the_database_worker(settings):
    from wagtail.search.backends import get_search_backend

    from masthead.newsroom.factories import build_newsroom

    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    made = build_newsroom(articles_per_section=1)
    article = ArticlePageFactory(parent=made["sections"][0], title="Quarry reopens", slug="quarry")
    assert list(get_search_backend().search("quarry", ArticlePage)) == []  # queued, not yet run
    call_command("worker", "--batch")
    assert [a.pk for a in get_search_backend().search("quarry", ArticlePage)] == [article.pk]
