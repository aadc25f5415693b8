"""Building the emails: confirmation requests and newsletter issues (inlined CSS, a text part, RFC 8058 headers)."""

import binascii
import secrets
import time
from email.utils import formatdate
from functools import lru_cache
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags

from masthead.images.renditions import rendition_or_none
from masthead.newsletters.tokens import confirm_token, manage_token

# Per-recipient links go into the issue, rendered once, as these stand-ins (valid URLs, so inlining keeps them).
TRACKING_STANDIN = "masthead-tracking-delivery"  # tracking.DELIVERY_STANDIN: the signed delivery id goes here
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
        "confirm_url": absolute(
            reverse("newsletters:confirm", args=[confirm_token([s.pk for s in subscriptions], nonce)])
        ),
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
        if rendition := rendition_or_none(article.hero_image, HERO_RENDITION):
            image = {
                "url": absolute(rendition.url),
                "alt": article.hero_image.description or "",
                "width": 560,
                "height": round(560 * rendition.height / rendition.width),
            }
        cards.append(
            {
                "headline": article.title,
                "standfirst": article.standfirst,
                "url": absolute(article.url),
                "kind_label": article.kind_label,
                "authors": ", ".join(a.name for a in article.authors),
                "image": image,
            }
        )
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
        "web_url": absolute(issue.get_absolute_url()) if issue.pk else "",
        "postal_address": settings.NEWSLETTERS_POSTAL_ADDRESS.strip(),
    }
    html = inline_css(render_to_string("newsletters/email/issue.html", context))
    text = render_to_string("newsletters/email/issue.txt", context)
    return html, text


def personalise(content: str, unsubscribe: str, preferences: str) -> str:
    return content.replace(UNSUBSCRIBE_STANDIN, unsubscribe).replace(PREFERENCES_STANDIN, preferences)


def personalise_preview(html):
    return personalise(html, "#unsubscribe-link-goes-here", "#preferences-link-goes-here")


def message_id(issue_id, delivery_id, domain=None) -> str:
    """Deterministic, so the mailbox can be checked against the delivery rows (and a copy recognised)."""
    return f"<issue{issue_id}.delivery{delivery_id}@{domain or mail_domain()}>"


def _unfolded_headers(head: bytes):
    """Logical header lines (continuations joined back on) of a generated message's header block."""
    lines = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += b"\r\n" + line
        elif line:
            lines.append(line)
    return lines


class PreparedIssue:
    """One issue's email as bytes with holes for what differs per recipient: To, Date, Message-ID and the two links.

    Python's email package costs milliseconds per message; here it runs once per issue (so Django still encodes
    and checks the fixed headers), and each recipient's message is a few joins plus a quoted-printable pass in C.
    """

    PER_RECIPIENT = {b"to", b"date", b"message-id", b"content-type", b"content-transfer-encoding"}

    def __init__(self, issue, html, text):
        newsletter = issue.newsletter
        self.issue_id = issue.pk
        self.envelope_from = newsletter.sender_email
        self.newsletter_id = newsletter.pk
        self.domain = mail_domain()
        mailto = settings.NEWSLETTERS_UNSUBSCRIBE_MAILTO or newsletter.reply_to or newsletter.sender_email
        probe = EmailMultiAlternatives(
            subject=issue.subject,
            body="",
            from_email=newsletter.from_header,
            to=["probe@recipient.invalid"],
            reply_to=[newsletter.reply_to] if newsletter.reply_to else None,
            headers={
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"{newsletter.name} <{newsletter.slug}.{self.domain}>",
            },
        )
        head = probe.message().as_bytes(linesep="\r\n").split(b"\r\n\r\n", 1)[0]
        fixed = [line for line in _unfolded_headers(head) if line.split(b":", 1)[0].lower() not in self.PER_RECIPIENT]
        self.boundary = f"=_masthead_{secrets.token_hex(12)}".encode()
        self.fixed_headers = b"".join(line + b"\r\n" for line in fixed) + (
            b'Content-Type: multipart/alternative; boundary="' + self.boundary + b'"\r\n'
        )
        self.mailto = f"mailto:{mailto}?subject=unsubscribe".encode()
        self.html, self.text = html, text
        self.tracked = TRACKING_STANDIN in html  # only newsletters that track opens and clicks
        self.unsubscribe_prefix, self.unsubscribe_suffix = absolute(
            reverse("newsletters:unsubscribe", args=["TOKEN"])
        ).split("TOKEN")
        self.preferences_prefix, self.preferences_suffix = absolute(
            reverse("newsletters:preferences", args=["TOKEN"])
        ).split("TOKEN")
        self._date = (None, b"")
        self.subject, self.from_header = issue.subject, newsletter.from_header
        self.reply_to = [newsletter.reply_to] if newsletter.reply_to else None
        self.list_id = f"{newsletter.name} <{newsletter.slug}.{self.domain}>"

    def return_path(self, delivery_id) -> str:
        """The envelope sender (where bounces go): a per-delivery VERP address when a bounce domain is set."""
        from masthead.newsletters.bounces import return_path

        return return_path(delivery_id) or self.envelope_from

    def date(self) -> bytes:
        now = int(time.time())
        if self._date[0] != now:
            self._date = (now, formatdate(now, localtime=settings.EMAIL_USE_LOCALTIME).encode())
        return self._date[1]

    def links(self, subscriber_id, key):
        unsubscribe = (
            self.unsubscribe_prefix + manage_token(subscriber_id, key, self.newsletter_id) + self.unsubscribe_suffix
        )
        preferences = self.preferences_prefix + manage_token(subscriber_id, key) + self.preferences_suffix
        return unsubscribe, preferences

    def personal_html(self, delivery_id, unsubscribe, preferences) -> str:
        html = personalise(self.html, unsubscribe, preferences)
        if self.tracked:
            from masthead.newsletters.bounces import signed_delivery_id

            html = html.replace(TRACKING_STANDIN, signed_delivery_id(delivery_id))
        return html

    def message_bytes(self, delivery_id, address, subscriber_id, key) -> bytes:
        """The whole message for one recipient, CRLF line ends, ready for ``smtplib.SMTP.sendmail``."""
        if not address.isascii() or any(char in address for char in "\r\n<>,"):
            raise ValueError("This address cannot be written into a message header.")
        unsubscribe, preferences = self.links(subscriber_id, key)
        boundary = self.boundary
        return b"".join(
            [
                b"To: ",
                address.encode(),
                b"\r\nDate: ",
                self.date(),
                b"\r\nMessage-ID: ",
                message_id(self.issue_id, delivery_id, self.domain).encode(),
                b"\r\nList-Unsubscribe: <",
                unsubscribe.encode(),
                b">, <",
                self.mailto,
                b">\r\n",
                self.fixed_headers,
                b"\r\n--",
                boundary,
                b"\r\n",
                _qp_part("text/plain", personalise(self.text, unsubscribe, preferences)),
                b"\r\n--",
                boundary,
                b"\r\n",
                _qp_part("text/html", self.personal_html(delivery_id, unsubscribe, preferences)),
                b"\r\n--",
                boundary,
                b"--\r\n",
            ]
        )

    def email_message(self, delivery_id, address, subscriber_id, key, connection=None):
        """The same message as a Django ``EmailMessage``, for backends that take no raw bytes (outbox, APIs)."""
        if any(char in address for char in "\r\n<>,"):
            raise ValueError("This address cannot be written into a message header.")
        unsubscribe, preferences = self.links(subscriber_id, key)
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=personalise(self.text, unsubscribe, preferences),
            from_email=self.from_header,
            to=[address],
            reply_to=self.reply_to,
            connection=connection,
            headers={
                "Message-ID": message_id(self.issue_id, delivery_id, self.domain),
                "List-Unsubscribe": f"<{unsubscribe}>, <{self.mailto.decode()}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": self.list_id,
            },
        )
        message.attach_alternative(self.personal_html(delivery_id, unsubscribe, preferences), "text/html")
        message.metadata = {"masthead_delivery": str(delivery_id)}  # email services echo it in their webhooks
        return message


def _qp_part(content_type: str, content: str) -> bytes:
    body = content.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    return (
        f'Content-Type: {content_type}; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'.encode()
        + binascii.b2a_qp(body, istext=True)
    )


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
