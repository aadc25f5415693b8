"""WordPress's WXR export (Tools → Export → All content) as import records, read as a stream.

The file is read twice with ``lxml.etree.iterparse``, each item cleared once read, so a 2 GB export never sits in
memory. The first pass (when the parser is made) checks the whole file, so a truncated or damaged export fails
before anything is written, and keeps what later records need: the channel's authors and terms, every attachment
(for featured and body images), reusable blocks, and which authors and terms the importable items use. The second
pass, ``posts()``, turns posts and pages into ``PostRecord``s.

WordPress facts this relies on (see /work/shared/migration/README.md): ``dc:creator`` is the author's login; terms
and titles are stored HTML-escaped; an attachment's caption is its ``excerpt:encoded`` and its alt text the postmeta
``_wp_attachment_image_alt``; ``_thumbnail_id`` names the featured image's attachment; ``wp:post_date_gmt`` is UTC
and can be ``0000-00-00 00:00:00`` for drafts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.text import slugify
from lxml import etree

from masthead.imports import gutenberg
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

WXR_NAMESPACE = re.compile(r"^http://wordpress\.org/export/(1\.[0-2])/$")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

# Item types and statuses that become Masthead pages; everything else (revisions, menus, templates, custom types,
# trash, auto-drafts) is left behind.
POST_KINDS = {"post": "article", "page": "page"}
STATUSES = {"publish": "published", "future": "scheduled", "draft": "draft", "pending": "draft", "private": "draft"}
UNCATEGORIZED = "uncategorized"  # WordPress's default category: never a section of its own
SITE_FEEDS = ("/feed/", "/feed/rss2/", "/feed/atom/", "/feed/rss/", "/feed/rdf/")

# SEO plugins' title and description postmeta, best first: Yoast, Rank Math, All in One SEO.
SEO_TITLE_KEYS = ("_yoast_wpseo_title", "rank_math_title", "_aioseo_title")
SEO_DESCRIPTION_KEYS = ("_yoast_wpseo_metadesc", "rank_math_description", "_aioseo_description")
SEO_CANONICAL_KEYS = ("_yoast_wpseo_canonical", "rank_math_canonical_url", "_aioseo_canonical_url")
PRIMARY_CATEGORY_KEYS = ("_yoast_wpseo_primary_category", "rank_math_primary_category")
SEO_VARIABLE = re.compile(r"%%(\w+)%%|%(\w+)%|#(\w+)\b")  # Yoast %%title%%, Rank Math %title%, AIOSEO #post_title

# The parser options: no entity expansion or network (an export is untrusted input), text nodes of any size.
PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": True, "load_dtd": False}


@dataclass
class Attachment:
    """What an import needs from an attachment item: its file, words and the post it belongs to."""

    url: str
    file: str = ""  # path under wp-content/uploads, e.g. "2026/11/lab.jpg"
    caption: str = ""
    alt: str = ""
    credit: str = ""
    parent: str = ""
    link: str = ""


@dataclass
class Category:
    term_id: str
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class Tag:
    term_id: str
    slug: str
    name: str
    description: str = ""


@dataclass
class Usage:
    """Which authors and terms the importable items use (learnt in the first pass)."""

    logins: set[str] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)  # category slugs that are some post's section
    secondary: set[str] = field(default_factory=set)  # category slugs used besides a post's section
    tags: set[str] = field(default_factory=set)


class WordPressExport:
    """A parser of one WXR file, as the importer expects (``people()``, ``terms()``, ``posts()`` and so on)."""

    system = "wordpress"

    def __init__(self, path, uploads_dir=None, progress=None):
        """Read and check the whole export once; ``progress(n)`` is told each time n more bytes were read."""
        self.path = Path(path)
        self.source = str(path)  # shown with the run in the admin
        self.uploads_dir = Path(uploads_dir) if uploads_dir else None
        self.site_title = ""
        self.old_base_url = ""  # the old site's origin (scheme and host): old addresses keep their whole path
        self.blog_url = ""  # where the blog lived, e.g. https://news.example.org/blog
        self.blog_path = ""
        self.wxr_version = ""
        self._wp = ""  # the WXR namespace, in braces, as lxml spells tag names
        self._excerpt = ""
        self.authors: dict[str, PersonRecord] = {}  # by login
        self.author_ids: dict[str, str] = {}  # login → WordPress user id
        self.categories: dict[str, Category] = {}  # by slug
        self.tags: dict[str, Tag] = {}  # by slug
        self.attachments: dict[str, Attachment] = {}  # by post id
        self.reusable_blocks: dict[str, str] = {}  # wp_block post id → its block markup
        self.usage = Usage()
        self.post_count = 0  # posts and pages that will be imported
        self._scan(progress)

    # The importer's interface

    def people(self) -> Iterator[PersonRecord]:
        """Authors of at least one imported post (WordPress's own ``admin`` with no posts is left behind)."""
        for login, person in self.authors.items():
            if login in self.usage.logins:
                yield person

    def terms(self) -> Iterator[TermRecord]:
        """Categories that are some post's section, categories used besides it (as tags), and used tags."""
        for slug, category in self.categories.items():
            if slug in self.usage.sections:
                yield TermRecord(self._section_id(category), slug, category.name, "section", category.description)
            if slug in self.usage.secondary:
                yield TermRecord(self._category_tag_id(category), slug, category.name, "tag", category.description)
        for slug, tag in self.tags.items():
            if slug in self.usage.tags:
                yield TermRecord(self._tag_id(tag), slug, tag.name, "tag", tag.description)

    def newsletters(self) -> Iterator[NewsletterRecord]:
        return iter(())  # WordPress itself has no newsletters or members

    def members(self) -> Iterator[MemberRecord]:
        return iter(())

    def posts(self) -> Iterator[PostRecord]:
        for item in self._items():
            record = self._post_record(item)
            if record is not None:
                yield record

    def redirects(self) -> Iterator[RedirectRecord]:
        """Old addresses of terms, authors, feeds and attachment pages (posts carry their own in ``old_urls``)."""
        yield from (RedirectRecord(self.blog_path + path, "feed") for path in SITE_FEEDS)
        yield from self._category_redirects()
        yield from self._tag_redirects()
        yield from self._author_redirects()
        yield from self._attachment_redirects()

    def image_for(self, url: str) -> ImageRecord | None:
        """The image an address in a body points at: its attachment's words and the original file, found locally."""
        attachment = self._attachment_for_url(url)
        if attachment is not None:
            return self._image_record(attachment)
        relative = self._uploads_relative(url)
        if relative is None:
            return None
        return ImageRecord(source_url=url, local_path=self._local_file(relative))

    # The first pass

    def _scan(self, progress=None) -> None:
        for element in self._channel_children(progress):
            tag = element.tag
            if tag == "title":
                self.site_title = html.unescape(element.text or "").strip()
            elif tag == "link" and not self.blog_url:
                self.blog_url = (element.text or "").strip().rstrip("/")
            elif tag == self._wp + "base_blog_url":
                self.blog_url = (element.text or "").strip().rstrip("/")
            elif tag == self._wp + "author":
                self._add_author(element)
            elif tag == self._wp + "category":
                self._add_category(element)
            elif tag == self._wp + "tag":
                self._add_tag(element)
            elif tag == "item":
                self._note_item(element)
        if not self.wxr_version:
            raise ExportError(f"{self.path.name} has no <wp:wxr_version>: it is not a WordPress export (WXR).")
        blog = urlsplit(self.blog_url)
        self.old_base_url = f"{blog.scheme}://{blog.netloc}" if blog.netloc else ""
        self.blog_path = blog.path.rstrip("/")  # "" for a blog at the site's root, "/blog" for one under it

    def _channel_children(self, progress=None) -> Iterator[etree._Element]:
        """Each complete child of ``<channel>``, cleared once the caller is done with it."""
        depth = 0
        try:
            with self.path.open("rb") as handle:
                source = ReportingReader(handle, progress) if progress else handle
                for event, element in etree.iterparse(source, events=("start", "end"), **PARSER_OPTIONS):
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            self._check_root(element)
                        continue
                    depth -= 1
                    if depth == 2:
                        if element.tag == self._wp + "wxr_version":
                            self.wxr_version = (element.text or "").strip()
                        yield element
                        element.clear(keep_tail=False)
                        parent = element.getparent()
                        while element.getprevious() is not None:
                            del parent[0]
        except etree.XMLSyntaxError as error:
            raise ExportError(self._syntax_message(error)) from None
        except OSError as error:
            raise ExportError(f"Cannot read {self.path}: {error.strerror or error}.") from None

    def _check_root(self, root) -> None:
        if root.tag != "rss":
            raise ExportError(f"{self.path.name} is XML but not a WordPress export (WXR): it starts with <{root.tag}>.")
        for prefix, uri in root.nsmap.items():
            match = WXR_NAMESPACE.match(uri or "")
            if match and prefix == "wp":
                self._wp = "{" + uri + "}"
            elif (uri or "").startswith("http://wordpress.org/export/") and uri.endswith("/excerpt/"):
                self._excerpt = "{" + uri + "}encoded"
            elif prefix == "wp":
                raise ExportError(f"{self.path.name} is a WordPress export of an unknown version ({uri}).")
        if not self._wp:
            raise ExportError(f"{self.path.name} is an RSS feed, not a WordPress export (WXR): no wp: namespace.")

    def _syntax_message(self, error) -> str:
        line = error.position[0] if error.position else 0
        if line <= 1 and not self._wp:
            return f"{self.path.name} is not an XML file, so not a WordPress export (WXR)."
        reason = re.sub(r",?\s*line \d+, column \d+\)?$", "", (str(error.msg).splitlines() or [""])[0]).strip()
        return f"{self.path.name} is incomplete or damaged at line {line} ({reason}); export it again (Tools → Export)."

    def _add_author(self, element) -> None:
        login = self._text(element, "author_login")
        if not login:
            return
        first, last = self._text(element, "author_first_name"), self._text(element, "author_last_name")
        name = html.unescape(self._text(element, "author_display_name") or f"{first} {last}".strip() or login)
        self.author_ids[login] = self._text(element, "author_id")
        self.authors[login] = PersonRecord(
            source_id=login,
            slug=slugify(name, allow_unicode=True) or slugify(login) or f"author-{self.author_ids[login]}",
            name=name,
            email=self._text(element, "author_email"),
        )

    def _add_category(self, element) -> None:
        slug = unquote(self._text(element, "category_nicename"))
        if slug:
            self.categories[slug] = Category(
                term_id=self._text(element, "term_id") or slug,
                slug=slug,
                name=html.unescape(self._text(element, "cat_name") or slug),
                parent_slug=unquote(self._text(element, "category_parent")),
                description=html.unescape(self._text(element, "category_description")),
            )

    def _add_tag(self, element) -> None:
        slug = unquote(self._text(element, "tag_slug"))
        if slug:
            self.tags[slug] = Tag(
                term_id=self._text(element, "term_id") or slug,
                slug=slug,
                name=html.unescape(self._text(element, "tag_name") or slug),
                description=html.unescape(self._text(element, "tag_description")),
            )

    def _note_item(self, element) -> None:
        item = Item.read(element, self)
        if item.post_type == "attachment":
            self.attachments[item.id] = item.attachment()
        elif item.post_type == "wp_block":
            self.reusable_blocks[item.id] = item.content
        elif item.importable:
            self.post_count += 1
            self.usage.logins.add(item.creator)
            section, others = self._section_and_others(item)
            if section:
                self.usage.sections.add(section)
            self.usage.secondary.update(others)
            self.usage.tags.update(slug for slug in item.tag_slugs if slug in self.tags)

    # The second pass

    def _items(self) -> Iterator[Item]:
        for element in self._channel_children():
            if element.tag == "item":
                yield Item.read(element, self)

    def _post_record(self, item: Item) -> PostRecord | None:
        if not item.importable:
            return None
        section, others = self._section_and_others(item)
        context = gutenberg.Context(
            attachment=self.attachments.get,
            gallery_ids=lambda: [id_ for id_, attachment in self.attachments.items() if attachment.parent == item.id],
            reusable_block=self.reusable_blocks.get,
        )
        title = item.title or f"Untitled ({item.post_type} {item.id})"
        return PostRecord(
            source_id=item.id,
            kind=POST_KINDS[item.post_type],
            title=title,
            slug=item.slug or slugify(title, allow_unicode=True)[:200] or f"{item.post_type}-{item.id}",
            status="draft" if item.password else STATUSES[item.status],
            html=gutenberg.to_html(item.content, context),
            published_at=item.published_at,
            updated_at=item.modified_at,
            excerpt=gutenberg.plain_text(item.excerpt),
            feature_image=self._featured_image(item),
            meta_title=self._seo_text(item, SEO_TITLE_KEYS, title),
            meta_description=self._seo_text(item, SEO_DESCRIPTION_KEYS, title),
            canonical_url=item.first_meta(SEO_CANONICAL_KEYS),
            author_ids=[item.creator] if item.creator in self.authors else [],
            tag_ids=[self._tag_id(self.tags[s]) for s in item.tag_slugs if s in self.tags]
            + [self._category_tag_id(self.categories[s]) for s in others],
            section_id=self._section_id(self.categories[section]) if section else None,
            primary_tag_id=self._section_id(self.categories[section]) if section else None,
            old_urls=self._old_urls(item),
            language="",
        )

    def _featured_image(self, item: Item) -> ImageRecord | None:
        attachment = self.attachments.get(item.meta.get("_thumbnail_id", ""))
        return self._image_record(attachment) if attachment else None

    def _image_record(self, attachment: Attachment) -> ImageRecord:
        return ImageRecord(
            source_url=attachment.url,
            local_path=self._local_file(attachment.file or self._uploads_relative(attachment.url) or ""),
            caption=attachment.caption,
            alt=attachment.alt,
            credit=attachment.credit,
        )

    def _seo_text(self, item: Item, keys, title: str) -> str:
        """An SEO plugin's title or description with its variables filled in (%%title%%, %%sitename%%, …)."""
        text = item.first_meta(keys)
        if not text:
            return ""
        known = {"title": title, "post_title": title, "sitename": self.site_title, "site_title": self.site_title}
        known.update(sep="–", page="", primary_category="", excerpt=gutenberg.plain_text(item.excerpt))
        text = SEO_VARIABLE.sub(lambda m: known.get(m.group(1) or m.group(2) or m.group(3), m.group(0)), text)
        return re.sub(r"\s+", " ", html.unescape(text)).strip(" –|-")

    def _old_urls(self, item: Item) -> list[str]:
        """The pretty permalink (published items only have one) and the query forms WordPress always answers."""
        urls = [f"{self.blog_path}/?p={item.id}"]
        if item.post_type == "page":
            urls.append(f"{self.blog_path}/?page_id={item.id}")
        for link in (item.link, item.guid):
            path = self._site_path(link)
            if path and "?" not in path and path != "/" and path not in urls:
                urls.insert(0, path)
        return urls

    # Sections and tags

    def _section_and_others(self, item: Item) -> tuple[str | None, list[str]]:
        """The category that becomes the post's section (the SEO plugin's primary one, else the first), and the rest.

        "Uncategorized" is never a section: a post filed only there takes the section map's default.
        """
        slugs = [slug for slug in item.category_slugs if slug in self.categories and slug != UNCATEGORIZED]
        if not slugs:
            return None, []
        primary_id = item.first_meta(PRIMARY_CATEGORY_KEYS)
        primary = next((slug for slug in slugs if self.categories[slug].term_id == primary_id), slugs[0])
        return primary, [slug for slug in slugs if slug != primary]

    @staticmethod
    def _section_id(category: Category) -> str:
        return f"category:{category.term_id}"

    @staticmethod
    def _category_tag_id(category: Category) -> str:
        return f"category-tag:{category.term_id}"

    @staticmethod
    def _tag_id(tag: Tag) -> str:
        return f"tag:{tag.term_id}"

    def _category_path(self, category: Category) -> str:
        """``a/b`` for child category b of a: WordPress nests child categories under their parent's address."""
        parts, seen = [category.slug], {category.slug}
        parent = self.categories.get(category.parent_slug)
        while parent is not None and parent.slug not in seen:
            parts.insert(0, parent.slug)
            seen.add(parent.slug)
            parent = self.categories.get(parent.parent_slug)
        return "/".join(parts)

    # Redirects

    def _category_redirects(self) -> Iterator[RedirectRecord]:
        for slug, category in self.categories.items():
            if slug in self.usage.sections:
                target = self._section_id(category)
            elif slug in self.usage.secondary:
                target = self._category_tag_id(category)
            else:
                target = None  # empty categories (and "Uncategorized") are not imported: their readers go home
            path = f"{self.blog_path}/category/{self._category_path(category)}/"
            yield from self._term_redirects(path, f"{self.blog_path}/?cat={category.term_id}", target)

    def _tag_redirects(self) -> Iterator[RedirectRecord]:
        for slug, tag in self.tags.items():
            target = self._tag_id(tag) if slug in self.usage.tags else None
            yield from self._term_redirects(f"{self.blog_path}/tag/{slug}/", f"{self.blog_path}/?tag={slug}", target)

    def _author_redirects(self) -> Iterator[RedirectRecord]:
        """The author archive by display-name slug and by login (WordPress's nicename is one of them), and ?author=N."""
        for login, person in self.authors.items():
            imported = login in self.usage.logins
            kind, target = ("person", login) if imported else ("home", "")
            for slug in dict.fromkeys((person.slug, slugify(login))):
                yield RedirectRecord(f"{self.blog_path}/author/{slug}/", kind, target)
                yield RedirectRecord(f"{self.blog_path}/author/{slug}/feed/", "feed", target)
            if self.author_ids.get(login):
                yield RedirectRecord(f"{self.blog_path}/?author={self.author_ids[login]}", kind, target)

    @staticmethod
    def _term_redirects(path: str, query_path: str, target: str | None) -> Iterator[RedirectRecord]:
        kind, target = ("term", target) if target else ("home", "")
        yield RedirectRecord(path, kind, target)
        yield RedirectRecord(query_path, kind, target)
        yield RedirectRecord(f"{path}feed/", "feed", target)

    def _attachment_redirects(self) -> Iterator[RedirectRecord]:
        """An attachment's own page and ``?attachment_id=``/``?p=`` forms lead to the post it belongs to."""
        for id_, attachment in self.attachments.items():
            if not attachment.parent or attachment.parent == "0":
                continue
            paths = [f"{self.blog_path}/?attachment_id={id_}", f"{self.blog_path}/?p={id_}"]
            link = self._site_path(attachment.link)
            if link and "?" not in link:
                paths.insert(0, link)
            for path in paths:
                yield RedirectRecord(path, "post", attachment.parent)

    # Files and addresses

    def _site_path(self, url: str) -> str:
        """``url`` as a path on the old site, query included (``/2026/10/22/slug/``, ``/?p=4``); "" if elsewhere."""
        if not url:
            return ""
        parts = urlsplit(url)
        base = urlsplit(self.old_base_url)
        if parts.netloc and parts.netloc != base.netloc:
            return ""
        path = unquote(parts.path) or "/"
        return f"{path}?{parts.query}" if parts.query else path

    def _uploads_relative(self, url: str) -> str | None:
        marker = "/wp-content/uploads/"
        path = unquote(urlsplit(url).path)
        return path.split(marker, 1)[1] if marker in path else None

    def _local_file(self, relative: str) -> Path | None:
        if not self.uploads_dir or not relative:
            return None
        candidate = (self.uploads_dir / relative).resolve()
        if not candidate.is_relative_to(self.uploads_dir.resolve()):
            return None  # a crafted "../" in an export must not read files outside the uploads folder
        return candidate if candidate.is_file() else None

    def _attachment_for_url(self, url: str) -> Attachment | None:
        """The attachment an image address shows, as the original (``name.jpg``) or a copy (``name-300x169.jpg``)."""
        if not hasattr(self, "_attachments_by_file"):
            self._attachments_by_file = {a.file: a for a in self.attachments.values() if a.file}
        relative = self._uploads_relative(url)
        if relative is None:
            return None
        original = re.sub(r"-\d+x\d+(\.\w+)$", r"\1", relative)
        return self._attachments_by_file.get(relative) or self._attachments_by_file.get(original)

    def _text(self, element, name: str) -> str:
        return (element.findtext(self._wp + name) or "").strip()


class ReportingReader:
    """A binary file that says how many bytes each read took (for the progress bar of the first pass)."""

    def __init__(self, handle, progress):
        self.handle, self.progress = handle, progress

    def read(self, size=-1):
        data = self.handle.read(size)
        self.progress(len(data))
        return data


@dataclass
class Item:
    """One ``<item>`` read into plain values (the element itself is cleared right after)."""

    id: str
    post_type: str
    status: str
    title: str
    slug: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    parent: str
    password: str
    published_at: datetime | None
    modified_at: datetime | None
    attachment_url: str
    category_slugs: list[str]
    tag_slugs: list[str]
    meta: dict[str, str]

    @classmethod
    def read(cls, element, export: WordPressExport) -> Item:
        wp = export._wp

        def text(name, namespace=wp):
            return element.findtext(namespace + name) or ""

        categories, tags = [], []
        for category in element.iterfind("category"):
            slug = unquote(category.get("nicename") or "")
            {"category": categories, "post_tag": tags}.get(category.get("domain"), []).append(slug)
        meta = {}
        for postmeta in element.iterfind(wp + "postmeta"):
            meta.setdefault(postmeta.findtext(wp + "meta_key") or "", postmeta.findtext(wp + "meta_value") or "")
        status = text("status").strip()
        published = parse_date(text("post_date_gmt"))
        if published is None and status in ("publish", "future"):
            published = parse_date(text("post_date"))  # no GMT date: take the site's local one as UTC
        return cls(
            id=text("post_id").strip(),
            post_type=text("post_type").strip(),
            status=status,
            title=html.unescape(element.findtext("title") or "").strip(),
            slug=unquote(text("post_name").strip()),
            link=(element.findtext("link") or "").strip(),
            guid=(element.findtext("guid") or "").strip(),
            creator=(element.findtext(DC_CREATOR) or "").strip(),
            content=element.findtext(CONTENT) or "",
            excerpt=(element.findtext(export._excerpt) or "") if export._excerpt else "",
            parent=text("post_parent").strip(),
            password=text("post_password"),
            published_at=published,
            modified_at=parse_date(text("post_modified_gmt")),
            attachment_url=text("attachment_url").strip(),
            category_slugs=categories,
            tag_slugs=tags,
            meta=meta,
        )

    @property
    def importable(self) -> bool:
        return self.post_type in POST_KINDS and self.status in STATUSES and bool(self.id) and not self.is_wordpress_own

    @property
    def is_wordpress_own(self) -> bool:
        """WordPress's generated Privacy Policy draft, never edited (its tutorial hints are still in it)."""
        return self.post_type == "page" and self.status == "draft" and "privacy-policy-tutorial" in self.content

    def first_meta(self, keys) -> str:
        return next((self.meta[key].strip() for key in keys if self.meta.get(key, "").strip()), "")

    def attachment(self) -> Attachment:
        return Attachment(
            url=self.attachment_url or self.guid,
            file=self.meta.get("_wp_attached_file", ""),
            caption=self.excerpt.strip(),
            alt=html.unescape(self.meta.get("_wp_attachment_image_alt", "")).strip(),
            credit=php_string_value(self.meta.get("_wp_attachment_metadata", ""), "credit"),
            parent=self.parent,
            link=self.link,
        )


def parse_date(value: str) -> datetime | None:
    """A WXR date (``2026-10-22 17:09:36``, UTC in the ``_gmt`` fields); None for WordPress's zero date."""
    value = value.strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def php_string_value(serialized: str, key: str) -> str:
    """One string from a PHP-serialized array (``s:6:"credit";s:9:"AP Photo";``), without a PHP unserializer.

    PHP counts string lengths in bytes, so the value is cut from the UTF-8 encoding.
    """
    data = serialized.encode()
    name = key.encode()
    marker = b's:%d:"%s";s:' % (len(name), name)
    start = data.find(marker)
    if start < 0:
        return ""
    length_end = data.find(b':"', start + len(marker))
    try:
        length = int(data[start + len(marker) : length_end])
    except ValueError:
        return ""
    value_start = length_end + 2
    return data[value_start : value_start + length].decode(errors="replace").strip()
