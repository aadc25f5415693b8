"""Pages of search results: which query path runs, and Django's paginator fed by it."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from wagtail.search.utils import parse_query_string

from masthead.search.postgres import PostgresArticleSearch

MAX_PAGE = 1_000_000
# Results counted exactly up to here; beyond it the page says "more than 100 results" (ten pages) and offers the
# filters. Counting to 1,001 was two thirds of a common word's search statement at 100,000 articles.
RESULT_CAP = 100


class WagtailArticleSearch:
    """Any backend (SQLite FTS5 in the embedded profile): Wagtail's results, sliced and counted."""

    def __init__(self, results):
        self.results = results

    def count_up_to(self, limit):
        return min(self.results.count(), limit)

    def page(self, start, stop, count_limit=0):
        return [article.pk for article in self.results[start:stop]], None


def without_wordless_parts(query):
    """``query`` without the pieces that hold no word (a lone "-", emoji); None when nothing is left.

    Wagtail's parser keeps such pieces; its PostgreSQL backend builds no tsquery for them and then cannot combine
    the rest: '- "bus road"' was a 500.
    """
    if isinstance(query, (PlainText, Phrase)):
        return query if re.search(r"\w", query.query_string) else None
    if isinstance(query, (And, Or)):
        parts = [part for part in map(without_wordless_parts, query.subqueries) if part is not None]
        return type(query)(parts) if len(parts) > 1 else (parts[0] if parts else None)
    return query


def article_search(query, articles, newest_first=False):
    """Full-text search (Wagtail's database backend) over ``articles``, ranked or newest first.

    Quoted words are searched as a phrase; every other word must appear (AND).
    """
    _filters, parsed = parse_query_string(query, operator="and")
    parsed = without_wordless_parts(parsed) or Not(MatchAll())
    if newest_first:
        results = articles.order_by("-first_published_at", "-id").search(parsed, order_by_relevance=False)
    else:
        results = articles.search(parsed)
    if PostgresArticleSearch.handles(results):
        return PostgresArticleSearch(results, newest_first=newest_first)
    return WagtailArticleSearch(results)


class ResultPaginator(Paginator):
    """Django's paginator over an article search, counting at most ``cap`` results.

    An exact count of a common word means checking every one of its thousands of matches against the filters;
    readers look at the first pages. Beyond ``cap`` the page says "more than 100 results" and the pages stop
    there. ``object_list`` of a page is its article ids.
    """

    def __init__(self, search, per_page, cap=None):
        super().__init__([], per_page)
        self.search = search
        self.cap = RESULT_CAP if cap is None else cap

    @property
    def found(self):
        """Results counted, up to ``cap + 1`` (from the page when it told, else one capped count)."""
        if "_found" not in self.__dict__:
            self._found = self.search.count_up_to(self.cap + 1)
        return self._found

    @property
    def count(self):
        return min(self.found, self.cap)

    @property
    def more_than_cap(self):
        return self.found > self.cap

    def page(self, number):
        """PageNotAnInteger or EmptyPage as Django raises them."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        start = (number - 1) * self.per_page
        # A page number past any archive (10**30) would overflow the database's OFFSET: count instead.
        stop = start + self.per_page
        ids, total = self.search.page(start, stop, count_limit=self.cap + 1) if number <= MAX_PAGE else ([], None)
        if total is None and len(ids) < self.per_page and (ids or start == 0):
            total = start + len(ids)  # a page that is not full is the last one
        if total is not None:
            self._found = total
        number = self.validate_number(number)
        return self._get_page(ids, number, self)
