from django import template

from masthead.corrections.models import shown_corrections

register = template.Library()


@register.simple_tag
def corrections_for(page, position):
    """The standing corrections and notes of an article shown at ``position`` ("top" or "end"), oldest first."""
    if page is None or not getattr(page, "pk", None):
        return []
    return [item for item in shown_corrections(page.pk) if item.shown_at == position]


@register.simple_tag
def history_url(page):
    """The article's "what changed" address once it has been published more than once, else ""."""
    from django.urls import reverse

    from masthead.corrections.history import published_versions
    from masthead.newsroom.publish_version import remembered

    if page is None or not getattr(page, "pk", None) or not getattr(page, "live", False):
        return ""
    count = remembered(None, "published-versions", lambda: len(published_versions(page)), page.pk)
    return reverse("corrections:changes", args=[page.pk]) if count > 1 else ""
