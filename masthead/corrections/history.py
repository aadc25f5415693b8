"""Public "what changed": an article's published versions, from Wagtail's revisions, and a word diff of two.

Only revisions that were published count (Wagtail logs each publication with its revision); drafts, unpublished
and scheduled revisions never show. An article whose history editors hid still says that it changed, and when.
"""

import difflib
from dataclasses import dataclass
from datetime import datetime

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import PageLogEntry, Revision

from masthead.newsroom.blocks import block_text


@dataclass
class Version:
    number: int
    revision_id: int
    published_at: datetime


def published_versions(page) -> list[Version]:
    """Each publication of the page, oldest first (a revision published twice counts once, at its first time)."""
    rows = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .order_by("timestamp", "pk")
        .values_list("revision_id", "timestamp")
    )
    seen, versions = set(), []
    for revision_id, timestamp in rows:
        if revision_id not in seen:
            seen.add(revision_id)
            versions.append(Version(len(versions) + 1, revision_id, timestamp))
    return versions


def version_text(revision_id) -> dict:
    """What a reader read in one version: headline, standfirst and body text."""
    page = Revision.objects.get(pk=revision_id).as_object()
    body = [text for text in (block_text(block) for block in getattr(page, "body", [])) if text.strip()]
    return {"Headline": page.title, "Standfirst": getattr(page, "standfirst", ""), "Body": "\n".join(body)}


def word_diff(old: str, new: str):
    """HTML of ``new`` with words removed from ``old`` in <del> and words added in <ins>; None when equal."""
    before, after = old.split(), new.split()
    if before == after:
        return None
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            removed = escape(" ".join(before[a1:a2]))
            parts.append(f'<del><span class="visually-hidden">removed: </span>{removed}</del>')
        if op in ("insert", "replace"):
            added = escape(" ".join(after[b1:b2]))
            parts.append(f'<ins><span class="visually-hidden">added: </span>{added}</ins>')
    return mark_safe(" ".join(parts))


def compare(old_revision_id, new_revision_id) -> list[tuple[str, str]]:
    """[(field, diff HTML)] for each field that changed between two versions."""
    old, new = version_text(old_revision_id), version_text(new_revision_id)
    changes = []
    for field in old:
        if (diff := word_diff(old[field], new[field])) is not None:
            changes.append((field, diff))
    return changes
