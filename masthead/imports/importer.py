"""Records from any parser (ghost.py, wordpress.py) → Masthead objects, idempotently.

Everything made remembers its (system, kind, source id) in ImportedObject with a digest of the record, so a
second run updates what changed, leaves the rest alone and duplicates nothing. Each post is one transaction: a bad
one is reported and skipped, and a crash leaves whole posts behind, so the next run simply carries on. While it
runs, per-save work is held back (search indexing, narration, cache invalidation) and done once at the end.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import re
import uuid
from collections import defaultdict, deque
from contextlib import ExitStack, contextmanager
from email.utils import parseaddr
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from taggit.models import Tag
from tqdm import tqdm
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, Page, Site

from masthead.imports.body import Link, html_to_blocks
from masthead.imports.errors import ExportError
from masthead.imports.fetch import FetchFailed, ImageFetcher
from masthead.imports.models import ImportedObject, ImportRun, ImportWarning
from masthead.imports.records import ImageRecord, PostRecord
from masthead.imports.wagtail_quiet import add_new_page, quiet_saves
from masthead.newsroom.demo import loading_demo
from masthead.newsroom.models import ArticleAuthor, ArticlePage, ArticleTag, Author, HomePage, InfoPage, SectionPage
from masthead.newsroom.publish_version import invalidate_lists, invalidations_held

ASCII_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
IMG_SRC = re.compile(r"""<img\b[^>]*?\ssrc=["']([^"']+)["']""", re.IGNORECASE)  # for prefetching only
PROGRESS_EVERY = 20
BATCH_SIZE = 500  # small records per transaction
STANDFIRST_CHARS = 300
DEFAULT_SECTION = "News"


class _DryRunDone(Exception):
    """Raised at the end of a dry run to roll back everything it wrote."""


def run_import(
    parser,
    *,
    images_dir=None,
    dry_run=False,
    section_map=None,
    default_section=None,
    narrate=False,
    stdout=None,
    fetch_images=False,
) -> ImportRun:
    """Import everything the parser yields; returns the run with its summary (saved unless ``dry_run``).

    ``fetch_images``: download images missing from ``images_dir`` from the old site (``masthead.imports.fetch``).
    """
    importer = Importer(
        parser,
        images_dir=Path(images_dir) if images_dir else None,
        dry_run=dry_run,
        section_map={key.lower(): value for key, value in (section_map or {}).items()},
        default_section=default_section,
        stdout=stdout,
        fetcher=ImageFetcher(parser.old_base_url) if fetch_images else None,
    )
    try:
        return importer.run(narrate=narrate)
    finally:
        if importer.fetcher:
            importer.fetcher.close()


def record_digest(record, *extra) -> str:
    payload = json.dumps([dataclasses.asdict(record), extra], default=str, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def ascii_slug(slug: str, name: str, fallback: str) -> str:
    """Author and tag addresses take ASCII slugs only: keep the old one when it is, else derive one."""
    if slug and ASCII_SLUG.match(slug):
        return slug[:100]
    derived = slugify(name)[:100]
    return derived or f"{fallback}-{hashlib.sha1((slug or name).encode()).hexdigest()[:8]}"


def old_path(url: str, old_base_url: str) -> str | None:
    """The path (and query) of an address on the old site, normalised as Wagtail's redirects store it."""
    url = url.strip()
    if url.startswith("__GHOST_URL__"):
        url = url[len("__GHOST_URL__") :] or "/"
    elif old_base_url and url.startswith(old_base_url.rstrip("/")):
        url = url[len(old_base_url.rstrip("/")) :] or "/"
    elif not url.startswith("/") or url.startswith("//"):
        return None
    return Redirect.normalise_path(url.split("#")[0])


class Importer:
    def __init__(self, parser, *, images_dir, dry_run, section_map, default_section, stdout, fetcher=None):
        self.parser = parser
        self.fetcher = fetcher
        self.system = parser.system
        self.old_base = (parser.old_base_url or "").rstrip("/")
        self.images_dir = images_dir
        self.dry_run = dry_run
        self.section_map = section_map
        self.default_section = default_section
        self.stdout = stdout
        self.options = (sorted(section_map.items()), default_section)
        self.run_row = ImportRun(
            system=self.system,
            source=str(getattr(parser, "source", ""))[:500],
            old_base_url=self.old_base[:500],
            dry_run=dry_run,
            total=getattr(parser, "post_count", None),
        )
        self.summary = defaultdict(lambda: defaultdict(int))
        self.warnings: list[ImportWarning] = []
        self.known = {}  # (kind, source_id) → (object_id, digest)
        self.terms = {}  # source_id → TermRecord
        self.people, self.tags, self.newsletters = {}, {}, {}  # source_id → object id (tags: Tag object)
        self.images = {}  # source url → CreditedImage
        self.pages = {}  # old path → (page id, is article, new path)
        self.pending = set()  # posts whose bodies link to a post not yet imported
        self.touched_articles = []
        self.current = None  # the PostRecord being imported, for warnings
        self.undo, self.uncommitted = [], defaultdict(int)  # per record: see _guarded
        self.unwritten_known = []  # this record's new ImportedObject rows, written in one INSERT as it ends
        self.first_section = None  # the title of the home page's first section, the fallback for every post
        self.root_collection_id = None
        self.sections = {}  # lowered title → SectionPage, for the run
        self.section_titles = None  # lowered titles of the sections there were at the start
        self.existing_tags = None  # slug and lowered name → Tag, read once when the first tag is imported
        self.dry_run_files = []

    # --- the run
    def run(self, *, narrate=False) -> ImportRun:
        if not self.dry_run:
            self.run_row.save()
        try:
            with ExitStack() as stack:
                stack.enter_context(invalidations_held())
                stack.enter_context(loading_demo())  # the same quiet mode: no per-article indexing or narration
                self.saved = stack.enter_context(quiet_saves())  # nor a reference/search task per saved object
                if self.dry_run:
                    stack.enter_context(self._rolled_back())
                self._import_everything()
        except _DryRunDone:
            self._remove_dry_run_files()
        except Exception as exc:  # the run row says it failed (and why) before the error goes up
            self._finish(ImportRun.Status.FAILED, error=str(exc) or type(exc).__name__)
            raise
        if not self.dry_run:
            self._queue_background_work(narrate)
            invalidate_lists()  # the newsroom's caches, once
        self._finish(ImportRun.Status.FINISHED)
        return self.run_row

    def _remove_dry_run_files(self):
        from django.core.files.storage import default_storage

        for name in self.dry_run_files:
            default_storage.delete(name)

    @contextmanager
    def _rolled_back(self):
        with transaction.atomic():
            yield
            raise _DryRunDone

    def _import_everything(self):
        self.home = self._home()
        sites = Site.objects.filter(root_page=self.home)
        self.site = sites.first() or Site.objects.filter(is_default_site=True).first()
        self._load_known()
        self.root_path = self.home.url_path
        self.existing_redirects = set(Redirect.objects.filter(site=self.site).values_list("old_path", flat=True)) | set(
            Redirect.objects.filter(site__isnull=True).values_list("old_path", flat=True)
        )
        self._in_batches("author", self.parser.people(), self._person, lambda r: (r.source_id, r.name))
        self._in_batches("tag", self.parser.terms(), self._term, lambda r: (r.source_id, r.name))
        self._in_batches("newsletter", self.parser.newsletters(), self._newsletter, lambda r: (r.source_id, r.name))
        self._posts()
        self._in_batches("redirect", self.parser.redirects(), self._redirect_record, lambda r: (r.old_path,) * 2)
        self._in_batches("member", self.parser.members(), self._member, lambda r: (r.email, r.email))

    def _in_batches(self, kind, records, function, describe):
        """Small records (authors, tags, redirects, members) commit a batch at a time, each in its own savepoint.

        A bad one still rolls back alone (its savepoint); a crash loses at most one batch, which the next run
        makes again; and a commit per batch instead of per record is most of their cost. Posts are not batched:
        one article is one transaction.
        """
        records = iter(records)
        while batch := list(islice(records, BATCH_SIZE)):
            with transaction.atomic():
                for record in batch:
                    source_id, title = describe(record)
                    self._guarded(kind, source_id, title, function, record)

    def _finish(self, status, error=""):
        row = self.run_row
        row.status, row.error, row.finished_at = status, error[:2000], timezone.now()
        row.summary = {kind: dict(counts) for kind, counts in self.summary.items()}
        if not self.dry_run:
            row.save()
            for warning in self.warnings:
                warning.run = row
            ImportWarning.objects.bulk_create(self.warnings, batch_size=500)
        row.collected_warnings = self.warnings

    def _guarded(self, kind, source_id, title, function, record):
        """One record in its own transaction: what goes wrong is reported and skipped, never half-written."""
        self.undo, self.uncommitted, self.unwritten_known = [], defaultdict(int), []
        try:
            with transaction.atomic():
                outcome = function(record)
                ImportedObject.objects.bulk_create(self.unwritten_known)
        except (ExportError, _DryRunDone):
            raise
        except Exception as exc:  # a bad record must not stop the archive from coming across
            for forget in reversed(self.undo):  # what this record made was rolled back: so is what we remembered
                forget()
            self.summary[kind]["skipped"] += 1
            reason = exc.messages if isinstance(exc, ValidationError) else [str(exc) or type(exc).__name__]
            self.warn("bad_record", f"{kind} skipped: {'; '.join(reason)}", source_id=source_id, title=title)
            return None
        for made, count in self.uncommitted.items():  # sections and images it made, now committed
            self.summary[made]["created"] += count
        if outcome:
            self.summary[kind][outcome] += 1
        return outcome

    def warn(self, kind, message, *, source_id=None, title=None):
        current = self.current
        self.warnings.append(
            ImportWarning(
                kind=kind,
                source_id=str(source_id if source_id is not None else current.source_id if current else "")[:255],
                title=str(title if title is not None else current.title if current else "")[:500],
                message=message,
            )
        )

    def _load_known(self):
        for kind, source_id, object_id, digest in ImportedObject.objects.filter(system=self.system).values_list(
            "kind", "source_id", "object_id", "digest"
        ):
            self.known[(kind, source_id)] = (object_id, digest)
        self.people = {sid: oid for (kind, sid), (oid, _) in self.known.items() if kind == "author"}
        self.newsletters = {sid: oid for (kind, sid), (oid, _) in self.known.items() if kind == "newsletter"}
        page_ids = {oid for (kind, _), (oid, _) in self.known.items() if kind in ("article", "page")}
        self.page_paths = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "url_path"))

    def _remember(self, kind, source_id, obj, digest=""):
        key = (kind, source_id)
        previous = self.known.get(key)
        if previous == (obj.pk, digest):
            return  # already remembered as it is
        fields = {
            "content_type": ContentType.objects.get_for_model(type(obj)),
            "object_id": obj.pk,
            "digest": digest,
            "run": None if self.dry_run else self.run_row,
        }
        if previous is None:  # every row of this system was loaded at the start: a new one needs no lookup
            self.unwritten_known.append(ImportedObject(system=self.system, kind=kind, source_id=source_id, **fields))
        else:
            ImportedObject.objects.filter(system=self.system, kind=kind, source_id=source_id).update(**fields)
        self.known[key] = (obj.pk, digest)
        self.undo.append(lambda: self.known.update({key: previous}) if previous else self.known.pop(key, None))

    def _existing(self, kind, source_id, model):
        object_id, digest = self.known.get((kind, source_id), (None, ""))
        obj = model.objects.filter(pk=object_id).first() if object_id else None
        return obj, digest

    # --- the newsroom's frame
    def _home(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if isinstance(home, HomePage):
            return home
        home = HomePage.objects.first()
        if home is None:
            # A fresh install's placeholder ("Welcome to Wagtail", a plain Page) makes way, as for the demo.
            Page.objects.filter(depth=2, numchild=0, content_type=ContentType.objects.get_for_model(Page)).delete()
            home = HomePage(title=getattr(self.parser, "site_title", "") or "Newsroom", slug="home")
            Page.get_first_root_node().add_child(instance=home)
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
            )
        return home

    def _section(self, name: str) -> SectionPage:
        """The section of that title or slug under the home page, created (and live) when missing.

        Kept for the run: treebeard counts the children it adds on this object, so one object serves every post.
        """
        key = name.lower()
        if key in self.sections:
            return self.sections[key]
        slug = slugify(name, allow_unicode=True)[:255] or "news"
        found = SectionPage.objects.child_of(self.home).filter(title__iexact=name).first()
        found = found or SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        if found is None:
            found = SectionPage(title=name[:255], slug=slug, show_in_menus=True, live=True)
            HomePage.objects.get(pk=self.home.pk).add_child(instance=found)
            self.uncommitted["section"] += 1
        self.sections[key] = found
        self.undo.append(lambda: self.sections.pop(key, None))  # a rollback also undoes its child count
        return found

    def _section_titles(self) -> set:
        """The lowered titles of the home page's sections, read once (a post's primary tag is looked up in it)."""
        if self.section_titles is None:
            titles = SectionPage.objects.child_of(self.home).values_list("title", flat=True)
            self.section_titles = {title.lower() for title in titles}
        return self.section_titles | set(self.sections)

    def _section_for(self, record: PostRecord) -> SectionPage:
        if record.section_id and record.section_id in self.terms:
            term = self.terms[record.section_id]
            mapped = self.section_map.get(term.slug.lower()) or self.section_map.get(term.name.lower())
            return self._section(mapped or term.name)
        term = self.terms.get(record.primary_tag_id or "")
        if term is not None:
            mapped = self.section_map.get(term.slug.lower()) or self.section_map.get(term.name.lower())
            if mapped:
                return self._section(mapped)
            if term.name.lower() in self._section_titles():
                return self._section(term.name)
        if self.default_section:
            return self._section(self.default_section)
        if self.first_section is None:  # read once: the posts that fall back to it are often most of them
            first = SectionPage.objects.child_of(self.home).first()
            self.first_section = first.title if first else DEFAULT_SECTION
        return self._section(self.first_section)

    # --- people, terms, newsletters
    def _person(self, person):
        digest = record_digest(person)
        author, old_digest = self._existing("author", person.source_id, Author)
        if author and old_digest == digest:
            self.people[person.source_id] = author.pk
            return "unchanged"
        outcome = "updated" if author else "created"
        slug = ascii_slug(person.slug, person.name, "author")
        if author is None:
            author = Author.objects.filter(slug=slug).first()  # the newsroom made them already: adopt
            outcome = "updated" if author else "created"
            author = author or Author(slug=slug)
        author.name = person.name[:255]
        author.bio = strip_tags(person.bio or "")
        author.email = person.email if "@" in (person.email or "") else ""
        author.website = person.website if (person.website or "").startswith(("http://", "https://")) else ""
        author.social = {network: handle for network, handle in (person.social or {}).items() if handle}
        if person.image:
            author.photo = self.image(person.image) or author.photo
        author.save()
        self._remember("author", person.source_id, author, digest)
        self.people[person.source_id] = author.pk
        return outcome

    def _term(self, term):
        self.terms[term.source_id] = term
        if term.kind != "tag" or term.name.startswith("#") or term.slug.startswith("hash-"):
            return None  # sections are made when a post files under them; internal tags are not imported
        slug = ascii_slug(term.slug, term.name, "tag")
        tag, _digest = self._existing("tag", term.source_id, Tag)
        outcome = "unchanged" if tag and tag.name == term.name[:100] else "updated" if tag else "created"
        if tag is None:
            tag = self._tag_named(slug, term.name)
            outcome = "updated" if tag else "created"
        if tag is None:
            tag = Tag.objects.create(name=term.name[:100], slug=slug)
            made = {("slug", slug): tag, ("name", tag.name.lower()): tag}
            self.existing_tags.update(made)
            self.undo.append(lambda: [self.existing_tags.pop(key, None) for key in made])
        elif tag.name != term.name[:100] and not Tag.objects.filter(name=term.name[:100]).exclude(pk=tag.pk).exists():
            tag.name = term.name[:100]
            tag.save()
        self._remember("tag", term.source_id, tag)
        self.tags[term.source_id] = tag
        return outcome

    def _tag_named(self, slug, name):
        """The newsroom's tag with this slug (or else this name, in any case), from one read of all tags."""
        if self.existing_tags is None:
            self.existing_tags = {}
            for tag in Tag.objects.all():
                self.existing_tags[("slug", tag.slug)] = tag
                self.existing_tags.setdefault(("name", tag.name.lower()), tag)
        return self.existing_tags.get(("slug", slug)) or self.existing_tags.get(("name", name.lower()))

    def _newsletter(self, record):
        from masthead.newsletters.models import Newsletter

        digest = record_digest(record)
        newsletter, old_digest = self._existing("newsletter", record.source_id, Newsletter)
        if newsletter and old_digest == digest:
            self.newsletters[record.source_id] = newsletter.pk
            return "unchanged"
        if newsletter is None:
            newsletter = Newsletter.objects.filter(slug=record.slug[:80]).first()
        outcome = "updated" if newsletter else "created"
        if newsletter is None:
            sender_name, sender_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
            newsletter = Newsletter(slug=slugify(record.slug or record.name)[:80] or f"newsletter-{record.source_id}")
            newsletter.sender_name = record.name[:120] or sender_name
            newsletter.sender_email = sender_email or "newsroom@localhost"
        newsletter.name = record.name[:120]
        newsletter.description = record.description or record.name
        newsletter.save()
        self._remember("newsletter", record.source_id, newsletter, digest)
        self.newsletters[record.source_id] = newsletter.pk
        return outcome

    # --- images
    def image(self, record: ImageRecord, *, for_post=None):
        """The imported image for ``record`` (made once per source address), or None, warned, when it is missing."""
        from masthead.images.models import CreditedImage

        key = self._image_key(record.source_url)
        if key in self.images:
            return self.images[key]
        image, _digest = self._existing("image", key, CreditedImage)
        if image is None:
            path = self._local_file(record) or self._fetched_file(record)
            if path is None:
                return None
            image = self._new_image(path, record)
            if image is None:
                return None
            self._remember("image", key, image)
            self.uncommitted["image"] += 1
            self.undo.append(lambda: self.images.pop(key, None))
        self.images[key] = image
        return image

    def _image_key(self, url: str) -> str:
        path = old_path(url, self.old_base)
        return path if path is not None else url.strip()

    def _local_file(self, record: ImageRecord) -> Path | None:
        if record.local_path and Path(record.local_path).is_file():
            return Path(record.local_path)
        image_for = getattr(self.parser, "image_for", None)
        if image_for:
            known = image_for(record.source_url)
            if known and known.local_path and Path(known.local_path).is_file():
                record.alt = record.alt or known.alt
                record.caption = record.caption or known.caption
                record.credit = record.credit or known.credit
                return Path(known.local_path)
        local_image = getattr(self.parser, "local_image", None)
        if local_image:
            found = local_image(record.source_url)
            if found and Path(found).is_file():
                return Path(found)
        if self.images_dir is None:
            return None
        parts = [part for part in urlsplit(record.source_url.replace("__GHOST_URL__", "")).path.split("/") if part]
        for start in range(len(parts)):  # the longest trailing part of the address that is under the folder
            candidate = self.images_dir.joinpath(*parts[start:])
            if candidate.is_file():
                return candidate
        return None

    def _fetched_file(self, record: ImageRecord) -> Path | None:
        """With --fetch-images, the image downloaded from the old site; else None, warned."""
        if self.fetcher is None:
            self.warn("missing_image", f"Image not found locally: {record.source_url}")
            return None
        try:
            return self.fetcher.fetch(record.source_url)
        except FetchFailed as exc:
            self.warn("missing_image", f"Image not found locally, nor downloaded: {exc}: {record.source_url}")
            return None

    def _prefetched(self, posts, ahead=8):
        """The posts, with the images of the next few already downloading (only those missing locally)."""
        if self.fetcher is None:
            yield from posts
            return
        window = deque()
        for record in posts:
            self._prefetch_images(record)
            window.append(record)
            if len(window) > ahead:
                yield window.popleft()
        yield from window

    def _prefetch_images(self, record: PostRecord):
        urls = [record.feature_image.source_url] if record.feature_image else []
        urls += IMG_SRC.findall(record.html or "")
        for url in urls:
            url = html.unescape(url)
            key = self._image_key(url)
            if key in self.images or ("image", key) in self.known:
                continue  # imported already (this run or the last)
            if self._local_file(ImageRecord(source_url=url)) is None:
                self.fetcher.prefetch(url)

    def _new_image(self, path: Path, record: ImageRecord):
        from PIL import Image as PILImage

        from masthead.images.models import CreditedImage

        try:
            with PILImage.open(path) as picture:
                picture.verify()
        except Exception as exc:  # a damaged file is reported like a missing one
            self.warn("missing_image", f"Image not readable ({exc}): {record.source_url}")
            return None
        caption = strip_tags(record.caption or "").strip()
        if self.root_collection_id is None:  # the field's default would look it up for every image
            self.root_collection_id = Collection.get_first_root_node().pk
        image = CreditedImage(
            collection_id=self.root_collection_id,
            title=(record.alt or caption or path.stem)[:255],
            description=record.alt[:255],
            caption=caption,
            credit=record.credit[:255],
        )
        with path.open("rb") as handle:
            image.file = File(handle, name=path.name)
            image.save()
        stored = image.file.name
        self.undo.append(lambda: image.file.storage.delete(stored))  # its row may be rolled back with its post
        if self.dry_run:
            self.dry_run_files.append(image.file.name)  # the rollback forgets the row; the file goes at the end
        return image

    # --- posts
    def _posts(self):
        bar = tqdm(total=self.run_row.total, unit="post", desc="Posts", file=self.stdout, disable=self.stdout is None)
        with bar:
            for record in self._prefetched(self.parser.posts()):
                self.current = record
                kind = record.kind if record.kind in ("article", "page") else "article"
                self._guarded(kind, record.source_id, record.title, self._post, record)
                self.current = None
                bar.update(1)
                self.run_row.done += 1
                if not self.dry_run and self.run_row.done % PROGRESS_EVERY == 0:
                    ImportRun.objects.filter(pk=self.run_row.pk).update(done=self.run_row.done)
        if self.pending:
            self._relink_pending()
        if not self.dry_run:
            ImportRun.objects.filter(pk=self.run_row.pk).update(done=self.run_row.done)

    def _post(self, record: PostRecord, relink=False):
        kind = "page" if record.kind == "page" else "article"
        model = InfoPage if kind == "page" else ArticlePage
        digest = record_digest(record, self.options)
        known_id, old_digest = self.known.get((kind, record.source_id), (None, ""))
        if old_digest == digest and known_id in self.page_paths and not relink:  # the page is there, as it was
            self._register_paths(record, known_id, kind == "article", self.page_paths[known_id])
            return "unchanged"
        page, old_digest = self._existing(kind, record.source_id, model)
        outcome = "updated" if page else "created"
        page = page or model()
        byline, tags = self._fill(page, record, kind)
        if page.pk is None:
            parent = self._section_for(record) if kind == "article" else HomePage.objects.get(pk=self.home.pk)
            page.slug = self._free_slug(parent, page.slug)
            page.locale_id = parent.locale_id  # Wagtail would look the default locale up again for every page
            add_new_page(parent, page)
            if kind == "article":  # a new page has no byline or tags to compare with: one INSERT each
                ArticleAuthor.objects.bulk_create(
                    [
                        ArticleAuthor(article=page, author_id=author_id, sort_order=n)
                        for n, author_id in enumerate(byline)
                    ]
                )
                ArticleTag.objects.bulk_create([ArticleTag(content_object=page, tag=tag) for tag in tags])
        else:
            if kind == "article":  # modelcluster compares them with the stored rows and writes what changed
                page.article_authors = [ArticleAuthor(author_id=a, sort_order=n) for n, a in enumerate(byline)]
                page.tags.set(tags)
            page.save()
        if record.status == "scheduled" and not page.live:
            page.save_revision().publish()  # Wagtail schedules it: it goes live at go_live_at
        self._remember(kind, record.source_id, page, digest)
        self.page_paths[page.pk] = page.url_path
        self._register_paths(record, page.pk, kind == "article", page.url_path)
        self._redirect_post(record, page)
        if kind == "article":
            self.touched_articles.append(page.pk)
        return outcome

    def _fill(self, page, record: PostRecord, kind):
        """Set the page's own fields; returns the byline (author ids in order) and the tags, for the caller."""
        now = timezone.now()
        page.title = page.draft_title = record.title[:255] or "Untitled"
        fresh_slug = slugify(record.slug, allow_unicode=True) or slugify(record.title, allow_unicode=True)
        page.slug = page.slug or fresh_slug[:255] or f"post-{record.source_id}"
        page.seo_title = record.meta_title[:255]
        page.search_description = record.meta_description
        blocks = self._blocks(record)
        if kind == "page" and record.feature_image:  # a plain page has no hero: its picture opens the body
            image = self.image(record.feature_image)
            caption = strip_tags(record.feature_image.caption or "").strip()[:255]
            blocks = ([("image", {"image": image.pk, "caption": caption})] if image else []) + blocks
        page.body = json.dumps([{"type": t, "value": v, "id": str(uuid.uuid4())} for t, v in blocks])
        summary = self._standfirst(record, blocks)
        if kind == "article":
            page.standfirst = summary
        else:
            page.intro = summary
        self._set_status(page, record, now)
        if kind == "article":
            page.canonical_url = record.canonical_url[:500] if record.canonical_url.startswith("http") else ""
            page.language = record.language[:12] or page.language or "en"
            page.hero_image = self.image(record.feature_image) if record.feature_image else None
            caption = record.feature_image.caption if record.feature_image else ""
            page.hero_caption = strip_tags(caption or "").strip()
            byline = [self.people[pid] for pid in dict.fromkeys(record.author_ids) if pid in self.people]
            if not byline:
                self.warn("no_author", "No imported author for this post.")
            return byline, list(dict.fromkeys(self.tags[tid] for tid in record.tag_ids if tid in self.tags))
        return [], []

    def _set_status(self, page, record, now):
        published = record.published_at
        updated = max(record.updated_at, published) if record.updated_at and published else published
        if record.status == "scheduled" and published and published <= now:
            record = dataclasses.replace(record, status="published")  # its time came while the export waited
        page.go_live_at = published if record.status == "scheduled" else None
        if record.status == "published":
            page.live, page.has_unpublished_changes = True, False
            page.first_published_at = published or now
            page.last_published_at = updated or page.first_published_at
            page.latest_revision_created_at = page.last_published_at
        else:
            page.live, page.has_unpublished_changes = False, True

    def _standfirst(self, record, blocks) -> str:
        text = strip_tags(record.excerpt or "").strip()
        if not text:
            first = next((value for kind, value in blocks if kind == "paragraph"), "")
            text = strip_tags(first).strip()
        return Truncator(text).chars(STANDFIRST_CHARS) if text else record.title

    def _free_slug(self, parent, slug):
        if not Page.objects.child_of(parent).filter(slug=slug).exists():
            return slug  # the usual case, one indexed lookup
        taken = set(Page.objects.child_of(parent).filter(slug__startswith=slug).values_list("slug", flat=True))
        if slug not in taken:
            return slug
        number = 2
        while f"{slug}-{number}" in taken:
            number += 1
        self.warn("slug_changed", f"The address {slug!r} was taken in this section; the article is at {slug}-{number}.")
        return f"{slug}-{number}"

    def _blocks(self, record):
        blocks = html_to_blocks(record.html, resolve_link=self._resolve_link, resolve_image=self._body_image)
        raw = [value for kind, value in blocks if kind == "raw_html"]
        if raw:
            self.summary["raw_html_block"]["created"] += len(raw)
            for value in raw:
                self.warn("raw_html", f"Kept as raw HTML: {Truncator(strip_tags(value) or value).chars(120)}")
        return blocks

    def _body_image(self, record: ImageRecord):
        return self.image(record)

    def _resolve_link(self, url: str) -> Link:
        path = old_path(url, self.old_base)
        if path is None:
            return Link(url=url)
        target = self.pages.get(path)
        if target:
            page_id, is_article, new_path = target
            return Link(url=new_path, page_id=page_id, is_article=is_article)
        if not path.startswith(("/content/", "/wp-content/")) and self.current is not None:
            self.pending.add(self.current.source_id)  # maybe a post that comes later: look again at the end
        return Link(url=path if path.endswith(("/", ".xml")) or "?" in path else path + "/")

    def _register_paths(self, record, page_id, is_article, url_path):
        new_path = "/" + url_path[len(self.root_path) :] if url_path.startswith(self.root_path) else url_path
        for url in [f"/{record.slug}/", *record.old_urls]:
            path = old_path(url, self.old_base)
            if path is not None:
                self.pages[path] = (page_id, is_article, new_path)
                self.undo.append(lambda path=path: self.pages.pop(path, None))

    def _relink(self, record):
        return self._post(record, relink=True)

    def _relink_pending(self):
        """Bodies that linked to posts imported after them: convert them again now that every post has a page."""
        pending, self.pending = self.pending, set()
        for record in self.parser.posts():
            if record.source_id in pending:
                self.current = record
                self.warnings = [w for w in self.warnings if w.source_id != record.source_id]  # said again below
                raw_before = self.summary["raw_html_block"]["created"]
                self._guarded("relink", record.source_id, record.title, self._relink, record)
                self.summary["raw_html_block"]["created"] = raw_before
                self.current = None
        self.summary.pop("relink", None)
        self.pending = set()

    # --- redirects
    def _redirect_post(self, record, page):
        if record.status == "draft":
            return  # it had no public address
        for url in dict.fromkeys([f"/{record.slug}/", *record.old_urls]):
            self._redirect(url, page=page)

    def _redirect(self, url, *, page=None, link=""):
        path = old_path(url, self.old_base)
        if path is None or path in self.existing_redirects:
            return
        target_path = old_path(page.url_path[len(self.root_path) - 1 :], "") if page else old_path(link, "")
        if target_path == path:
            return  # the new address is the old one: nothing to redirect
        Redirect.objects.create(
            old_path=path, site=self.site, is_permanent=True, redirect_page=page, redirect_link=self._absolute(link)
        )
        self.existing_redirects.add(path)
        self.undo.append(lambda: self.existing_redirects.discard(path))
        self.uncommitted["redirect"] += 1

    def _absolute(self, link):
        if not link:
            return ""
        from masthead.distribution.links import absolute

        return absolute(link)

    def _redirect_record(self, record):
        page, link = None, ""
        if record.target_kind == "post":
            page_id = self.known.get(("article", record.target_id), self.known.get(("page", record.target_id)))
            page = Page.objects.filter(pk=page_id[0]).first() if page_id else None
            link = "" if page else "/"
        elif record.target_kind == "term":
            page, link = self._term_target(record.target_id)
        elif record.target_kind == "person":
            author_id = self.people.get(record.target_id)
            slug = Author.objects.filter(pk=author_id).values_list("slug", flat=True).first() if author_id else None
            link = reverse("newsroom:author", args=[slug]) if slug else "/"
        elif record.target_kind == "feed":
            link = self._feed_target(record.target_id)
        else:
            link = "/"
        if page is not None and not page.live and page.go_live_at is None:
            return None  # a draft has no public address to send anyone to
        self._redirect(record.old_path, page=page, link=link)
        return None

    def _term_target(self, term_id):
        term = self.terms.get(term_id)
        if term is None or term.name.startswith("#") or term.slug.startswith("hash-"):
            return None, "/"
        if term.kind == "section":
            section = SectionPage.objects.child_of(self.home).filter(title__iexact=term.name).first()
            return (section, "") if section else (None, "/")
        tag = self.tags.get(term_id)
        return None, reverse("newsroom:tag", args=[tag.slug]) if tag else "/"

    def _feed_target(self, target_id):
        if target_id in self.tags:
            return reverse("distribution:feed", args=["tag", self.tags[target_id].slug, "rss"])
        if target_id in self.people:
            slug = Author.objects.filter(pk=self.people[target_id]).values_list("slug", flat=True).first()
            return reverse("distribution:feed", args=["author", slug, "rss"])
        term = self.terms.get(target_id)
        if term is not None and term.kind == "section":
            section = SectionPage.objects.child_of(self.home).filter(title__iexact=term.name).first()
            if section:
                return reverse("distribution:feed", args=["section", section.slug, "rss"])
        return reverse("distribution:site_feed", args=["rss"])

    # --- members
    def _member(self, member):
        from masthead.newsletters.addresses import address_hash, normalise_address
        from masthead.newsletters.models import Subscriber, Subscription, SubscriptionEvent, Suppression

        address = normalise_address(member.email)
        since = member.created_at or timezone.now()
        subscriber, created = Subscriber.objects.get_or_create(
            address=address, defaults={"address_hash": address_hash(address), "created_at": since}
        )
        outcome = "created" if created else "unchanged"
        if member.complained or not member.subscribed:
            reason = Suppression.Reason.COMPLAINT if member.complained else Suppression.Reason.MANUAL
            why = "complained" if member.complained else "unsubscribed"
            if not Suppression.objects.filter(address_hash=address_hash(address)).exists():
                Suppression.suppress(address, reason, note=f"{why} in {self._system_name()} before the move")
                self.summary["suppression"]["created"] += 1
            return outcome
        consent = f"imported from {self._system_name()} on {timezone.now():%Y-%m-%d} (member since {since:%Y-%m-%d})"
        for newsletter_source_id in member.newsletter_ids:
            newsletter_id = self.newsletters.get(newsletter_source_id)
            if newsletter_id is None:
                continue
            now = timezone.now()
            subscription, made = Subscription.objects.get_or_create(
                subscriber=subscriber,
                newsletter_id=newsletter_id,
                defaults={
                    "status": Subscription.Status.CONFIRMED,
                    "created_at": since,
                    "confirmed_at": now,
                    "consent_text": consent,
                    "source_url": f"import:{self.system}",
                },
            )
            if made:
                SubscriptionEvent.objects.create(subscription=subscription, kind="imported", detail=consent[:500])
                self.summary["subscription"]["created"] += 1
                outcome = "updated" if outcome == "unchanged" else outcome
        return outcome

    def _system_name(self):
        return {"ghost": "Ghost", "wordpress": "WordPress"}.get(self.system, self.system)

    # --- after the run
    def _queue_background_work(self, narrate):
        from masthead.imports.tasks import index_imported

        saved = {label: sorted(pks) for label, pks in self.saved.items() if pks}
        if saved:
            index_imported.enqueue(saved)  # reference index (and search index of images, authors, pages), once
        ids = list(dict.fromkeys(self.touched_articles))
        if not ids:
            return
        from masthead.search.tasks import reindex_articles

        reindex_articles.enqueue(ids)
        if narrate:
            from masthead.narration.tasks import narrate_article

            live = ArticlePage.objects.filter(pk__in=ids, live=True).values_list("pk", flat=True)
            for article_id in live:
                narrate_article.enqueue(article_id)
