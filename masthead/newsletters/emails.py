"""Building the emails: confirmation requests and newsletter issues (inlined CSS, a text part, RFC 8058 headers)."""

from functools import lru_cache
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags

from masthead.newsletters.tokens import confirm_token, manage_token

# Per-recipient links go into the issue, rendered once, as these stand-ins (valid URLs, so inlining keeps them).
UNSUBSCRIBE_STANDIN = "https://recipient.invalid/unsubscribe-link"
PREFERENCES_STANDIN = "https://recipient.invalid/preferences-link"
HERO_RENDITION = "fill-1200x675"


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.MASTHEAD_BASE_URL + path


@lru_cache(maxsize=1)
def _inliner():
    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


def inline_css(html: str) -> str:
    return _inliner().inline(html)


def mail_domain() -> str:
    return urlsplit(settings.MASTHEAD_BASE_URL).hostname or "localhost"


def preferences_url(subscriber_id, key):
    return absolute(reverse("newsletters:preferences", args=[manage_token(subscriber_id, key)]))


def unsubscribe_url(subscriber_id, key, newsletter_id):
    return absolute(reverse("newsletters:unsubscribe", args=[manage_token(subscriber_id, key, newsletter_id)]))


# --- Confirmation (double opt-in)

def confirmation_message(subscriber, subscriptions, nonce, connection=None):
    newsletters = [s.newsletter for s in subscriptions]
    first = newsletters[0]
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "newsletters": newsletters,
        "confirm_url": absolute(reverse("newsletters:confirm", args=[confirm_token([s.pk for s in subscriptions], nonce)])),
        "days": settings.NEWSLETTERS_CONFIRM_DAYS,
    }
    names = " and ".join(n.name for n in newsletters) if len(newsletters) <= 2 else f"{len(newsletters)} newsletters"
    message = EmailMultiAlternatives(
        subject=f"Please confirm: {names}",
        body=render_to_string("newsletters/email/confirm.txt", context),
        from_email=first.from_header,
        to=[subscriber.address],
        reply_to=[first.reply_to] if first.reply_to else None,
        connection=connection,
    )
    message.attach_alternative(inline_css(render_to_string("newsletters/email/confirm.html", context)), "text/html")
    return message


# --- Issues

def article_cards(issue):
    cards = []
    for article in issue.articles():
        image = None
        if article.hero_image:
            rendition = article.hero_image.get_rendition(HERO_RENDITION)
            image = {"url": absolute(rendition.url), "alt": article.hero_image.description or "", "width": 560,
                     "height": round(560 * rendition.height / rendition.width)}
        cards.append({
            "headline": article.title, "standfirst": article.standfirst, "url": absolute(article.url),
            "kind_label": article.kind_label, "authors": ", ".join(a.name for a in article.authors), "image": image,
        })
    return cards


def render_issue(issue):
    """(html with inlined CSS, plain text), with stand-ins where each recipient's own links go."""
    context = {
        "issue": issue,
        "newsletter": issue.newsletter,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "base_url": settings.MASTHEAD_BASE_URL,
        "cards": article_cards(issue),
        "intro_text": strip_tags(issue.intro).strip(),
        "unsubscribe_url": UNSUBSCRIBE_STANDIN,
        "preferences_url": PREFERENCES_STANDIN,
    }
    html = inline_css(render_to_string("newsletters/email/issue.html", context))
    text = render_to_string("newsletters/email/issue.txt", context)
    return html, text


def personalise(content: str, unsubscribe: str, preferences: str) -> str:
    return content.replace(UNSUBSCRIBE_STANDIN, unsubscribe).replace(PREFERENCES_STANDIN, preferences)


def personalise_preview(html):
    return personalise(html, "#unsubscribe-link-goes-here", "#preferences-link-goes-here")


def message_id(issue_id, delivery_id) -> str:
    """Deterministic, so the mailbox can be checked against the delivery rows (and a copy recognised)."""
    return f"<issue{issue_id}.delivery{delivery_id}@{mail_domain()}>"


def issue_message(issue, html, text, address, subscriber_id, key, delivery_id=None, connection=None):
    newsletter = issue.newsletter
    unsubscribe = unsubscribe_url(subscriber_id, key, newsletter.pk)
    preferences = preferences_url(subscriber_id, key)
    mailto = settings.NEWSLETTERS_UNSUBSCRIBE_MAILTO or newsletter.reply_to or newsletter.sender_email
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>, <mailto:{mailto}?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{newsletter.name} <{newsletter.slug}.{mail_domain()}>",
    }
    if delivery_id is not None:
        headers["Message-ID"] = message_id(issue.pk, delivery_id)
    message = EmailMultiAlternatives(
        subject=issue.subject,
        body=personalise(text, unsubscribe, preferences),
        from_email=newsletter.from_header,
        to=[address],
        reply_to=[newsletter.reply_to] if newsletter.reply_to else None,
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(personalise(html, unsubscribe, preferences), "text/html")
    return message


def test_message(issue, address, connection=None):
    """A 'send test' copy: real content, links that name no subscriber."""
    html, text = render_issue(issue)
    message = EmailMultiAlternatives(
        subject=f"[Test] {issue.subject}",
        body=personalise(text, "(unsubscribe link)", "(preferences link)"),
        from_email=issue.newsletter.from_header,
        to=[address],
        connection=connection,
    )
    message.attach_alternative(personalise_preview(html), "text/html")
    return message

