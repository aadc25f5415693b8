"""PostgreSQL: one query per page of search results (ranked article ids and the total), shaped to stay fast.

Everything that decides *what* matches and *how* it ranks is Wagtail's: its query parser, the tsquery its
PostgreSQL backend builds, its rank formula (``ts_rank`` of the title times ``title_norm`` plus ``ts_rank`` of the
body, with its field weights) and its index table. Ours: the ranked order puts the articles with a query word in
the headline first (``_ranked_sql``), and the shape of the SQL, measured at 100,000 articles
(masthead/search/README.md, "Search at 100,000 articles"):

- Wagtail joins articles to index entries with ``object_id = article.id::varchar``, so PostgreSQL read and
  hashed the whole article table (170 MB, bodies included) for every search; here the entries the GIN index
  found are cast once and each article is looked up by primary key;
- the ranking runs in a subquery that returns only ``(id, rank)``, so the sort handles small rows instead of
  whole index rows (which, with the body vector stored in line, spilled the sort to disk);
- the total comes from the same statement (newest first: ``count(*) OVER ()``; ranked: a capped count of the
  filtered matches in a CTE), and only ids come back: the view loads the ten articles it shows.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Count, F, IntegerField, Q, Window
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import PostgresSearchResults
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.models import IndexEntry


class PostgresArticleSearch:
    """One reader's query over ``results`` (Wagtail's unevaluated ``PostgresSearchResults``)."""

    def __init__(self, results, newest_first=False):
        compiler = results.query_compiler
        self.articles = compiler.queryset
        self.newest_first = newest_first
        self.config = compiler.get_config(results.backend)
        self.compiler = compiler
        query = compiler.query
        matches_nothing = isinstance(query, Not) and isinstance(query.subquery, MatchAll)
        self.tsquery = None if matches_nothing else compiler.build_tsquery(query, config=self.config)
        headline_query = None if matches_nothing else any_word(query)
        self.headline_words = headline_query and compiler.build_tsquery(headline_query, config=self.config)

    @classmethod
    def handles(cls, results):
        """Wagtail's PostgreSQL results for a text or phrase query (match-all and fuzzy stay with Wagtail)."""
        return isinstance(results, PostgresSearchResults) and not isinstance(
            results.query_compiler.query, (MatchAll, Fuzzy)
        )

    def matching_entries(self):
        """Index entries of the searched model whose title or body matches, with ``object_pk`` as an integer."""
        return (
            IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(self.articles.model))
            .annotate(_vector_=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField()))
            .filter(_vector_=self.tsquery)
            .annotate(object_pk=Cast("object_id", IntegerField()))
        )

    def count_up_to(self, limit):
        """How many articles match, counting no further than ``limit``.

        Starting from the matching entries (not the articles), with no ORDER BY, PostgreSQL stops after
        ``limit`` hits: ~5 ms where an exact count of a 4,400-match word took ~20 ms.
        """
        if self.tsquery is None:
            return 0
        return self._allowed_entries()[:limit].count()

    def _allowed_entries(self):
        """The matching entries of articles that pass the filters, in no order (PostgreSQL may stop early)."""
        return self.matching_entries().filter(object_pk__in=self.articles.order_by().values("pk")).order_by()

    def page(self, start, stop, count_limit=0):
        """Article ids ranked ``start`` to ``stop`` (relevance, or newest first), and the total counted up to
        ``count_limit`` when this query can tell it (else None: the paginator counts when it needs to).

        Ranked: headline matches first (see ``_ranked_sql``), so a page of a common word ranks the few hundred
        articles with the word in the headline instead of all of its thousands of matches.
        """
        if self.tsquery is None:
            return [], 0
        if self.newest_first:
            rows = self._newest(start, stop)
            return [pk for pk, _total in rows], (rows[0][1] if rows else None)
        with connections[self.articles.db].cursor() as cursor:
            cursor.execute(*self._ranked_sql(stop, count_limit))
            rows = cursor.fetchall()
        total = rows[0][1] if rows and count_limit else None
        return [pk for pk, _total in rows][start:stop], (len(rows) if len(rows) < stop else total)

    def _newest(self, start, stop):
        matching = self.matching_entries().values("object_pk")
        newest = (
            self.articles.filter(pk__in=matching)
            .annotate(total=Window(Count("pk")))
            .order_by("-first_published_at", "-pk")
        )
        with transaction.atomic(using=self.articles.db), connections[self.articles.db].cursor() as cursor:
            # For this join PostgreSQL liked a parallel plan in which each worker repeated the whole index scan:
            # 70 ms instead of 35 ms for a 4,400-match word on a busy 2-core server. One reader, one core.
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            return list(newest.values_list("pk", "total")[start:stop])

    def _ranked_sql(self, limit, count_limit=0):
        """The first ``limit`` article ids in our ranked order: the articles with a query word in the headline
        (Wagtail's title vector), by Wagtail's rank; then, only when those do not fill ``limit``, the rest, by
        Wagtail's rank too. Wagtail's formula already puts almost every headline match first (a headline word
        weighs B, a body word D: ~0.13 against at most ~0.01 for a one-word query); ranking the headline tier on its
        own means a page of "flood" ranks ~600 entries, not 4,400.

        In each tier the sorted subquery (OFFSET 0 keeps it whole) hands over small ``(object_pk, rank)`` rows and
        the semi-join checks articles against the filters in rank order until ``limit`` have passed. The rest are
        looked at only when the headline tier (a CTE) has fewer than ``limit`` (a one-time filter: PostgreSQL
        skips the whole scan otherwise).
        """
        # Wagtail's own rank formula and weights, applied to the entry's columns instead of through the join
        # (a private method: test_query_paths checks our order against Wagtail's query after every upgrade).
        vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
        rank = self.compiler._build_rank_expression(vectors, self.config)
        entries = self.matching_entries().annotate(rank=rank)
        in_headline = Q(title=self.headline_words) if self.headline_words is not None else None
        headline = entries.filter(in_headline) if in_headline else entries.none()
        rest = entries.exclude(in_headline) if in_headline else entries
        tiers = [self._tier_sql(queryset, self.articles) for queryset in (headline, rest)]
        # The capped total rides along (computed once, only when a row comes back): one round trip a page.
        counted_sql, counted_params = self._allowed_entries().values("object_pk").query.sql_with_params()
        sql = (
            f"WITH headline AS MATERIALIZED ({tiers[0][0]}), "
            f"total AS MATERIALIZED (SELECT count(*) AS n FROM ({counted_sql} LIMIT %s) AS counted) "
            "SELECT object_pk, (SELECT n FROM total) FROM ("
            "SELECT object_pk, 1 AS tier, rank FROM headline UNION ALL "
            f"SELECT object_pk, 2 AS tier, rank FROM ({tiers[1][0]}) AS rest WHERE (SELECT count(*) FROM headline) < %s"
            ") AS tiers ORDER BY tier, rank DESC, object_pk DESC LIMIT %s"
        )
        params = [*tiers[0][1], limit, *counted_params, count_limit, *tiers[1][1], limit, limit, limit]
        return sql, params

    @staticmethod
    def _tier_sql(entries, articles):
        """(SQL, params): the filtered ``articles``' ids among ``entries``, with their rank, best first, LIMIT %s."""
        articles_sql, articles_params = articles.order_by().values("pk").query.sql_with_params()
        try:
            ranked_sql, ranked_params = entries.values("object_pk", "rank").query.sql_with_params()
        except EmptyResultSet:  # no headline tier (a query of negated words only)
            return "SELECT NULL::integer AS object_pk, NULL::float AS rank WHERE false LIMIT %s", []
        sql = (
            f"SELECT ranked.object_pk, ranked.rank FROM ({ranked_sql} ORDER BY 2 DESC, 1 DESC OFFSET 0) AS ranked "
            f"WHERE ranked.object_pk IN ({articles_sql}) ORDER BY ranked.rank DESC, ranked.object_pk DESC LIMIT %s"
        )
        return sql, [*ranked_params, *articles_params]


def any_word(query):
    """``query`` (Wagtail's parsed query) with "any of these words" for "all of them" and without its negated
    parts: what a headline must hold for the headline tier. A phrase stays a phrase; None when nothing is left."""
    if isinstance(query, PlainText):
        return PlainText(query.query_string, operator="or")
    if isinstance(query, Phrase):
        return query
    if isinstance(query, Boost):
        return any_word(query.subquery)
    if isinstance(query, (And, Or)):
        parts = [part for part in map(any_word, query.subqueries) if part is not None]
        return Or(parts) if len(parts) > 1 else (parts[0] if parts else None)
    return None  # Not, MatchAll
