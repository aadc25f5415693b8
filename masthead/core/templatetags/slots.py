"""``{% slot "place" %}``: render what apps registered for a place (see masthead/core/slots.py)."""

from django import template
from django.utils.safestring import mark_safe

from masthead.core import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, place):
    engine = context.template.engine
    rendered = []
    for template_name in slots.templates_for(place):
        with context.push():  # like {% include %}: a filling may set variables without leaking them
            rendered.append(engine.get_template(template_name).render(context))
    return mark_safe("".join(rendered))
