"""What an open live page asks for: the entries newer than the newest it has, cheap to ask for every few seconds.

A poll costs no query when warm: the page is remembered under the publish version and the entries' state (count,
newest change, newest id) is kept in the shared cache for a few seconds and dropped whenever an entry changes
(one indexed query to rebuild it). The ETag comes from that state and what was asked, so an unchanged story
answers 304 without rendering, and a changed one is rendered once per state in each process (the ``fragments``
cache) however many readers ask.
"""

import hashlib

from django.core.cache import caches
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from masthead.live.models import LivePage, change_stamp, entries_state, stamp_moment
from masthead.newsroom.publish_version import remembered

MAX_ENTRIES_PER_POLL = 50


def live_page_or_404(page_id, request=None):
    """The published live page, remembered under the publish version (a publish, unpublish or restriction moves it)."""
    page = remembered(
        request, "live-page", lambda: LivePage.objects.live().public().filter(pk=page_id).first(), page_id
    )
    if page is None:
        raise Http404("No such live page.")
    return page


def parse_position(value, digits=17) -> int:
    """A whole number the reader sent back (an entry id, a change stamp); anything else counts as none."""
    value = (value or "0").strip()
    if not (value.isascii() and value.isdigit() and len(value) < digits):
        return 0
    return int(value)


def parse_after(value) -> int:
    """The newest entry id the reader has."""
    return parse_position(value, digits=12)


def render_entry(entry, page_url):
    return render_to_string("live/entry.html", {"entry": entry, "page_url": page_url})


def render_updates(request, page, after, since):
    """New entries (newer than ``after``), entries the reader has that changed after ``since``, and every id left.

    The ids let an open page drop entries deleted since it loaded; ``since`` in the answer is the newest change
    the reader now knows, for its next poll.
    """
    entries = page.published_entries()
    new = list(entries.filter(pk__gt=after)[:MAX_ENTRIES_PER_POLL])
    edited = list(entries.filter(pk__lte=after, updated_at__gt=stamp_moment(since))) if since else []
    page_url = page.get_url(request) or "/"
    newest_change = max([since, *(change_stamp(entry.updated_at) for entry in new + edited)])
    return {
        "latest": max([after, *(entry.pk for entry in new)]),
        "count": len(new),
        "html": "".join(render_entry(entry, page_url) for entry in new),
        "edited": [{"id": entry.pk, "html": render_entry(entry, page_url)} for entry in edited],
        "ids": list(entries.filter(pk__lte=after).values_list("pk", flat=True)),
        "since": newest_change,
        "coverage": page.coverage,
    }


@require_safe
def updates(request, page_id):
    page = live_page_or_404(page_id, request)
    after = parse_after(request.GET.get("after"))
    since = parse_position(request.GET.get("since"))
    state = entries_state(page)
    fingerprint = repr((page.pk, page.coverage, page.last_published_at, state, after, since)).encode()
    etag = '"' + hashlib.sha256(fingerprint).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        key = f"live:updates:{etag}"
        body = caches["fragments"].get(key)
        if body is None:
            body = render_updates(request, page, after, since)
            caches["fragments"].set(key, body)
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    # A proxy may answer a crowd of pollers for two seconds; each poll still arrives within the 15 s promise.
    patch_cache_control(response, public=True, max_age=2)
    return response
