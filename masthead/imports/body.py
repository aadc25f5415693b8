"""Body HTML (as Ghost renders it, or as the WordPress parser pre-cleans it) → article StreamField blocks.

Each top-level element becomes one block: paragraphs and lists rich text, headings subheadings, figures images,
galleries, embeds, code or link cards, blockquotes pull quotes, a paragraph that is nothing but a link to another
imported article a related-article teaser. What has no block of its own is kept, sanitised by nh3, as raw HTML;
the importer counts those. Values are in the database format a StreamField stores (ids for images and pages).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import lxml.html
import nh3
from lxml import etree

from masthead.imports.records import ImageRecord

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Wagtail's rich text database format: <b>/<i>, links as <a href> or <a linktype="page" id>.
INLINE_RENAMES = {"strong": "b", "em": "i", "del": "s", "strike": "s"}
RICH_TEXT_TAGS = {"p", "a", "b", "i", "br", "sup", "sub", "s", "ul", "ol", "li"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
WHITESPACE = re.compile(r"\s+")


@dataclass
class Link:
    """Where a link in a body should point: ``page_id`` for an imported page (stored so it follows renames)."""

    url: str
    page_id: int | None = None
    is_article: bool = False


LinkResolver = Callable[[str], Link]
ImageResolver = Callable[[ImageRecord], object | None]  # an image with ``pk``, or None when it is missing


def html_to_blocks(html: str, *, resolve_link: LinkResolver, resolve_image: ImageResolver) -> list[tuple[str, object]]:
    """The blocks of one body, in order; ``(type, value)`` with values in StreamField's stored format."""
    if not html or not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except etree.ParserError:
        return [("raw_html", sanitise(html))]
    converter = _Converter(resolve_link, resolve_image)
    blocks = []
    loose = [root.text or ""]  # text and inline elements between blocks gather into one paragraph
    for element in root:
        if not isinstance(element.tag, str):  # comments (Ghost's <!--kg-card-begin-->) and processing instructions
            loose.append(element.tail or "")
            continue
        if element.tag in INLINE_TAGS:
            loose.append(_outer(element))
            continue
        blocks += converter.paragraph_from_loose("".join(loose))
        blocks += converter.convert(element)
        loose = [element.tail or ""]
    blocks += converter.paragraph_from_loose("".join(loose))
    return blocks


INLINE_TAGS = {"a", "b", "strong", "i", "em", "span", "br", "sup", "sub", "s", "del", "code", "small", "u", "mark"}


def sanitise(html: str) -> str:
    """Markup kept as it is, minus anything that could run or load from another host (nh3's defaults)."""
    return nh3.clean(html, link_rel="noopener noreferrer").strip()


def _outer(element) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def _inner(element) -> str:
    return (element.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in element)


def _text(element) -> str:
    return WHITESPACE.sub(" ", element.text_content()).strip()


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


class _Converter:
    def __init__(self, resolve_link: LinkResolver, resolve_image: ImageResolver):
        self.resolve_link = resolve_link
        self.resolve_image = resolve_image

    def convert(self, element) -> list[tuple[str, object]]:
        tag = element.tag
        if tag == "p":
            return self.paragraph(element)
        if tag in HEADINGS:
            text = _text(element)
            return [("subheading", text)] if text else []
        if tag in {"ul", "ol"}:
            return self.rich_text(element)
        if tag == "blockquote":
            return self.quote(element)
        if tag == "figure":
            return self.figure(element)
        if tag == "img":
            return self.images_block([element], caption="")
        if tag == "pre":
            return self.code(element)
        if tag == "iframe" and element.get("src"):
            return [("embed", {"url": element.get("src"), "title": element.get("title", "")})]
        if tag == "div" and not _classes(element) and len(element):  # a plain wrapper: look inside
            return html_to_blocks(_inner(element), resolve_link=self.resolve_link, resolve_image=self.resolve_image)
        return self.raw(element)

    # --- text
    def paragraph(self, element):
        children = [child for child in element if isinstance(child.tag, str)]
        bare_text = (element.text or "").strip() or any((child.tail or "").strip() for child in children)
        if not bare_text and children and all(child.tag == "img" for child in children):
            return self.images_block(children, caption="")
        if not bare_text and len(children) == 1 and children[0].tag == "a" and children[0].get("href"):
            link = self.resolve_link(children[0].get("href"))
            if link.page_id and link.is_article:
                return [("related_article", {"article": link.page_id, "excerpt": ""})]
        return self.rich_text(element)

    def paragraph_from_loose(self, html: str):
        if not html.strip():
            return []
        return self.rich_text(lxml.html.fragment_fromstring(html, create_parent="p"))

    def rich_text(self, element):
        for img in list(element.iter("img")):  # an image inside running text cannot stay there: its alt text does
            img.tail = (img.get("alt") or "") + (img.tail or "")
            img.drop_tree()
        for link in element.iter("a"):
            self.point(link)
        for old, new in INLINE_RENAMES.items():
            for node in element.iter(old):
                node.tag = new
        html = nh3.clean(_outer(element), tags=RICH_TEXT_TAGS, attributes=RICH_TEXT_ATTRIBUTES, link_rel=None)
        return [("paragraph", html)] if _has_words(html) else []

    def point(self, anchor):
        """Rewrite one link: to the imported page it names (by id), or to its new address."""
        href = anchor.get("href")
        for name in list(anchor.attrib):
            del anchor.attrib[name]
        if not href:
            return
        link = self.resolve_link(href)
        if link.page_id:
            anchor.set("linktype", "page")
            anchor.set("id", str(link.page_id))
        else:
            anchor.set("href", link.url)

    def quote(self, element):
        cite = element.find(".//cite")
        attribution = _text(cite) if cite is not None else ""
        if cite is not None:
            cite.drop_tree()
        paragraphs = [_text(p) for p in element.iter("p")] or [_text(element)]
        quote = "\n".join(text for text in paragraphs if text)
        return [("pull_quote", {"quote": quote, "attribution": attribution})] if quote else []

    def code(self, element):
        code = element.find(".//code")
        language = ""
        if code is not None:
            match = re.search(r"language-([\w+-]+)", code.get("class") or "")
            language = match.group(1) if match else ""
        text = (code if code is not None else element).text_content()
        return [("code", {"code": text.strip("\n"), "language": language[:40]})] if text.strip() else []

    # --- figures
    def figure(self, element):
        classes = _classes(element)
        if "kg-bookmark-card" in classes or _bookmark(element):
            return self.link_card(element)
        caption = self.caption_of(element)
        images = list(element.iter("img"))
        if "kg-gallery-card" in classes or "gallery" in classes or "wp-block-gallery" in classes or len(images) > 1:
            return self.gallery(element, images, caption)
        iframe = element.find(".//iframe")
        if "kg-embed-card" in classes or "embed" in classes or iframe is not None:
            return self.embed(element, iframe, caption)
        if element.find(".//pre") is not None:
            return self.code(element.find(".//pre"))
        if element.find(".//blockquote") is not None:
            return self.quote(element.find(".//blockquote"))
        if images:
            return self.images_block(images, caption=caption[0], credit=caption[1])
        return self.raw(element)

    def caption_of(self, figure) -> tuple[str, str]:
        """(caption text, credit) from the figure's own figcaption; a <small class="credit"> inside is the credit."""
        figcaption = next((child for child in figure if child.tag == "figcaption"), None)
        if figcaption is None:
            return "", ""
        credit = ""
        for small in figcaption.findall(".//small"):
            if "credit" in _classes(small):
                credit = _text(small)
                small.drop_tree()
        return _text(figcaption), credit

    def images_block(self, imgs, caption: str, credit: str = ""):
        items = [self.image_value(img, caption if len(imgs) == 1 else "", credit) for img in imgs]
        items = [item for item in items if item]
        if len(items) > 1:
            return [("gallery", {"images": _list_value(items), "caption": caption})]
        return [("image", items[0])] if items else []

    def image_value(self, img, caption: str, credit: str = ""):
        src = img.get("src") or img.get("data-src") or ""
        if not src:
            return None
        record = ImageRecord(source_url=src, caption=caption, alt=img.get("alt") or "", credit=credit)
        image = self.resolve_image(record)
        return {"image": image.pk, "caption": caption[:255]} if image is not None else None

    def gallery(self, element, images, caption):
        items = []
        for img in images:
            parent = img.getparent()
            while parent is not None and parent is not element and parent.tag != "figure":
                parent = parent.getparent()
            own = self.caption_of(parent) if parent is not None and parent is not element else ("", "")
            item = self.image_value(img, own[0], own[1])
            if item:
                items.append(item)
        if not items:
            return []
        return [("gallery", {"images": _list_value(items), "caption": caption[0][:255]})]

    def embed(self, element, iframe, caption):
        anchor = element.find(".//a[@href]")
        url = iframe.get("src") if iframe is not None else anchor.get("href") if anchor is not None else ""
        if not url:
            return self.raw(element)
        title = caption[0] if caption[0] and caption[0] != url else ""
        return [("embed", {"url": url, "title": title[:255]})]

    def link_card(self, element):
        anchor = element.find(".//a[@href]")
        if anchor is None:
            return self.raw(element)

        def part(name):
            found = element.find(f".//*[@class='kg-bookmark-{name}']")
            return _text(found) if found is not None else ""

        url = self.resolve_link(anchor.get("href")).url
        title = part("title") or _text(anchor) or url
        publisher = part("publisher") or part("author")
        return [("link_card", {"url": url, "title": title, "description": part("description"), "publisher": publisher})]

    def raw(self, element):
        for link in element.iter("a"):
            href = link.get("href")
            if href:
                link.set("href", self.resolve_link(href).url)
        html = sanitise(_outer(element))
        return [("raw_html", html)] if html else []


def _bookmark(element) -> bool:
    return element.find(".//*[@class='kg-bookmark-container']") is not None


def _has_words(html: str) -> bool:
    return bool(lxml.html.fragment_fromstring(html, create_parent="div").text_content().strip())


def _list_value(items):
    """A ListBlock's stored form: items with ids, as Wagtail writes them."""
    import uuid

    return [{"type": "item", "value": item, "id": str(uuid.uuid4())} for item in items]
