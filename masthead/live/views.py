"""What an open live page asks for: the entries newer than the newest it has, cheap to ask for every few seconds.

A reader that is up to date is told so with no query: the page is remembered under the publish version and the
entries' state (count, newest change, newest id) is kept in the shared cache for a few seconds and dropped
whenever an entry changes (one indexed query to rebuild it). The ETag names that state, not the reader's
position: once a reader has applied a complete answer it holds everything up to that state, so its next poll, from
its new position, is a ``304`` until an entry changes. A changed story costs a fixed number of queries, whatever
the number of entries, and is rendered once per state and position in each process (the ``fragments`` cache)
however many readers ask.
"""

import hashlib

from django.core.cache import caches
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from masthead.caching.page_memory import keep_only_while
from masthead.live.models import LivePage, change_stamp, entries_state, stamp_moment
from masthead.live.page_version import page_version, version_key
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


def state_etag(page, state, *position) -> str:
    """The ETag of ``state`` (plus ``position`` for an answer that left entries out: its reader is not there yet)."""
    fingerprint = repr((page.pk, page.coverage, page.last_published_at, state, *position)).encode()
    return '"' + hashlib.sha256(fingerprint).hexdigest()[:32] + '"'


def render_entry(entry, page_url):
    return render_to_string("live/entry.html", {"entry": entry, "page_url": page_url})


def render_updates(request, page, after, since):
    """New entries (newer than ``after``), entries the reader has that changed after ``since``, and every id left.

    Three queries whatever the number of entries: every entry's id and change time (the ids let an open page drop
    entries deleted since it loaded), then the rows to render with their authors. ``since`` in the answer is the
    newest change the reader now knows, for its next poll; ``complete`` is false when new entries were left out.
    """
    entries = page.entries.order_by("-posted_at", "-pk")
    changes = list(entries.values_list("pk", "updated_at"))
    newer = [pk for pk, _ in changes if pk > after]
    # A reader far behind gets the oldest of what it lacks first, so its next poll (after these) brings the rest.
    taken = set(sorted(newer)[:MAX_ENTRIES_PER_POLL])
    shown = [pk for pk in newer if pk in taken]
    changed_after = stamp_moment(since)
    edited = [pk for pk, updated_at in changes if pk <= after and since and updated_at > changed_after]
    rows = entries.prefetch_related("authors").in_bulk(shown + edited) if shown or edited else {}
    new, edited = [rows[pk] for pk in shown], [rows[pk] for pk in edited]
    page_url = remembered(request, "live-page-url", lambda: page.get_url(request) or "/", page.pk)
    return {
        "latest": max([after, *shown]),
        "count": len(new),
        "html": "".join(render_entry(entry, page_url) for entry in new),
        "edited": [{"id": entry.pk, "html": render_entry(entry, page_url)} for entry in edited],
        "ids": [pk for pk, _ in changes if pk <= after],
        "since": max([since, *(change_stamp(entry.updated_at) for entry in new + edited)]),
        "coverage": page.coverage,
        "complete": len(shown) == len(newer),
    }


def answer_for(request, page, etag, after, since) -> tuple[bytes, bool]:
    """The JSON answer for a reader at (``after``, ``since``) in the state ``etag`` names, rendered once per process."""
    key = f"live:updates:{etag}:{after}:{since}"
    answer = caches["fragments"].get(key)
    if answer is None:
        body = render_updates(request, page, after, since)
        answer = (JsonResponse(body, json_dumps_params={"ensure_ascii": False}).content, body["complete"])
        caches["fragments"].set(key, answer)
    return answer


@require_safe
def updates(request, page_id):
    page = live_page_or_404(page_id, request)
    # A first poll (no ETag yet) may be kept whole by page memory: under the page's own version, read first.
    keep_only_while(request, version_key(page.pk), lambda: page_version(page.pk))
    state = entries_state(page)
    etag = state_etag(page, state)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        after, since = parse_after(request.GET.get("after")), parse_position(request.GET.get("since"))
        body, complete = answer_for(request, page, etag, after, since)
        response = HttpResponse(body, content_type="application/json")
        if not complete:  # the reader asks again from where this answer leaves it, and must not be told 304
            etag = state_etag(page, state, after, since)
    response["ETag"] = etag
    # A proxy may answer a crowd of pollers for two seconds; each poll still arrives within the 15 s promise.
    patch_cache_control(response, public=True, max_age=2)
    return response
