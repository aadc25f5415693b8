from django import template

from masthead.corrections.models import shown_corrections

register = template.Library()


@register.simple_tag
def corrections_for(page, position):
    """The standing corrections and notes of an article shown at ``position`` ("top" or "end"), oldest first."""
    if page is None or not getattr(page, "pk", None):
        return []
    return [item for item in shown_corrections(page.pk) if item.shown_at == position]
