"""Test and demo helpers: a published live page under a section, and entries on it."""

from django.utils import timezone

from masthead.live.models import LiveEntry, LivePage, paragraphs_body
from masthead.newsroom.models import ArticleAuthor


def make_live_page(section, authors, title="Election night, live", slug="election-night-live", **fields):
    page = LivePage(
        title=title,
        slug=slug,
        standfirst=fields.pop("standfirst", "Results as they come in, through the night."),
        body=fields.pop("body", [("paragraph", "<p>Polls closed at ten. Here is what we know.</p>")]),
        **fields,
    )
    for order, author in enumerate(authors):
        page.article_authors.add(ArticleAuthor(author=author, sort_order=order))
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_entry(page, text, headline="", authors=(), key_event=False, posted_at=None):
    entry = LiveEntry.objects.create(
        page=page,
        headline=headline,
        body=paragraphs_body(text),
        is_key_event=key_event,
        posted_at=posted_at or timezone.now(),
    )
    entry.authors.set(authors)
    return entry
