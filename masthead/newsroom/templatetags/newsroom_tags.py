"""Template tags for the newsroom's shared lists and the staff-only edit link."""

from django import template
from django.urls import reverse
from wagtail.models import Site

from masthead.newsroom.models import ArticlePage, EditorsPicks, SectionPage

register = template.Library()

NEWS_FEED_LENGTH = 8
MORE_NEWS_LENGTH = 5


def _site(request):
    return Site.find_for_request(request)


def _menu_sections(request) -> list:
    site = _site(request)
    return list(SectionPage.objects.child_of(site.root_page).live().public().in_menu()) if site else []


@register.inclusion_tag("newsroom/includes/section_nav.html", takes_context=True)
def section_nav(context):
    """The sections, the one the page belongs to marked (``aria-current``: "page" on the section itself)."""
    current = context.get("current_section")
    page = context.get("page")
    return {
        "sections": _menu_sections(context["request"]),
        "current_pk": current.pk if current else None,
        "is_section_page": bool(current and page and page.pk == current.pk),
    }


@register.inclusion_tag("newsroom/includes/footer_sections.html", takes_context=True)
def footer_sections(context):
    return {"sections": _menu_sections(context["request"])}


@register.inclusion_tag("newsroom/includes/article_card.html")
def article_card(article, variant="standard", level=3):
    """One card. Its own context, so nothing from the page around it (a ``lead`` story, say) leaks into it.

    ``variant``: ``lead`` (full column, the page's first image: loaded eagerly, first), ``standard`` or ``compact``
    (a small picture, no standfirst).
    """
    return {"article": article, "variant": variant, "level": level}


@register.inclusion_tag("newsroom/includes/article_list.html", takes_context=True)
def news_feed(context):
    """The latest articles across the whole site, newest first, with their times."""
    site = _site(context["request"])
    articles = ArticlePage.latest(site_root=site.root_page if site else None)
    return {
        "title": "News Feed",
        "list_id": "news-feed",
        "articles": articles[:NEWS_FEED_LENGTH],
        "show_times": True,
    }


@register.inclusion_tag("newsroom/includes/article_list.html")
def more_news(article):
    """The latest in the same section as ``article``, without it."""
    section = article.get_parent()
    return {
        "title": "More news",
        "list_id": "more-news",
        "articles": ArticlePage.latest(section=section).exclude(pk=article.pk)[:MORE_NEWS_LENGTH],
        "show_images": True,
    }


@register.inclusion_tag("newsroom/includes/article_list.html", takes_context=True)
def editors_picks(context):
    site = _site(context["request"])
    articles = EditorsPicks.for_site(site).articles() if site else []
    return {"title": "Editors' Picks", "list_id": "editors-picks", "articles": articles}


@register.simple_tag(takes_context=True)
def edit_page_url(context, page):
    """The Wagtail editor's address for ``page`` if the signed-in user may edit it; empty for everyone else."""
    user = getattr(context.get("request"), "user", None)
    if not user or not user.is_authenticated or not page or not page.pk:
        return ""
    if not page.permissions_for_user(user).can_edit():
        return ""
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
