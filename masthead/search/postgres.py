"""PostgreSQL: one query per page of search results (ranked article ids and the total), shaped to stay fast.

Everything that decides *what* matches and *how* it ranks is Wagtail's: its query parser, the tsquery its
PostgreSQL backend builds, its rank formula (``ts_rank`` of the title times ``title_norm`` plus ``ts_rank`` of the
body, with its field weights) and its index table. Only the shape of the SQL differs, measured at 100,000
articles (masthead/search/README.md, "Search at 100,000 articles"):

- Wagtail joins articles to index entries with ``object_id = article.id::varchar``, so PostgreSQL read and
  hashed the whole article table (170 MB, bodies included) for every search; here the entries the GIN index
  found are cast once and each article is looked up by primary key;
- the ranking runs in a subquery that returns only ``(id, rank)``, so the sort handles small rows instead of
  whole index rows (which, with the body vector stored in line, spilled the sort to disk);
- the total comes from the same query instead of a second pass over the matches (newest first:
  ``count(*) OVER ()``; ranked: the first 1,001 articles in rank order, which is also as far as the pages go),
  and only ids come back: the view loads the ten articles it shows.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import connections, transaction
from django.db.models import Count, F, IntegerField, Window
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import PostgresSearchResults
from modelsearch.query import Fuzzy, MatchAll, Not
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
        allowed = self.matching_entries().filter(object_pk__in=self.articles.order_by().values("pk"))
        return allowed.order_by()[:limit].count()

    def page(self, start, stop, count_limit=0):
        """Article ids ranked ``start`` to ``stop`` (relevance, or newest first), and the total counted up to
        ``count_limit`` when this query can tell it (else None).

        Ranked: the articles are checked against the filters in rank order until ``count_limit`` (or ``stop``)
        have passed, so the same query gives the page and the capped total; a separate count found the same
        matches through the index a second time (~40% of a common word's time at 100,000 articles).
        """
        if self.tsquery is None:
            return [], 0
        if self.newest_first:
            rows = self._newest(start, stop)
            return [pk for pk, _total in rows], (rows[0][1] if rows else None)
        limit = max(stop, count_limit)
        with connections[self.articles.db].cursor() as cursor:
            cursor.execute(*self._ranked_sql(limit))
            ids = [row[0] for row in cursor.fetchall()]
        return ids[start:stop], (len(ids) if count_limit and (len(ids) < limit or limit == count_limit) else None)

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

    def _ranked_sql(self, limit):
        """Rank every matching entry, then check articles against the filters in rank order until ``limit`` have
        passed: the sorted subquery (OFFSET 0 keeps it whole) hands over small ``(object_pk, rank)`` rows, and the
        semi-join looks up only as many articles as asked, not all 4,400 matches of a common word."""
        # Wagtail's own rank formula and weights, applied to the entry's columns instead of through the join
        # (a private method: test_query_paths checks our order against Wagtail's query after every upgrade).
        vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
        rank = self.compiler._build_rank_expression(vectors, self.config)
        ranked = self.matching_entries().annotate(rank=rank).values("object_pk", "rank")
        ranked_sql, ranked_params = ranked.query.sql_with_params()
        articles_sql, articles_params = self.articles.order_by().values("pk").query.sql_with_params()
        sql = (
            f"SELECT ranked.object_pk FROM ({ranked_sql} ORDER BY 2 DESC, 1 DESC OFFSET 0) AS ranked "
            f"WHERE ranked.object_pk IN ({articles_sql}) "
            "ORDER BY ranked.rank DESC, ranked.object_pk DESC LIMIT %s"
        )
        return sql, [*ranked_params, *articles_params, limit]
