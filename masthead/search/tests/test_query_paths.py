"""The search page's own PostgreSQL query path gives exactly what Wagtail's search gives, only faster; totals,
page numbers, the filter selects and the in-line storage of index vectors."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from masthead.newsroom.bulk import generate_articles, newsroom_tree
from masthead.newsroom.factories import ArticlePageFactory, AuthorFactory
from masthead.newsroom.models import ArticlePage, Author
from masthead.search.postgres import PostgresArticleSearch
from masthead.search.results import WagtailArticleSearch, article_search, without_wordless_parts
from masthead.search.setup import SearchSetup
from masthead.search.tasks import index_articles_in_bulk
from masthead.search.views import filtered_articles

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]


@pytest.fixture
def generated():
    """300 generated articles sharing a small topic vocabulary, so queries match many articles in many ways."""
    generate_articles(300, seed=7)
    index_articles_in_bulk()
    home, sections = newsroom_tree()
    return home, sections


def wagtails_own(query, articles, newest_first):
    """What Wagtail's backend returns for the same parsed query, through its own SQL."""
    from wagtail.search.utils import parse_query_string

    parsed = without_wordless_parts(parse_query_string(query, operator="and")[1])
    if newest_first:
        return articles.order_by("-first_published_at", "-id").search(parsed, order_by_relevance=False)
    return articles.search(parsed)


# Each query, and what a headline must hold to rank in the headline tier on PostgreSQL (any of the words, a phrase
# as a phrase, negated words not at all), written out here as a tsquery.
HEADLINE_WORDS = {
    "flood": "flood",
    "council budget": "council | budget",
    "election": "election",
    "rail strike": "rail | strike",
    '"bus road"': "bus <-> road",
    "mayor city": "mayor | city",
    "pension tax": "pension | tax",
    "housing -rent": "housing",
    "zzzqqq": "zzzqqq",
    '- "flood"': "flood",
}
QUERIES = list(HEADLINE_WORDS)


def headline_first(query, expected):
    """Our ranked order on PostgreSQL: Wagtail's, with the articles whose headline holds a query word moved
    (in Wagtail's order) before the others (also in Wagtail's order); and how many moved up."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('english', headline) @@ to_tsquery('english', %s)"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS headlines (headline, n) ORDER BY n",
            [HEADLINE_WORDS[query], [article.title for article in expected]],
        )
        in_headline = dict(zip(expected, (row[0] for row in cursor.fetchall()), strict=True))
    first = [a for a in expected if in_headline[a]]
    return first + [a for a in expected if not in_headline[a]], len(first)


@pytest.mark.parametrize("newest_first", [False, True], ids=["relevance", "newest"])
def test_each_page_and_total_match_wagtails_own_search(generated, newest_first):
    home, sections = generated
    author = Author.objects.filter(slug__startswith="bulk-author-").first()
    filters = [
        {},
        {"section": sections[0]},
        {"author": author},
        {"date_from": timezone.localdate() - timezone.timedelta(days=60)},
    ]
    compared = both_tiers = 0
    for data in filters:
        for query in QUERIES:
            hits = article_search(query, filtered_articles(SearchSetup(home), data), newest_first=newest_first)
            expected = list(wagtails_own(query, filtered_articles(SearchSetup(home), data), newest_first))
            if connection.vendor == "postgresql":
                assert isinstance(hits, PostgresArticleSearch)
                if not newest_first:
                    expected, headline_matches = headline_first(query, expected)
                    both_tiers += 0 < headline_matches < min(len(expected), 30)  # the pages compared cross tiers
            else:
                assert isinstance(hits, WagtailArticleSearch)
            total = len(expected)
            for start in (0, 10, 20):
                ids, counted = hits.page(start, start + 10)
                assert ids == [article.pk for article in expected[start : start + 10]], (query, data, start)
                assert counted in (total, None)  # None: not counted by this query
                ids, counted = hits.page(start, start + 10, count_limit=1001)
                assert ids == [article.pk for article in expected[start : start + 10]], (query, data, start)
                assert counted in (total, None)
                if connection.vendor == "postgresql" and ids:
                    assert counted == total  # the ranked query and the newest-first one both count as they go
                assert hits.page(start, start + 10, count_limit=3)[1] in (min(total, 3), total, None)
                compared += len(ids)
            assert hits.count_up_to(1001) == total
            assert hits.count_up_to(3) == min(total, 3)
    assert compared > 60  # the comparison covered real result lists, not only empty ones
    # pages ran across from the headline tier to the rest (on these articles Wagtail's own order already puts
    # headline matches first; test_a_query_word_in_the_headline_ranks_above_body_only_matches is where they differ)
    assert both_tiers > 0 or newest_first or connection.vendor != "postgresql"


def test_heading_shows_the_total_on_every_page(newsroom, client):
    for n in range(12):
        ArticlePageFactory(parent=newsroom["sections"][0], title=f"Lighthouse log {n}", slug=f"lh-{n}")
    index_articles_in_bulk()
    for page in (1, 2):
        html = client.get(reverse("search:search"), {"q": "lighthouse", "page": page}).content.decode()
        assert "12 results for “lighthouse”" in html
        assert f"Page {page} of 2" in html


def test_beyond_the_cap_the_heading_says_more_than_and_pages_stop(newsroom, client, monkeypatch):
    monkeypatch.setattr("masthead.search.results.RESULT_CAP", 10)
    for n in range(12):
        ArticlePageFactory(parent=newsroom["sections"][0], title=f"Lighthouse log {n}", slug=f"lh-{n}")
    index_articles_in_bulk()
    for sort in ("relevance", "newest"):
        html = client.get(reverse("search:search"), {"q": "lighthouse", "sort": sort}).content.decode()
        assert "More than 10 results for “lighthouse”" in html
        assert len(etree.HTML(html).findall(".//li[@class='search-result']")) == 10
        assert 'rel="next"' not in html
        assert client.get(reverse("search:search"), {"q": "lighthouse", "sort": sort, "page": 2}).status_code == 404


def test_more_than_the_cap_is_said_with_the_filters_offered(newsroom, client, monkeypatch):
    from masthead.search.results import RESULT_CAP

    class EndlessHits:
        """A search with more matches than any cap (its ids are no articles: the rows are simply skipped)."""

        def count_up_to(self, limit):
            return limit

        def page(self, start, stop, count_limit=0):
            return list(range(10**6 + start, 10**6 + stop)), None

    monkeypatch.setattr("masthead.search.views.article_search", lambda *args, **kwargs: EndlessHits())
    html = client.get(reverse("search:search"), {"q": "anything", "page": 3}).content.decode()
    assert RESULT_CAP == 100 and "More than 100 results for “anything”" in html
    assert "The first 100 are shown" in html and "choose a section, an author or dates" in html
    assert "Page 3 of 10" in html
    assert client.get(reverse("search:search"), {"q": "anything", "page": 11}).status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "two", "1.5", "", str(10**30), "3"])
def test_pages_that_do_not_exist_are_404(newsroom, client, page):
    ArticlePageFactory(parent=newsroom["sections"][0], title="Only one lighthouse", slug="lh")
    index_articles_in_bulk()
    response = client.get(reverse("search:search"), {"q": "lighthouse", "page": page})
    assert response.status_code == 404
    assert "There is no such page of results." in response.content.decode()


def test_filter_selects_escape_names_and_keep_the_reader_s_choice(newsroom, client):
    AuthorFactory(name="Ann <b>Bold</b> & Co", slug="ann")
    html = client.get(reverse("search:search"), {"q": "flood", "author": "ann", "section": "opinion"}).content
    tree = etree.HTML(html)
    author = tree.find(".//select[@name='author']")
    chosen = author.find("option[@selected]")
    assert chosen.get("value") == "ann" and chosen.text == "Ann <b>Bold</b> & Co"
    assert tree.find(".//select[@name='section']/option[@selected]").get("value") == "opinion"
    assert tree.find(".//label[@for='id_author']") is not None
    bad = client.get(reverse("search:search"), {"q": "flood", "author": "nobody"})
    assert bad.status_code == 400
    assert etree.HTML(bad.content).find(".//select[@name='author']").get("aria-invalid") == "true"


def test_index_vectors_are_stored_in_line_and_a_very_long_article_still_indexes(newsroom):
    if connection.vendor == "postgresql":  # migration 0002 acts on PostgreSQL only
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, attstorage FROM pg_attribute"
                " WHERE attrelid = 'wagtailsearch_indexentry'::regclass AND attname IN ('title', 'body')"
            )
            assert dict(cursor.fetchall()) == {"title": "m", "body": "m"}
    # ~12,000 distinct words: a body vector far beyond a page, which PostgreSQL must still move out of line.
    words = " ".join(f"zq{n:05d}x" for n in range(12_000))
    long_one = ArticlePageFactory(
        parent=newsroom["sections"][0],
        title="The long read",
        slug="long",
        body=[("paragraph", f"<p>{words} kestrel</p>")],
    )
    index_articles_in_bulk()
    hits = article_search("kestrel", filtered_articles(SearchSetup(newsroom["home"]), {}))
    assert hits.page(0, 10)[0] == [long_one.pk] and hits.count_up_to(10) == 1
    assert ArticlePage.objects.filter(pk=long_one.pk).exists()


def test_page_setup_is_cached_and_follows_new_authors_and_view_restrictions(
    newsroom, client, django_assert_max_num_queries
):
    from wagtail.models import PageViewRestriction

    opinion = newsroom["sections"][1]
    ArticlePageFactory(parent=opinion, title="Kestrel sighting", slug="kestrel")
    index_articles_in_bulk()
    url = reverse("search:search")
    client.get(url, {"q": "kestrel"})  # fills the cache: site, sections, authors, restrictions
    with django_assert_max_num_queries(4):  # page of ids (+ count when needed), articles, bylines
        assert "1 result for “kestrel”" in client.get(url, {"q": "kestrel"}).content.decode()
    AuthorFactory(name="New Voice", slug="new-voice")
    assert 'value="new-voice"' in client.get(url, {"q": "kestrel"}).content.decode()
    PageViewRestriction.objects.create(page=opinion, restriction_type=PageViewRestriction.PASSWORD, password="x")
    html = client.get(url, {"q": "kestrel"}).content.decode()
    assert "No results for “kestrel”" in html
    assert 'value="opinion"' not in html


def _search_page_queries(client, params):
    from django.db import connection as default_connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("search:search")
    client.get(url, params)  # the page setup (site, sections, authors, restrictions) is cached from here on
    with CaptureQueriesContext(default_connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _teaser_articles(parent, count, start, teased):
    """Articles matching "kestrel" whose bodies carry an image-free teaser of another article (a page chooser)."""
    for n in range(start, start + count):
        ArticlePageFactory(
            parent=parent,
            title=f"Kestrel count {n}",
            slug=f"kestrel-{n}",
            body=[
                ("paragraph", "<p>The kestrel came back.</p>"),
                ("related_article", {"article": teased, "excerpt": ""}),
                ("subheading", "More kestrels"),
            ],
        )
    index_articles_in_bulk()


@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_the_search_page_s_query_count_does_not_grow_with_articles_or_results(newsroom, client, sort):
    news = newsroom["sections"][0]
    teased = ArticlePage.objects.live().first()
    _teaser_articles(news, 2, 0, teased)
    few, html = _search_page_queries(client, {"q": "kestrel", "sort": sort})
    assert "2 results for “kestrel”" in html
    _teaser_articles(news, 23, 2, teased)
    many, html = _search_page_queries(client, {"q": "kestrel", "sort": sort})
    assert "25 results for “kestrel”" in html
    deeper, html = _search_page_queries(client, {"q": "kestrel", "sort": sort, "page": 3})
    assert "Page 3 of 3" in html
    # the ranked ids with the total (a capped count where the query cannot tell it: SQLite), the ten articles and
    # their bylines: never a query per result or per block of a result's body
    # (newest first on PostgreSQL: one query and a SET LOCAL in a savepoint, see postgres.py)
    assert max(few, many, deeper) <= (3 if connection.vendor == "postgresql" and sort == "relevance" else 6)
    assert few == many or connection.vendor != "postgresql"


def test_the_search_page_reads_the_shared_cache_at_most_once(newsroom, client, monkeypatch):
    """The publish version, and nothing per result (Wagtail reads the site root paths once per URL it builds)."""
    from django.core.cache import caches

    _teaser_articles(newsroom["sections"][0], 12, 0, ArticlePage.objects.live().first())
    url = reverse("search:search")
    client.get(url, {"q": "kestrel"})  # the page setup and the site root paths are remembered from here on
    shared, reads = caches["default"], []
    for method in ("get", "get_many", "has_key"):
        original = getattr(shared, method)
        monkeypatch.setattr(
            shared, method, lambda *args, _original=original, **kwargs: reads.append(args) or _original(*args, **kwargs)
        )
    html = client.get(url, {"q": "kestrel"}).content.decode()
    assert "12 results for “kestrel”" in html and html.count('href="/news/kestrel-') == 10
    assert len(reads) <= 1, reads


def test_a_query_word_in_the_headline_ranks_above_body_only_matches(newsroom, client):
    """On PostgreSQL the headline tier comes first even where Wagtail's formula ranks a body full of the words
    higher (here: both words, side by side, thirty times); SQLite keeps FTS5's bm25 order."""
    news = newsroom["sections"][0]
    body_heavy = ArticlePageFactory(
        parent=news, title="Weather notes", slug="notes", body=[("paragraph", "<p>" + "kestrel harbour " * 30 + "</p>")]
    )
    in_headline = ArticlePageFactory(
        parent=news,
        title="Kestrel returns",
        slug="returns",
        body=[("paragraph", "<p>Seen by " + "walkers and " * 40 + "fishermen near the harbour.</p>")],
    )
    index_articles_in_bulk()
    articles = filtered_articles(SearchSetup(newsroom["home"]), {})
    ours = article_search("kestrel harbour", articles).page(0, 10)[0]
    wagtails = [article.pk for article in wagtails_own("kestrel harbour", articles, newest_first=False)]
    assert sorted(ours) == sorted(wagtails) == sorted([body_heavy.pk, in_headline.pk])
    if connection.vendor == "postgresql":
        assert wagtails == [body_heavy.pk, in_headline.pk]  # what the headline tier changes
        assert ours == [in_headline.pk, body_heavy.pk]
    html = client.get(reverse("search:search"), {"q": "kestrel harbour"}).content.decode()
    assert "2 results for “kestrel harbour”" in html
