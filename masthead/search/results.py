"""Pages of search results: which query path runs, and Django's paginator fed by it."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from wagtail.search.utils import parse_query_string

from masthead.search.postgres import PostgresArticleSearch

MAX_PAGE = 1_000_000


class WagtailArticleSearch:
    """Any backend (SQLite FTS5 in the embedded profile): Wagtail's results, sliced and counted."""

    def __init__(self, results):
        self.results = results

    def count(self):
        return self.results.count()

    def page(self, start, stop):
        return [article.pk for article in self.results[start:stop]], self.results.count()


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
    """Django's paginator over an article search whose page of ids comes with the total (one query, not two)."""

    def __init__(self, search, per_page):
        super().__init__([], per_page)
        self.search = search

    @property
    def count(self):
        if "_count" not in self.__dict__:
            self._count = self.search.count()  # only asked for when no page carried the total
        return self._count

    def page(self, number):
        """The page's article ids (``page.object_list``); PageNotAnInteger or EmptyPage as Django raises them."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        start = (number - 1) * self.per_page
        # A page number past any sensible archive (10**30) would overflow the database's OFFSET: count instead.
        ids, total = self.search.page(start, start + self.per_page) if number <= MAX_PAGE else ([], None)
        if total is not None:
            self._count = total
        number = self.validate_number(number)
        return self._get_page(ids, number, self)
