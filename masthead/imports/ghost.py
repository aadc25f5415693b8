"""A Ghost export (Settings → Labs → Export, JSON) and its members CSV → import records, read as a stream.

The export is read twice with ijson and never held whole: a first pass checks it (valid JSON to its end, a Ghost
version this reads) and keeps the small tables posts are joined with (posts_meta, posts_authors, posts_tags, tags,
users, newsletters); ``posts()`` then streams the posts one at a time. Secrets in the export (staff password
hashes, keys in ``settings``) are never read into a record.
"""

from __future__ import annotations

import csv
import html as htmllib
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import ijson

from masthead.imports.errors import ExportError
from masthead.imports.records import (
    ImageRecord,
    MemberRecord,
    NewsletterRecord,
    PersonRecord,
    PostRecord,
    RedirectRecord,
    TermRecord,
)

SUPPORTED_MAJOR_VERSIONS = {"4", "5", "6"}
JOINED_TABLES = {"posts_meta", "posts_authors", "posts_tags", "tags", "users", "newsletters", "settings"}
TABLE_ITEM = re.compile(r"^(?:db\.item\.)?data\.(\w+)\.item$")
VERSION_PREFIXES = {"db.item.meta.version", "meta.version"}
DATA_PREFIXES = {"db.item.data", "data"}
SOCIAL_NETWORKS = (
    "twitter",
    "facebook",
    "threads",
    "bluesky",
    "mastodon",
    "tiktok",
    "youtube",
    "instagram",
    "linkedin",
)
IMAGE_SIZE = re.compile(r"/content/images/size/w\d+(?:h\d+)?/")
GHOST_URL = "__GHOST_URL__"
MEMBER_COLUMNS = {"email", "subscribed_to_emails"}


def parse_time(value) -> datetime | None:
    """Ghost writes ``2026-10-22 20:02:19`` in the database export and ``…T…Z`` in the CSV: both UTC."""
    if not value or value == "None":
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _clean(value) -> str:
    return "" if value is None or value == "None" else str(value)


class GhostParser:
    system = "ghost"

    def __init__(self, export_path, *, images_dir=None, members_csv=None, old_base_url=""):
        self.source = Path(export_path)
        self.images_dir = Path(images_dir) if images_dir else None
        self.members_csv = Path(members_csv) if members_csv else None
        self.old_base_url = old_base_url.rstrip("/")
        self.tables = {name: [] for name in JOINED_TABLES}
        self.version = None
        self.post_count = 0
        self.posts_prefix = None
        self._scan()
        self._check_members_csv()
        self._join()

    # --- reading and checking
    def _open(self):
        try:
            return self.source.open("rb")
        except OSError as exc:
            raise ExportError(f"Cannot read {self.source}: {exc.strerror}.") from exc

    def _scan(self):
        builder = item_prefix = table = None
        seen_data = False
        with self._open() as handle:
            try:
                for prefix, event, value in ijson.parse(handle, use_float=True):
                    if builder is not None:
                        builder.event(event, value)
                        if event == "end_map" and prefix == item_prefix:
                            self.tables[table].append(builder.value)
                            builder = None
                        continue
                    if prefix in VERSION_PREFIXES and event in ("string", "number"):
                        self.version = str(value)
                    elif event == "start_map" and prefix in DATA_PREFIXES:
                        seen_data = True
                    elif event == "start_map" and (match := TABLE_ITEM.match(prefix)):
                        table = match.group(1)
                        if table == "posts":
                            self.post_count += 1
                            self.posts_prefix = prefix
                        elif table in JOINED_TABLES:
                            builder, item_prefix = ijson.ObjectBuilder(), prefix
                            builder.event(event, value)
            except (ijson.JSONError, UnicodeDecodeError, ValueError) as exc:
                detail = (str(exc).splitlines() or [type(exc).__name__])[0].strip()
                if "premature EOF" in detail or "Incomplete JSON" in detail:
                    raise ExportError(
                        f"{self.source.name} ends too early: the export is truncated (copy it again from Ghost)."
                    ) from exc
                raise ExportError(f"{self.source.name} is not a JSON file ({detail}).") from exc
        if self.version is None or not seen_data:
            raise ExportError(f"{self.source.name} is JSON but not a Ghost export (no db[0].meta.version and data).")
        if self.version.split(".")[0] not in SUPPORTED_MAJOR_VERSIONS:
            raise ExportError(
                f"{self.source.name} comes from Ghost {self.version}; this importer reads exports of Ghost 4, 5 and 6."
            )

    def _check_members_csv(self):
        if self.members_csv is None:
            return
        try:
            with self.members_csv.open(newline="", encoding="utf-8-sig") as handle:
                header = next(csv.reader(handle), [])
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ExportError(f"Cannot read the members CSV {self.members_csv}: {exc}.") from exc
        missing = MEMBER_COLUMNS - {column.strip() for column in header}
        if missing:
            raise ExportError(f"{self.members_csv.name} is not Ghost's members CSV (no {', '.join(sorted(missing))}).")

    def _join(self):
        def grouped(table, key):
            groups = {}
            for row in sorted(self.tables[table], key=lambda row: row.get("sort_order") or 0):
                groups.setdefault(row[key], []).append(row)
            return groups

        self.meta_by_post = {row["post_id"]: row for row in self.tables["posts_meta"]}
        self.authors_by_post = grouped("posts_authors", "post_id")
        self.tags_by_post = grouped("posts_tags", "post_id")
        self.tags_by_id = {row["id"]: row for row in self.tables["tags"]}
        settings = {row.get("key"): row.get("value") for row in self.tables["settings"]}
        self.site_title = _clean(settings.get("title"))
        self.tables["settings"] = []  # holds the old site's keys: forget them

    # --- images
    def local_image(self, url: str) -> Path | None:
        """The file in content/images for an address, the kept original (``name_o.jpg``) when Ghost has one."""
        if self.images_dir is None or "/content/images/" not in url:
            return None
        relative = IMAGE_SIZE.sub("/content/images/", url).split("/content/images/", 1)[1].split("?")[0]
        served = self.images_dir / relative
        original = served.with_name(f"{served.stem}_o{served.suffix}")
        return original if original.is_file() else served if served.is_file() else None

    def _image(self, url, caption="", alt="") -> ImageRecord | None:
        url = _clean(url)
        if not url:
            return None
        return ImageRecord(source_url=url, local_path=self.local_image(url), caption=_clean(caption), alt=_clean(alt))

    # --- records
    def people(self):
        for user in self.tables["users"]:
            yield PersonRecord(
                source_id=user["id"],
                slug=_clean(user.get("slug")),
                name=_clean(user.get("name")) or _clean(user.get("slug")),
                email=_clean(user.get("email")),
                bio=_clean(user.get("bio")),
                image=self._image(user.get("profile_image")),
                website=_clean(user.get("website")),
                social={network: _clean(user.get(network)) for network in SOCIAL_NETWORKS if _clean(user.get(network))},
            )

    def terms(self):
        for tag in self.tables["tags"]:
            yield TermRecord(
                source_id=tag["id"],
                slug=_clean(tag.get("slug")),
                name=_clean(tag.get("name")),
                description=_clean(tag.get("description")),
            )

    def newsletters(self):
        for row in self.tables["newsletters"]:
            if _clean(row.get("status")) in ("", "active"):
                yield NewsletterRecord(
                    source_id=row["id"],
                    slug=_clean(row.get("slug")),
                    name=_clean(row.get("name")),
                    description=_clean(row.get("description")),
                )

    def posts(self):
        if self.posts_prefix is None:
            return
        with self._open() as handle:
            for post in ijson.items(handle, self.posts_prefix, use_float=True):
                yield self._post(post)

    def _post(self, post) -> PostRecord:
        meta = self.meta_by_post.get(post["id"], {})
        tag_ids = [row["tag_id"] for row in self.tags_by_post.get(post["id"], [])]
        public_tags = [tid for tid in tag_ids if _clean(self.tags_by_id.get(tid, {}).get("visibility")) != "internal"]
        status = _clean(post.get("status"))
        if status not in ("published", "draft", "scheduled"):
            status = "draft"  # "sent": a newsletter-only post never had a web page
        if _clean(post.get("visibility")) not in ("", "public"):
            status = "draft"  # members-only or paid: never made free to read by an import
        return PostRecord(
            source_id=post["id"],
            kind="page" if post.get("type") == "page" else "article",
            title=_clean(post.get("title")),
            slug=_clean(post.get("slug")),
            status=status,
            html=self._body(post),
            published_at=parse_time(post.get("published_at")),
            updated_at=parse_time(post.get("updated_at")),
            excerpt=_clean(post.get("custom_excerpt")),
            feature_image=self._image(
                post.get("feature_image"), meta.get("feature_image_caption"), meta.get("feature_image_alt")
            ),
            meta_title=_clean(meta.get("meta_title")),
            meta_description=_clean(meta.get("meta_description")),
            canonical_url=_clean(post.get("canonical_url")),
            author_ids=[row["author_id"] for row in self.authors_by_post.get(post["id"], [])],
            tag_ids=tag_ids,
            primary_tag_id=public_tags[0] if public_tags else None,
            old_urls=[f"/{_clean(post.get('slug'))}/"],
            language=_clean(post.get("locale")),
        )

    def _body(self, post) -> str:
        if _clean(post.get("html")):
            return post["html"]
        if _clean(post.get("lexical")):
            return lexical_to_html(post["lexical"])
        if _clean(post.get("mobiledoc")):
            return mobiledoc_to_html(post["mobiledoc"])
        return ""

    def redirects(self):
        yield RedirectRecord(old_path="/rss/", target_kind="feed")
        for tag in self.tables["tags"]:
            if _clean(tag.get("visibility")) != "internal":
                yield RedirectRecord(old_path=f"/tag/{tag['slug']}/", target_kind="term", target_id=tag["id"])
                yield RedirectRecord(old_path=f"/tag/{tag['slug']}/rss/", target_kind="feed", target_id=tag["id"])
        for user in self.tables["users"]:
            yield RedirectRecord(old_path=f"/author/{user['slug']}/", target_kind="person", target_id=user["id"])
            yield RedirectRecord(old_path=f"/author/{user['slug']}/rss/", target_kind="feed", target_id=user["id"])

    def members(self):
        """Members from the CSV. It does not say which newsletters: subscribed members get those Ghost gives a
        new member (``subscribe_on_signup``), or every active one when none is marked."""
        if self.members_csv is None:
            return
        active = [row for row in self.tables["newsletters"] if _clean(row.get("status")) in ("", "active")]
        on_signup = [row["id"] for row in active if row.get("subscribe_on_signup") in (1, True, "1", "true")]
        default_ids = on_signup or [row["id"] for row in active]
        with self.members_csv.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                if _clean(row.get("deleted_at")):
                    continue
                subscribed = _clean(row.get("subscribed_to_emails")).lower() == "true"
                yield MemberRecord(
                    email=_clean(row.get("email")),
                    name=_clean(row.get("name")),
                    newsletter_ids=default_ids if subscribed else [],
                    subscribed=subscribed,
                    complained=_clean(row.get("email_disabled")).lower() == "true",
                    created_at=parse_time(row.get("created_at")),
                )


# --- Ghost's editor formats, for posts exported without html
TEXT_FORMATS = ((1, "b"), (2, "i"), (4, "s"), (16, "code"), (32, "sub"), (64, "sup"))


def _attr(value) -> str:
    return htmllib.escape(_clean(value), quote=True)


def lexical_to_html(document: str) -> str:
    """Ghost's Lexical JSON → the HTML Ghost would render for it (the node types Ghost 5 writes)."""
    try:
        root = json.loads(document)["root"]
    except (ValueError, KeyError, TypeError):
        return ""
    return "".join(_lexical_node(node) for node in root.get("children", []))


def _lexical_children(node) -> str:
    return "".join(_lexical_node(child) for child in node.get("children", []))


def _lexical_node(node) -> str:  # noqa: C901 (one branch per node type reads best)
    kind = node.get("type")
    if kind in ("text", "extended-text"):
        text = htmllib.escape(node.get("text", ""), quote=False)
        for bit, tag in TEXT_FORMATS:
            if node.get("format", 0) & bit:
                text = f"<{tag}>{text}</{tag}>"
        return text
    if kind == "linebreak":
        return "<br>"
    if kind in ("link", "autolink"):
        return f'<a href="{_attr(node.get("url"))}">{_lexical_children(node)}</a>'
    if kind == "paragraph":
        return f"<p>{_lexical_children(node)}</p>"
    if kind in ("heading", "extended-heading"):
        tag = node.get("tag") if node.get("tag") in ("h1", "h2", "h3", "h4", "h5", "h6") else "h2"
        return f"<{tag}>{_lexical_children(node)}</{tag}>"
    if kind in ("quote", "extended-quote", "aside"):
        return f"<blockquote><p>{_lexical_children(node)}</p></blockquote>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" or node.get("tag") == "ol" else "ul"
        return f"<{tag}>{_lexical_children(node)}</{tag}>"
    if kind == "listitem":
        return f"<li>{_lexical_children(node)}</li>"
    if kind == "image":
        return _image_html(node)
    if kind == "gallery":
        return _gallery_html(node)
    if kind == "bookmark":
        return _bookmark_html(node.get("url"), node.get("metadata") or {}, node.get("caption"))
    if kind == "embed":
        return _embed_html(node)
    if kind == "codeblock":
        language = f' class="language-{_attr(node.get("language"))}"' if node.get("language") else ""
        return f"<pre><code{language}>{htmllib.escape(node.get('code', ''))}</code></pre>"
    if kind == "html":
        return node.get("html", "")
    if kind == "horizontalrule":
        return "<hr>"
    return _lexical_children(node)


def _caption_html(card) -> str:
    return f"<figcaption>{card['caption']}</figcaption>" if card.get("caption") else ""  # Ghost keeps it as HTML


def _img(card) -> str:
    return f'<img src="{_attr(card.get("src"))}" alt="{_attr(card.get("alt"))}">'


def _image_html(card) -> str:
    return f'<figure class="kg-card kg-image-card">{_img(card)}{_caption_html(card)}</figure>'


def _gallery_html(card) -> str:
    images = "".join(_img(image) for image in card.get("images", []))
    return f'<figure class="kg-card kg-gallery-card">{images}{_caption_html(card)}</figure>'


def _embed_html(card) -> str:
    url = _attr(card.get("url"))
    return f'<figure class="kg-card kg-embed-card"><a href="{url}">{url}</a>{_caption_html(card)}</figure>'


def _bookmark_html(url, metadata, caption="") -> str:
    """As Ghost writes it, including its swap: the "author" span holds the publisher and the other way round."""
    parts = "".join(
        f'<div class="kg-bookmark-{name}">{_attr(metadata.get(name))}</div>'
        for name in ("title", "description")
        if metadata.get(name)
    )
    spans = "".join(
        f'<span class="kg-bookmark-{css}">{_attr(metadata.get(field))}</span>'
        for css, field in (("author", "publisher"), ("publisher", "author"))
        if metadata.get(field)
    )
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return (
        f'<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="{_attr(url)}">'
        f'<div class="kg-bookmark-content">{parts}<div class="kg-bookmark-metadata">{spans}</div></div></a>'
        f"{figcaption}</figure>"
    )


MOBILEDOC_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


def mobiledoc_to_html(document: str) -> str:
    """Ghost 4's Mobiledoc JSON → HTML (markup, list and card sections; the cards Ghost writes)."""
    try:
        doc = json.loads(document)
    except (ValueError, TypeError):
        return ""
    markups, cards = doc.get("markups", []), doc.get("cards", [])
    out = []
    for section in doc.get("sections", []):
        kind = section[0]
        if kind == 1:
            tag = section[1].lower() if section[1].lower() in MOBILEDOC_TAGS else "p"
            out.append(f"<{tag}>{_mobiledoc_markers(section[2], markups)}</{tag}>")
        elif kind == 3:
            tag = "ol" if section[1].lower() == "ol" else "ul"
            items = "".join(f"<li>{_mobiledoc_markers(item, markups)}</li>" for item in section[2])
            out.append(f"<{tag}>{items}</{tag}>")
        elif kind == 10 and section[1] < len(cards):
            out.append(_mobiledoc_card(*cards[section[1]]))
    return "".join(out)


def _mobiledoc_markers(markers, markups) -> str:
    text, open_tags = [], []
    for marker in markers:
        _type, opens, closes, value = marker
        for index in opens:
            tag, attributes = markups[index][0], markups[index][1] if len(markups[index]) > 1 else []
            pairs = dict(zip(attributes[::2], attributes[1::2], strict=False))
            text.append(f'<a href="{_attr(pairs.get("href"))}">' if tag == "a" else f"<{tag}>")
            open_tags.append(tag)
        text.append(htmllib.escape(value, quote=False) if isinstance(value, str) else "")
        for _ in range(closes):
            text.append(f"</{open_tags.pop()}>")
    return "".join(text)


def _mobiledoc_card(name, payload) -> str:
    if name == "image":
        return _image_html(payload)
    if name == "bookmark":
        return _bookmark_html(payload.get("url"), payload.get("metadata") or {}, payload.get("caption"))
    if name == "html" and payload.get("html"):
        return payload["html"]
    if name == "embed":
        return _embed_html(payload)
    if name == "gallery":
        return _gallery_html(payload)
    if name == "code":
        return f"<pre><code>{htmllib.escape(payload.get('code', ''))}</code></pre>"
    if name == "markdown":  # no Markdown renderer here: its paragraphs as plain text
        parts = payload.get("markdown", "").split("\n\n")
        return "".join(f"<p>{htmllib.escape(part)}</p>" for part in parts if part.strip())
    if name == "hr":
        return "<hr>"
    return ""
