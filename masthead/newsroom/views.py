"""Author and tag pages: plain Django views over the same article lists the Wagtail pages use."""

from django.shortcuts import get_object_or_404, render
from taggit.models import Tag
from wagtail.models import Site

from masthead.newsroom.models import ArticlePage, Author, paginate


def _site_articles(request):
    site = Site.find_for_request(request)
    return ArticlePage.latest(site_root=site.root_page) if site else ArticlePage.latest()


def author_page(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = paginate(request, _site_articles(request).filter(article_authors__author=author))
    return render(request, "newsroom/author_page.html", {"author": author, "articles": articles})


def tag_page(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = paginate(request, _site_articles(request).filter(tags=tag))
    return render(request, "newsroom/tag_page.html", {"tag": tag, "articles": articles})
