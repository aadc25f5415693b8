"""``{% distribution_head %}``: canonical link, Open Graph, Twitter card, JSON-LD and feed autodiscovery.

The tag works out what kind of page it is on from the context (``page`` on Wagtail pages, ``author`` or
``tag`` on the newsroom's views) and hands ``distribution/head_tags.html`` plain values.
"""

import hashlib
import json

from django import template
from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from masthead.distribution import structured_data as sd
from masthead.distribution.links import absolute

register = template.Library()

FEED_FORMATS = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
)


def feed_links(title, kind=None, slug=None):
    links = []
    for fmt, mime, label in FEED_FORMATS:
        if kind:
            href = reverse("distribution:feed", args=[kind, slug, fmt])
        else:
            href = reverse("distribution:site_feed", args=[fmt])
        links.append({"type": mime, "title": f"{title} ({label})", "href": absolute(href)})
    return links


def canonical_url(request, path=None):
    """The page's own address; a later page of a list keeps its ``?page=N`` (each page is its own document)."""
    url = absolute(path if path is not None else request.path)
    page_number = request.GET.get("page", "") if request is not None else ""
    if page_number.isascii() and page_number.isdigit() and len(page_number) < 10 and int(page_number) > 1:
        url += f"?page={int(page_number)}"
    return url


@register.simple_tag(takes_context=True)
def distribution_head(context):
    """The head's tags; an article's are remembered until it, the lists around it or its narration change."""
    key = _article_head_key(context)
    html = caches["fragments"].get(key) if key else None
    if html is None:
        html = render_to_string("distribution/head_tags.html", head_context(context))
        if key:
            caches["fragments"].set(key, html)
    return mark_safe(html)  # rendered by our own escaping template


def _article_head_key(context):
    """None unless the page is a published article seen outside a preview."""
    from masthead.newsroom.models import ArticlePage
    from masthead.newsroom.signals import lists_version

    request, page = context.get("request"), context.get("page")
    if request is None or getattr(request, "is_preview", False) or not isinstance(page, ArticlePage):
        return None
    # The page itself (Wagtail's cache_key: id, URL, last publication), its section, authors and images
    # (lists_version), its narration (the AudioObject), and its address (the canonical link).
    parts = [
        page.cache_key,
        json.dumps(sd.audio_object_for(page), sort_keys=True, default=str),
        sd.article_extensions_fingerprint(page),
        canonical_url(request, page.get_url(request) or "/"),
    ]
    digest = hashlib.sha1("\n".join(parts).encode()).hexdigest()
    return f"distribution:head:{lists_version(request)}:{digest}"


def head_context(context):
    request = context.get("request")
    site_name = settings.WAGTAIL_SITE_NAME
    head = {
        "site_name": site_name,
        "og_type": "website",
        "image": {"url": absolute(reverse("distribution:social_card")), "width": 1200, "height": 630, "alt": site_name},
        "json_ld": [],
        "feeds": feed_links(site_name),
        "article": None,
        "noindex": False,
    }
    page, author, tag = context.get("page"), context.get("author"), context.get("tag")
    page = getattr(page, "specific_deferred", page) if page is not None and hasattr(page, "url_path") else None
    if page is not None:
        _describe_page(head, request, page)
    elif author is not None and hasattr(author, "slug"):
        _describe_author(head, request, author)
    elif tag is not None and hasattr(tag, "slug"):
        _describe_tag(head, request, tag)
    else:
        head.update(title=context.get("title") or site_name, description="", canonical=canonical_url(request))
        head["noindex"] = bool(context.get("noindex"))
    head["json_ld"] = [sd.json_ld(block) for block in head["json_ld"]]
    return head


def _describe_page(head, request, page):
    from masthead.newsroom.models import ArticlePage, HomePage, SectionPage

    url = canonical_url(request, page.get_url(request) or "/")
    # An article first published elsewhere (an imported one, say) names that address as its canonical one.
    canonical = getattr(page, "canonical_url", "") or url
    head.update(title=page.seo_title or page.title, canonical=canonical, description=page.search_description)
    if isinstance(page, ArticlePage):
        _describe_article(head, page, url)
    elif isinstance(page, SectionPage):
        head["description"] = head["description"] or page.description
        head["json_ld"].append(sd.breadcrumb_list([("Home", "/"), (page.title, url)]))
        head["feeds"] = feed_links(f"{page.title} · {head['site_name']}", "section", page.slug) + head["feeds"]
    elif isinstance(page, HomePage):
        head.update(title=head["site_name"], description=head["description"] or page.standfirst)
        head["json_ld"] += [sd.website(), {**sd.organization()}]


def _describe_article(head, article, url):
    section = article.get_parent()
    tags = [tag.name for tag in article.tags.all()]
    renditions = sd.article_renditions(article)
    head.update(
        og_type="article",
        description=head["description"] or strip_tags(article.standfirst),
        article={
            "published_time": article.first_published_at.isoformat() if article.first_published_at else "",
            "modified_time": (article.last_published_at or article.first_published_at).isoformat()
            if article.first_published_at
            else "",
            "section": section.title if section else "",
            "authors": [absolute(author.get_absolute_url()) for author in article.authors],
            "tags": tags,
        },
    )
    social = renditions.get(sd.SOCIAL_IMAGE_SPEC)
    if social is not None:
        head["image"] = {
            "url": absolute(social.url),
            "width": social.width,
            "height": social.height,
            "alt": article.hero_image.default_alt_text or article.title,
        }
    head["json_ld"].append(sd.news_article(article, url, section=section, keywords=tags))
    trail = [("Home", "/")]
    if section is not None:
        trail.append((section.title, section.get_url()))
    head["json_ld"].append(sd.breadcrumb_list([*trail, (article.title, url)]))


def _describe_author(head, request, author):
    url = canonical_url(request, author.get_absolute_url())
    head.update(
        title=author.name, canonical=url, description=author.role or strip_tags(author.bio)[:200], og_type="profile"
    )
    head["json_ld"] += [
        sd.breadcrumb_list([("Home", "/"), (author.name, url)]),
        sd.person(author, detailed=True),
    ]
    head["feeds"] = feed_links(f"{author.name} · {head['site_name']}", "author", author.slug) + head["feeds"]


def _describe_tag(head, request, tag):
    url = canonical_url(request, reverse("newsroom:tag", args=[tag.slug]))
    head.update(title=f"Tagged: {tag.name}", canonical=url, description="")
    head["json_ld"].append(sd.breadcrumb_list([("Home", "/"), (tag.name, url)]))
    head["feeds"] = feed_links(f"{tag.name} · {head['site_name']}", "tag", tag.slug) + head["feeds"]
