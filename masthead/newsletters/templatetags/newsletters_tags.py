from django import template

from masthead.newsletters.catalogue import active_newsletters
from masthead.newsletters.forms import CONSENT_TEXT

register = template.Library()


@register.inclusion_tag("newsletters/signup_form.html", takes_context=True)
def signup_form(context, newsletters, heading_level=2, choose=False, errors=None, values=None):
    """One sign-up form: for one newsletter (a catalogue entry), or with a checkbox per newsletter (``choose``).

    Nothing in it is per reader or per render (no CSRF token, no timer), so the page around it can be cached:
    the sign-up view checks the origin instead, and signup.js fetches the fill timer once the reader begins."""
    request = context.get("request")
    if isinstance(newsletters, dict):
        newsletters = [newsletters]
    ident = "all" if choose else newsletters[0]["slug"]
    values = values or {}
    return {
        "request": request,
        "newsletters": newsletters,
        "choose": choose,
        "ident": ident,
        "heading_level": heading_level,
        "errors": errors or {},
        "form_errors": (errors or {}).get("__all__", []),
        "email_value": values.get("email", ""),
        "chosen": set(values.getlist("newsletters") if hasattr(values, "getlist") else values.get("newsletters", [])),
        "source": request.path if request else "",
        "consent": CONSENT_TEXT,
    }


@register.simple_tag
def newsletter_list():
    return active_newsletters()
