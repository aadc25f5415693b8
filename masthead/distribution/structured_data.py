"""schema.org JSON-LD for articles, sections, authors and the newsroom itself, built as plain dicts.

Templates only print what these functions return (see ``templatetags/distribution_tags.py``).

Narration hook: the JSON-LD of an article carries an ``AudioObject`` when one is known. The narration app
registers a provider without this module importing it::

    from masthead.distribution.structured_data import register_audio_object_provider

    @register_audio_object_provider
    def narration_audio(article):          # -> dict (schema.org AudioObject) or None
        ...

Without a provider, an ``article.narration_audio_object`` attribute (dict or None) is used if present.

Other apps extend an article's JSON-LD the same way (live coverage makes it a ``LiveBlogPosting``, corrections
add ``correction``): ``register_article_extension(extend, fingerprint)``, where ``extend(article, data, url)``
changes the dict in place and ``fingerprint(article) -> str`` changes whenever what ``extend`` adds would, so the
remembered head tags are rendered again.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from masthead.distribution.links import absolute
from masthead.images.renditions import rendition_or_none, renditions_or_none

# Google asks for 16:9, 4:3 and 1:1 images at least 1200 px wide for Top Stories; Open Graph wants 1.91:1.
ARTICLE_IMAGE_SPECS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
SOCIAL_IMAGE_SPEC = "fill-1200x630"
LOGO_SIZE = (600, 60)  # Google's publisher logo box
SOCIAL_CARD_SIZE = (1200, 630)

_audio_object_providers = []
_article_extensions = []


def register_audio_object_provider(provider):
    """Register ``provider(article) -> dict | None``; the first provider returning a dict wins."""
    if provider not in _audio_object_providers:
        _audio_object_providers.append(provider)
    return provider


def audio_object_for(article):
    for provider in _audio_object_providers:
        if data := provider(article):
            return data
    return getattr(article, "narration_audio_object", None)


def register_article_extension(extend, fingerprint):
    """Register ``extend(article, data, url)``, run on every article's JSON-LD dict in registration order."""
    if (extend, fingerprint) not in _article_extensions:
        _article_extensions.append((extend, fingerprint))


def article_extensions_fingerprint(article) -> str:
    return "|".join(str(fingerprint(article)) for _, fingerprint in _article_extensions)


def article_renditions(article):
    """The hero image's JSON-LD and social renditions, fetched together (cache first, one query at most).

    Kept on the article so the JSON-LD and the Open Graph tags share one lookup.
    """
    if not hasattr(article, "_distribution_renditions"):
        image = article.hero_image
        article._distribution_renditions = renditions_or_none(image, *ARTICLE_IMAGE_SPECS, SOCIAL_IMAGE_SPEC) or {}
    return article._distribution_renditions


def image_object(rendition):
    return {
        "@type": "ImageObject",
        "url": absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def organization():
    return {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(reverse("distribution:logo")),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }


def person(author, detailed=False):
    data = {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
    if detailed:
        if author.role:
            data["jobTitle"] = author.role
        if author.bio:
            data["description"] = author.bio
        if photo := rendition_or_none(author.photo, "fill-400x400"):
            data["image"] = image_object(photo)
        data["worksFor"] = {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME, "url": absolute("/")}
    return data


def breadcrumb_list(trail):
    """``trail`` is [(name, path-or-url), ...] from the front page down."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def news_article(article, url, section=None, keywords=()):
    """NewsArticle (OpinionNewsArticle for opinion) as Google's Article rich result documents it."""
    renditions = article_renditions(article)
    data = {
        "@type": "OpinionNewsArticle" if article.is_opinion else "NewsArticle",
        "headline": article.title[:110],
        "description": strip_tags(article.search_description or article.standfirst),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": _iso(article.first_published_at),
        "dateModified": _iso(article.last_published_at or article.first_published_at),
        "author": [person(author) for author in article.authors],
        "publisher": organization(),
        "isAccessibleForFree": True,
        "inLanguage": article.language,
    }
    images = [image_object(renditions[spec]) for spec in ARTICLE_IMAGE_SPECS if spec in renditions]
    if images:
        data["image"] = images
    if section is not None:
        data["articleSection"] = section.title
    if keywords:
        data["keywords"] = list(keywords)
    if audio := audio_object_for(article):
        data["audio"] = {"@type": "AudioObject", **audio}
    for extend, _ in _article_extensions:
        extend(article, data, url)
    return data


def website():
    return {
        "@type": "WebSite",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute("/"),
        "publisher": organization(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute(reverse("search:search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def json_ld(data):
    """A JSON-LD document safe to print inside <script>: no '<', '>' or '&' can close the element."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)


def _iso(moment):
    return moment.isoformat() if moment else None
