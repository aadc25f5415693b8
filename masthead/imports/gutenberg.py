"""WordPress post content (Gutenberg block markup or classic HTML with shortcodes) → plain HTML the body converter maps.

What comes out (``masthead.imports.body.html_to_blocks`` turns it into StreamField blocks):

- paragraphs, headings, lists, ``<blockquote>`` (with ``<cite>``), ``<pre><code>``, tables;
- an image as ``<figure><img src alt><figcaption>caption <small class="credit">credit</small></figcaption></figure>``,
  its ``src`` the attachment's original file (not a resized copy) when the attachment is known;
- a gallery as ``<figure class="gallery">`` holding one such ``<figure>`` per image, then its own ``<figcaption>``;
- an embed as ``<figure class="embed"><a href="URL">URL</a><figcaption>…</figcaption></figure>`` (WordPress stores
  only the URL and renders the player at view time; Masthead shows a link card, never a third-party iframe);
- any block it does not know: that block's inner HTML as WordPress saved it (the converter sanitises and counts it).

Classic content has no ``<p>`` tags (WordPress adds them at view time): it goes through ``wpautop``, a port of
WordPress's own function, after ``[caption]``, ``[gallery]``, ``[embed]``, ``[video]`` and ``[audio]`` shortcodes
and bare embeddable URLs are set aside, as WordPress runs shortcodes after ``wpautop``. Other shortcodes stay as text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

# WordPress's block delimiter (wp-includes/class-wp-block-parser.php), namespace optional ("core/" implied).
BLOCK_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.S,
)
MAX_REUSABLE_DEPTH = 5  # a reusable block may contain another; a loop among them must end

# Blocks that only lay others out: their own wrapper markup is dropped, their inner blocks kept in order.
CONTAINERS = {"core/group", "core/columns", "core/column", "core/row", "core/stack", "core/cover", "core/media-text"}
# Blocks that render site furniture (lists of posts, search, navigation) or only spacing and rules: nothing of the
# article's words or pictures (a separator would otherwise be a raw-HTML block for the editor to look at).
NOTHING = {
    "core/spacer", "core/separator", "core/more", "core/nextpage", "core/latest-posts", "core/latest-comments",
    "core/archives", "core/categories", "core/tag-cloud", "core/search", "core/navigation", "core/page-list",
    "core/calendar", "core/rss", "core/social-links", "core/loginout", "core/query", "core/post-template",
}  # fmt: skip
LEAVES = {"core/paragraph", "core/heading", "core/list", "core/list-item", "core/code", "core/verse", "core/html"}

# WordPress's wpautop: the tags it never wraps in <p> (wp-includes/formatting.php).
ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote"
    r"|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure"
    r"|figcaption|details|menu|summary)"
)
SHORTCODE_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))""")
CAPTION_SHORTCODE = re.compile(r"\[(caption|wp_caption)(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/\1\]", re.S)
GALLERY_SHORTCODE = re.compile(r"\[gallery(?P<attrs>[^\]]*)\]")
EMBED_SHORTCODE = re.compile(r"\[embed(?P<attrs>[^\]]*)\](?P<url>.*?)\[/embed\]", re.S)
MEDIA_SHORTCODE = re.compile(r"\[(?P<kind>video|audio)(?P<attrs>[^\]]*)\](?:.*?\[/(?P=kind)\])?", re.S)
IMAGE_THEN_CAPTION = re.compile(r"^\s*(?P<image>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<caption>.*)$", re.S)
URL_ALONE_ON_LINE = re.compile(r"^(?P<space>\s*)(?P<url>https?://[^\s<>\"]+)\s*$", re.M)
PLACEHOLDER = "\x00{}\x00"
PLACEHOLDER_PATTERN = re.compile(r"(?:<p>\s*)?\x00(\d+)\x00(?:\s*</p>)?")

# Hosts WordPress embeds from a bare URL on its own line (its oEmbed provider list, the common ones).
EMBED_HOSTS = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:youtube\.com|youtu\.be|vimeo\.com|twitter\.com|x\.com|instagram\.com|facebook\.com"
    r"|soundcloud\.com|spotify\.com|flickr\.com|flic\.kr|tiktok\.com|dailymotion\.com|ted\.com|reddit\.com"
    r"|tumblr\.com|wordpress\.tv|slideshare\.net|scribd\.com|imgur\.com|mixcloud\.com|issuu\.com|kickstarter\.com"
    r"|pinterest\.com|bsky\.app|mastodon\.social)/",
    re.I,
)
PRESENTATION_ATTRIBUTES = {"class", "style", "id", "width", "height", "sizes", "srcset", "loading", "decoding"}


@dataclass
class Context:
    """What the body needs from the rest of the export (the parser's attachment index)."""

    attachment: Callable[[str], Any] = lambda attachment_id: None  # .url .alt .caption .credit, or None
    gallery_ids: Callable[[], list[str]] = list  # this post's attachments, for a [gallery] without ids
    reusable_block: Callable[[str], str | None] = lambda block_id: None  # wp_block markup by post id
    depth: int = 0


@dataclass
class Block:
    name: str
    attrs: dict = field(default_factory=dict)
    parts: list[str | Block] = field(default_factory=list)  # the block's own markup, inner blocks in place

    @property
    def inner_blocks(self) -> list[Block]:
        return [part for part in self.parts if isinstance(part, Block)]

    @property
    def own_html(self) -> str:
        return "".join(part for part in self.parts if isinstance(part, str))


def to_html(content: str, context: Context | None = None) -> str:
    """The body of one post as plain HTML (see the module docstring)."""
    context = context or Context()
    if not BLOCK_DELIMITER.search(content):
        return classic_to_html(content, context)
    return "\n".join(piece for piece in (_render(node, context) for node in parse_blocks(content)) if piece)


def plain_text(fragment: str) -> str:
    """Words only, entities decoded, whitespace collapsed (excerpts become standfirsts)."""
    without_tags = re.sub(r"<[^>]*>", " ", fragment or "")
    return re.sub(r"\s+", " ", html.unescape(without_tags)).strip()


# Block markup


def parse_blocks(content: str) -> list[str | Block]:
    """The block tree, like WordPress's parser: free HTML between blocks stays as strings."""
    root: list[str | Block] = []
    stack: list[Block] = []
    position = 0

    def add(node):
        (stack[-1].parts if stack else root).append(node)

    for match in BLOCK_DELIMITER.finditer(content):
        if match.start() > position:
            add(content[position : match.start()])
        position = match.end()
        name = _full_name(match["name"])
        if match["closer"]:
            if any(block.name == name for block in stack):
                while stack and stack.pop().name != name:
                    pass  # an inner block left open ends with its parent
            continue
        block = Block(name, _attributes(match["attrs"]))
        add(block)
        if not match["void"]:
            stack.append(block)
    if position < len(content):
        add(content[position:])
    return root


def _full_name(name: str) -> str:
    return name if "/" in name else f"core/{name}"


def _attributes(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _render(node: str | Block, context: Context) -> str:
    if isinstance(node, str):
        return classic_to_html(node, context) if node.strip() else ""
    name = node.name
    if name in NOTHING:
        return ""
    if name == "core/image":
        return _image_block(node, context)
    if name == "core/gallery":
        return _gallery_block(node, context)
    if name == "core/embed" or name.startswith("core-embed/"):
        return _embed_block(node)
    if name in ("core/quote", "core/pullquote"):
        return _quote_block(node, context)
    if name in ("core/freeform", "core/shortcode"):
        return classic_to_html(_inner(node, context), context)
    if name == "core/block":
        return _reusable_block(node, context)
    if name in ("core/code", "core/preformatted"):
        return _clean(_inner(node, context))
    if name == "core/table":
        return _table_block(node)
    if name == "core/buttons":
        return "\n".join(_render(block, context) for block in node.inner_blocks)
    if name == "core/button":
        return _button_block(node)
    if name in CONTAINERS:
        return _container(node, context)
    if name in LEAVES:
        return _clean(_inner(node, context))
    return _inner(node, context).strip()  # unknown: kept as WordPress saved it, for the converter to judge


def _inner(block: Block, context: Context) -> str:
    """The block's markup with its inner blocks rendered in their places."""
    return "".join(part if isinstance(part, str) else _render(part, context) for part in block.parts)


def _image_block(block: Block, context: Context) -> str:
    root = _fragment(block.own_html)
    image = root.find(".//img")
    if image is None:
        return ""
    attachment_id = str(block.attrs.get("id") or _wp_image_id(image) or "")
    caption = root.find(".//figcaption")
    return image_figure(
        image.get("src", ""),
        image.get("alt", ""),
        _inner_html(caption) if caption is not None else "",
        context.attachment(attachment_id) if attachment_id else None,
    )


def _gallery_block(block: Block, context: Context) -> str:
    root = _fragment(block.own_html)
    caption = root.find(".//figcaption")
    gallery_caption = _inner_html(caption) if caption is not None else ""
    if block.inner_blocks:  # WordPress 5.9 and later: a gallery holds image blocks
        figures = [_image_block(image, context) for image in block.inner_blocks if image.name == "core/image"]
    else:  # before 5.9: one <figure> per <li>, ids in the block's attributes
        figures = []
        for item in root.iterfind(".//li"):
            image = item.find(".//img")
            if image is not None:
                item_caption = item.find(".//figcaption")
                attachment_id = _wp_image_id(image) or image.get("data-id", "")
                figures.append(
                    image_figure(
                        image.get("src", ""),
                        image.get("alt", ""),
                        _inner_html(item_caption) if item_caption is not None else "",
                        context.attachment(attachment_id) if attachment_id else None,
                    )
                )
        if gallery_caption and root.find(".//ul") is not None:
            outer = root.xpath("./figure/figcaption")  # the gallery's own caption follows its <ul>
            gallery_caption = _inner_html(outer[-1]) if outer else ""
    return gallery_figure([figure for figure in figures if figure], gallery_caption)


def _embed_block(block: Block) -> str:
    root = _fragment(block.own_html)
    url = str(block.attrs.get("url") or "").strip()
    if not url:
        wrapper = root.find(".//div")
        url = (wrapper.text_content() if wrapper is not None else root.text_content()).strip().split()[0:1]
        url = url[0] if url else ""
    if not url:
        return ""
    caption = root.find(".//figcaption")
    return embed_figure(url, _inner_html(caption) if caption is not None else "")


def _quote_block(block: Block, context: Context) -> str:
    root = _fragment(_inner(block, context))
    quote = root.find(".//blockquote")
    if quote is None:
        return ""
    _strip_presentation(quote)
    return lxml.html.tostring(quote, encoding="unicode").strip()


def _reusable_block(block: Block, context: Context) -> str:
    markup = context.reusable_block(str(block.attrs.get("ref", "")))
    if not markup or context.depth >= MAX_REUSABLE_DEPTH:
        return ""
    nested = Context(context.attachment, context.gallery_ids, context.reusable_block, context.depth + 1)
    return to_html(markup, nested)


def _table_block(block: Block) -> str:
    root = _fragment(block.own_html)
    table = root.find(".//table")
    if table is None:
        return ""
    caption = root.find(".//figcaption")
    if caption is not None and caption.text_content().strip():
        element = etree.SubElement(table, "caption")
        element.text = caption.text_content().strip()
        table.insert(0, element)
    _strip_presentation(table)
    return lxml.html.tostring(table, encoding="unicode").strip()


def _button_block(block: Block) -> str:
    link = _fragment(block.own_html).find(".//a")
    if link is None or not link.get("href"):
        return ""
    return f'<p><a href="{html.escape(link.get("href"))}">{html.escape(link.text_content().strip())}</a></p>'


def _container(block: Block, context: Context) -> str:
    """A layout block: its images (a cover's background, a media-text's picture), then its inner blocks."""
    pieces = []
    for image in _fragment(block.own_html).iterfind(".//img"):
        attachment_id = str(block.attrs.get("id") or block.attrs.get("mediaId") or _wp_image_id(image) or "")
        attachment = context.attachment(attachment_id) if attachment_id else None
        pieces.append(image_figure(image.get("src", ""), image.get("alt", ""), "", attachment))
    pieces.extend(_render(inner, context) for inner in block.inner_blocks)
    return "\n".join(piece for piece in pieces if piece)


# Figures the converter reads


def image_figure(src: str, alt: str, caption: str = "", attachment=None) -> str:
    """One image: the attachment's original file and alt text where the post's markup has none."""
    if attachment is not None:
        src = attachment.url or src
        alt = alt or attachment.alt
    if not src:
        return ""
    credit = attachment.credit if attachment is not None else ""
    figcaption = caption.strip()
    if credit:
        figcaption = f'{figcaption} <small class="credit">{html.escape(credit)}</small>'.strip()
    parts = [f'<img src="{html.escape(src)}" alt="{html.escape(alt)}">']
    if figcaption:
        parts.append(f"<figcaption>{figcaption}</figcaption>")
    return f"<figure>{''.join(parts)}</figure>"


def gallery_figure(figures: list[str], caption: str = "") -> str:
    if not figures:
        return ""
    own_caption = f"<figcaption>{caption.strip()}</figcaption>" if caption.strip() else ""
    return f'<figure class="gallery">{"".join(figures)}{own_caption}</figure>'


def embed_figure(url: str, caption: str = "") -> str:
    url = html.escape(url.strip())
    figcaption = f"<figcaption>{caption.strip()}</figcaption>" if caption.strip() else ""
    return f'<figure class="embed"><a href="{url}">{url}</a>{figcaption}</figure>'


# Classic content


def classic_to_html(text: str, context: Context) -> str:
    """Classic editor content: shortcodes set aside, paragraphs added as WordPress does, shortcodes rendered."""
    rendered: list[str] = []

    def set_aside(markup: str) -> str:
        rendered.append(markup)
        return "\n\n" + PLACEHOLDER.format(len(rendered) - 1) + "\n\n"

    text = CAPTION_SHORTCODE.sub(
        lambda m: set_aside(_caption_shortcode(m, context)) if IMAGE_THEN_CAPTION.match(m["inner"]) else m["inner"],
        text,
    )
    text = GALLERY_SHORTCODE.sub(lambda m: set_aside(_gallery_shortcode(m, context)), text)
    text = EMBED_SHORTCODE.sub(lambda m: set_aside(embed_figure(html.unescape(m["url"]))), text)
    text = MEDIA_SHORTCODE.sub(lambda m: set_aside(_media_shortcode(m)), text)
    text = URL_ALONE_ON_LINE.sub(
        lambda m: set_aside(embed_figure(m["url"])) if EMBED_HOSTS.match(m["url"]) else m.group(0), text
    )
    paragraphs = wpautop(text)
    return PLACEHOLDER_PATTERN.sub(lambda m: rendered[int(m.group(1))], paragraphs).strip()


def _shortcode_attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
        for m in SHORTCODE_ATTRIBUTE.finditer(text or "")
    }


def _caption_shortcode(match, context: Context) -> str:
    attributes = _shortcode_attributes(match["attrs"])
    parts = IMAGE_THEN_CAPTION.match(match["inner"])
    image = _fragment(parts["image"]).find(".//img")
    caption = parts["caption"].strip() or attributes.get("caption", "")
    attachment_id = attributes.get("id", "").removeprefix("attachment_") or _wp_image_id(image)
    attachment = context.attachment(attachment_id) if attachment_id else None
    return image_figure(image.get("src", ""), image.get("alt", ""), caption, attachment)


def _gallery_shortcode(match, context: Context) -> str:
    attributes = _shortcode_attributes(match["attrs"])
    ids = [i.strip() for i in (attributes.get("ids") or attributes.get("include") or "").split(",") if i.strip()]
    figures = []
    for attachment_id in ids or context.gallery_ids():
        attachment = context.attachment(attachment_id)
        if attachment is not None:
            figures.append(image_figure(attachment.url, attachment.alt, attachment.caption, attachment))
    return gallery_figure(figures)


def _media_shortcode(match) -> str:
    attributes = _shortcode_attributes(match["attrs"])
    source = attributes.get("src") or next(
        (value for key, value in attributes.items() if key in ("mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav")),
        "",
    )
    if not source:
        return match.group(0)
    label = "Video" if match["kind"] == "video" else "Audio"
    return f'<p><a href="{html.escape(source)}">{label}: {html.escape(source.rsplit("/", 1)[-1])}</a></p>'


def wpautop(text: str) -> str:
    """WordPress's ``wpautop`` (wp-includes/formatting.php): blank lines make paragraphs, single newlines <br>."""
    if not text.strip():
        return ""
    preserved: list[str] = []

    def keep(match) -> str:
        preserved.append(match.group(0))
        return f"<pre wp-pre-tag-{len(preserved) - 1}></pre>"

    text = re.sub(r"<pre\b.*?</pre>", keep, text, flags=re.S | re.I)
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<{ALL_BLOCKS}[\s/>])", r"\n\n\1", text)
    text = re.sub(rf"(</{ALL_BLOCKS}>)", r"\1\n\n", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    chunks = [chunk for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    text = "".join(f"<p>{chunk.strip(chr(10))}</p>\n" for chunk in chunks)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{ALL_BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{ALL_BLOCKS}[^>]*>)", r"\1", text)
    text = re.sub(rf"(</?{ALL_BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"(</?{ALL_BLOCKS}[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    text = re.sub(r"<pre wp-pre-tag-(\d+)></pre>", lambda m: preserved[int(m.group(1))], text)
    return text.strip()


# Small HTML helpers


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _fragment(markup: str):
    return lxml.html.fragment_fromstring(CONTROL_CHARACTERS.sub("", markup or ""), create_parent="div")


def _inner_html(element) -> str:
    text = html.escape(element.text or "", quote=False)
    return (text + "".join(lxml.html.tostring(child, encoding="unicode") for child in element)).strip()


def _wp_image_id(image) -> str:
    match = re.search(r"\bwp-image-(\d+)\b", image.get("class", "") if image is not None else "")
    return match.group(1) if match else ""


def _strip_presentation(element) -> None:
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        for name in list(node.attrib):
            if name in PRESENTATION_ATTRIBUTES or name.startswith(("data-", "aria-")):
                del node.attrib[name]


def _clean(markup: str) -> str:
    """WordPress's block markup without its classes and inline styles (the converter keeps only structure)."""
    if not markup.strip():
        return ""
    root = _fragment(markup)
    _strip_presentation(root)
    return _inner_html(root)
