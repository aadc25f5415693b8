"""The reader's search page: plain GET form, ranked results with highlighted snippets, filters, pages."""

from datetime import datetime, time, timedelta

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Site
from wagtail.search.utils import parse_query_string

from masthead.newsroom.models import ArticleAuthor, ArticlePage
from masthead.search.forms import SearchForm
from masthead.search.snippets import highlight, query_terms, snippet

RESULTS_PER_PAGE = 10


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_articles(site_root, data):
    """Live public articles on this site narrowed by the form's filters (all on indexed filter fields)."""
    articles = ArticlePage.objects.live().public()
    articles = articles.descendant_of(site_root) if site_root is not None else articles
    if data.get("section"):
        articles = articles.child_of(data["section"])
    if data.get("author"):
        articles = articles.filter(id__in=ArticleAuthor.objects.filter(author=data["author"]).values("article_id"))
    if data.get("date_from"):
        articles = articles.filter(first_published_at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        articles = articles.filter(first_published_at__lt=_day_start(data["date_to"] + timedelta(days=1)))
    return articles


def search_articles(query, articles, newest_first=False):
    """Full-text search (Wagtail's database backend: SQLite FTS5 or PostgreSQL full text) over ``articles``.

    Quoted words are searched as a phrase; every other word must appear (AND).
    """
    _filters, parsed = parse_query_string(query, operator="and")
    if newest_first:
        return articles.order_by("-first_published_at", "-id").search(parsed, order_by_relevance=False)
    return articles.search(parsed)


def result_rows(page_of_articles, terms):
    """What each result shows; snippets come from the standfirst and body of the few articles on this page."""
    ids = [article.pk for article in page_of_articles]
    loaded = {
        article.pk: article
        for article in ArticlePage.objects.filter(pk__in=ids)
        .select_related("hero_image")
        .prefetch_related("article_authors__author")
    }
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
    site = Site.find_for_request(request)
    site_root = site.root_page if site else None
    form = SearchForm(request.GET or None, site_root=site_root)
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
    results = search_articles(query, filtered_articles(site_root, data), newest_first=context["newest_first"])
    try:
        page = Paginator(results, RESULTS_PER_PAGE).page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        context["page_error"] = "There is no such page of results."
        return render(request, "search/search.html", context, status=404)
    params = request.GET.copy()
    params.pop("page", None)
    context.update(page_obj=page, results=result_rows(list(page.object_list), query_terms(query)),
                   base_query=params.urlencode())
    return render(request, "search/search.html", context)
