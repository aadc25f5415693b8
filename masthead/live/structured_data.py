"""A live page's JSON-LD: Google's ``LiveBlogPosting`` with its latest entries as ``liveBlogUpdate``."""

from masthead.distribution.structured_data import person

LATEST_UPDATES = 10


def _iso(moment):
    return moment.isoformat() if moment else None


def live_blog_update(entry, page_url):
    update = {
        "@type": "BlogPosting",
        "headline": (entry.headline or entry.first_words())[:110],
        "url": f"{page_url}#{entry.anchor}",
        "datePublished": _iso(entry.posted_at),
        "dateModified": _iso(entry.updated_at),
        "articleBody": "\n".join(entry.text_blocks()),
    }
    if authors := list(entry.authors.all()):
        update["author"] = [person(author) for author in authors]
    return update


def extend_live_blog_posting(article, data, url):
    from masthead.live.models import LivePage

    if not isinstance(article, LivePage):
        return
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = _iso(article.first_published_at)
    if not article.is_live and article.coverage_ended_at:
        data["coverageEndTime"] = _iso(article.coverage_ended_at)
    entries = list(article.published_entries()[:LATEST_UPDATES])
    data["liveBlogUpdate"] = [live_blog_update(entry, url) for entry in entries]
    if entries:  # an entry is a change to the story: the newest one dates it
        data["dateModified"] = max(data["dateModified"] or "", _iso(max(entry.updated_at for entry in entries)))


def live_state_fingerprint(article):
    """The live page's own version (no query), or the entries' state itself while the cache is away."""
    from masthead.live.models import LivePage
    from masthead.live.page_version import page_version

    if not isinstance(article, LivePage):
        return ""
    version = page_version(article.pk)
    return f"v{version}" if version is not None else repr(article.entries_state())
