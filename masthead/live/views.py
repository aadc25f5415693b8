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

from masthead.live.models import LivePage, entries_state
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


def parse_after(value) -> int:
    """The newest entry id the reader has; anything that is not a small whole number counts as none."""
    value = (value or "0").strip()
    if not (value.isascii() and value.isdigit() and len(value) < 12):
        return 0
    return int(value)


def render_updates(request, page, after):
    entries = list(page.published_entries().filter(pk__gt=after)[:MAX_ENTRIES_PER_POLL])
    page_url = page.get_url(request) or "/"
    return {
        "latest": max([after, *(entry.pk for entry in entries)]),
        "count": len(entries),
        "html": "".join(
            render_to_string("live/entry.html", {"entry": entry, "page_url": page_url}) for entry in entries
        ),
        "coverage": page.coverage,
    }


@require_safe
def updates(request, page_id):
    page = live_page_or_404(page_id, request)
    after = parse_after(request.GET.get("after"))
    state = entries_state(page)
    fingerprint = repr((page.pk, page.coverage, page.last_published_at, state, after)).encode()
    etag = '"' + hashlib.sha256(fingerprint).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        key = f"live:updates:{etag}"
        body = caches["fragments"].get(key)
        if body is None:
            body = render_updates(request, page, after)
            caches["fragments"].set(key, body)
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    # A proxy may answer a crowd of pollers for two seconds; each poll still arrives within the 15 s promise.
    patch_cache_control(response, public=True, max_age=2)
    return response
