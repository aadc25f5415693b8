"""Author and tag pages: plain Django views over the same article lists the Wagtail pages use.

What they look up (the site's root, the author or tag, the list's length) is remembered under the publish
version and their cards are a cached fragment, so a page seen before asks the database nothing.
"""

from django.db.models import Count
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from taggit.models import Tag
from wagtail.models import Site

from masthead.newsroom.models import ArticlePage, ArticleTag, Author, paginate
from masthead.newsroom.publish_version import remembered


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _site_articles(request):
    root = remembered(request, "site-root", lambda: _site_root(request))
    return ArticlePage.latest(site_root=root)


def _found(request, model, queryset, slug):
    found = remembered(request, model._meta.label_lower, lambda: queryset.filter(slug=slug).first(), slug)
    if found is None:
        raise Http404(f"No {model._meta.verbose_name} at this address.")
    return found


def author_page(request, slug):
    author = _found(request, Author, Author.objects.select_related("photo"), slug)
    articles = _site_articles(request).filter(article_authors__author=author)
    articles = paginate(request, articles, remember_as=("author", author.pk))
    return render(request, "newsroom/author_page.html", {"author": author, "articles": articles})


def tag_page(request, slug):
    tag = _found(request, Tag, Tag.objects.all(), slug)
    articles = paginate(request, _site_articles(request).filter(tags=tag), remember_as=("tag", tag.pk))
    return render(request, "newsroom/tag_page.html", {"tag": tag, "articles": articles})


def _live_article_ids(request):
    return _site_articles(request).values("pk")


def author_index(request):
    """Everyone with a published article here, A to Z, with how many they wrote. The list is a cached fragment."""

    def authors():
        return (
            Author.objects.filter(article_links__article__in=_live_article_ids(request))
            .annotate(articles=Count("article_links", distinct=True))
            .select_related("photo")
            .order_by("name")
        )

    return render(request, "newsroom/author_index.html", {"authors": authors})


def tag_index(request):
    """Every tag on a published article, A to Z, with its count. The list is a cached fragment."""

    def tags():
        return (
            ArticleTag.objects.filter(content_object__in=_live_article_ids(request))
            .values("tag__name", "tag__slug")
            .annotate(articles=Count("content_object", distinct=True))
            .order_by("tag__name")
        )

    return render(request, "newsroom/tag_index.html", {"tags": tags})


def favicon(request):
    """Feed readers and old browsers ask for /favicon.ico whatever a page links: send them to the icon."""
    return HttpResponsePermanentRedirect(static("masthead/favicon.svg"))
