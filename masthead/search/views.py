"""The reader's search page: plain GET form, ranked results with highlighted snippets, filters, pages."""

from datetime import datetime, time, timedelta

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from masthead.newsroom.models import ArticleAuthor, ArticlePage
from masthead.newsroom.routing import build_urls_from_memory
from masthead.search.forms import SearchForm
from masthead.search.results import ResultPaginator, article_search
from masthead.search.setup import search_setup
from masthead.search.snippets import highlight, query_terms, snippet

RESULTS_PER_PAGE = 10
BYLINES = Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))  # one query


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_articles(setup, data):
    """Live public articles on this site narrowed by the form's filters (all on indexed filter fields)."""
    articles = ArticlePage.objects.live().filter(setup.public_q())
    articles = articles.descendant_of(setup.site_root) if setup.site_root is not None else articles
    if data.get("section"):
        articles = articles.child_of(data["section"])
    if data.get("author"):
        articles = articles.filter(id__in=ArticleAuthor.objects.filter(author=data["author"]).values("article_id"))
    if data.get("date_from"):
        articles = articles.filter(first_published_at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        articles = articles.filter(first_published_at__lt=_day_start(data["date_to"] + timedelta(days=1)))
    return articles


def result_rows(request, ids, terms):
    """What each result shows; snippets come from the standfirst and body of the few articles on this page.

    The links come from the site root paths remembered in this process: Wagtail would otherwise read them from
    the shared cache (Redis in production) once per result.
    """
    articles = build_urls_from_memory(request, list(ArticlePage.objects.filter(pk__in=ids).prefetch_related(BYLINES)))
    loaded = {article.pk: article for article in articles}
    rows = []
    for article_id in ids:
        article = loaded.get(article_id)
        if article is None:
            continue
        text = " ".join([article.standfirst, *article.narration_text_blocks()])
        rows.append({"article": article, "title": highlight(article.title, terms), "snippet": snippet(text, terms)})
    return rows


@require_safe
def search(request):
    setup = search_setup(request)
    form = SearchForm(request.GET or None, setup=setup)
    context = {"form": form, "noindex": True, "title": "Search", "results": None, "query": ""}
    if not request.GET:
        return render(request, "search/search.html", context)
    if not form.is_valid():
        return render(request, "search/search.html", context, status=400)
    data = form.cleaned_data
    query = data["q"]
    context["query"] = query
    context["newest_first"] = data.get("sort") == "newest"
    if not query:
        context["results"] = []
        return render(request, "search/search.html", context)
    hits = article_search(query, filtered_articles(setup, data), newest_first=context["newest_first"])
    try:
        page = ResultPaginator(hits, RESULTS_PER_PAGE).page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        context["page_error"] = "There is no such page of results."
        return render(request, "search/search.html", context, status=404)
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        page_obj=page, results=result_rows(request, page.object_list, query_terms(query)), base_query=params.urlencode()
    )
    return render(request, "search/search.html", context)
