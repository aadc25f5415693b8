"""What every source parser yields and the importer writes: plain records, no Django.

A parser (ghost.py, wordpress.py) turns an export into these; importer.py turns them into Masthead objects,
remembering (system, source_id) for each so a second run updates instead of duplicating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass
class ImageRecord:
    source_url: str  # as it appears in the export (absolute or site-relative)
    local_path: Path | None = None  # resolved against --images/--uploads; None when missing locally
    caption: str = ""  # plain text or inline HTML
    alt: str = ""
    credit: str = ""


@dataclass
class PersonRecord:
    source_id: str
    slug: str
    name: str
    email: str = ""
    bio: str = ""
    image: ImageRecord | None = None
    website: str = ""
    social: dict[str, str] = field(default_factory=dict)  # {"twitter": "@handle", "facebook": "...", ...}


@dataclass
class TermRecord:
    source_id: str
    slug: str
    name: str
    kind: str = "tag"  # "tag" or "section" (WordPress categories are sections)
    description: str = ""


@dataclass
class NewsletterRecord:
    source_id: str
    slug: str
    name: str
    description: str = ""


@dataclass
class PostRecord:
    source_id: str
    kind: str  # "article" or "page"
    title: str
    slug: str
    status: str  # "published", "draft" or "scheduled"
    html: str  # the body as HTML (parsers render lexical/mobiledoc/Gutenberg to HTML or pre-clean it)
    published_at: datetime | None = None  # aware; the go-live time for scheduled posts
    updated_at: datetime | None = None
    excerpt: str = ""  # becomes the standfirst
    feature_image: ImageRecord | None = None
    meta_title: str = ""
    meta_description: str = ""
    canonical_url: str = ""
    author_ids: list[str] = field(default_factory=list)  # PersonRecord.source_id, in order
    tag_ids: list[str] = field(default_factory=list)  # TermRecord.source_id (kind "tag")
    section_id: str | None = None  # TermRecord.source_id (kind "section"), or None to use the section map/default
    primary_tag_id: str | None = None  # Ghost's primary tag, for the section map
    old_urls: list[str] = field(default_factory=list)  # every address this post had on the old site
    language: str = ""


@dataclass
class MemberRecord:
    email: str
    name: str = ""
    newsletter_ids: list[str] = field(default_factory=list)  # NewsletterRecord.source_id
    subscribed: bool = True
    complained: bool = False
    created_at: datetime | None = None


@dataclass
class RedirectRecord:
    old_path: str  # e.g. "/tag/politics/" or "/?p=42" or "/2024/05/01/slug/"
    target_kind: str  # "post", "term", "person", "feed", "home"
    target_id: str = ""  # source_id of the target record ("" for feed/home)
