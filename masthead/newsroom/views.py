"""Author and tag pages: plain Django views over the same article lists the Wagtail pages use.

What they look up (the site's root, the author or tag, the list's length) is remembered under the publish
version and their cards are a cached fragment, so a page seen before asks the database nothing.
"""

from django.http import Http404
from django.shortcuts import render
from taggit.models import Tag
from wagtail.models import Site

from masthead.newsroom.models import ArticlePage, Author, paginate
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
