"""The blocks an article body is made of."""

import html
import re

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Where rich text breaks a line: paragraphs and list items must not run into each other ("end.Next").
LINE_BREAKS = re.compile(r"</(?:p|li|h[1-6]|blockquote)>|<br\s*/?>", re.I)

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript", "strikethrough"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text="Empty uses the image's own caption.")

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image.html"


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/pull_quote.html"


class EmbedWithCaptionBlock(blocks.StructBlock):
    """A link to outside media, shown as a link card, never an iframe: readers' browsers ask no third party."""

    url = EmbedBlock(help_text="A video, post or document address.")
    title = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"


class RelatedArticleBlock(blocks.StructBlock):
    """A teaser for another article. It stores the page, so it follows renames and moves."""

    article = blocks.PageChooserBlock(page_type="newsroom.ArticlePage")
    excerpt = blocks.TextBlock(required=False, help_text="Empty uses the article's standfirst.")

    class Meta:
        icon = "link"
        template = "newsroom/blocks/related_article.html"


class GalleryBlock(blocks.StructBlock):
    """Several photos shown together, with one caption for the set (each photo keeps its own too)."""

    images = blocks.ListBlock(ImageWithCaptionBlock())
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "newsroom/blocks/gallery.html"


class CodeBlock(blocks.StructBlock):
    code = blocks.TextBlock()
    language = blocks.CharBlock(required=False, max_length=40)

    class Meta:
        icon = "code"
        template = "newsroom/blocks/code.html"


class LinkCardBlock(blocks.StructBlock):
    """A card for a page on another site (Ghost's bookmark card): its title, a line about it, who published it."""

    url = blocks.URLBlock()
    title = blocks.CharBlock()
    description = blocks.TextBlock(required=False)
    publisher = blocks.CharBlock(required=False)

    class Meta:
        icon = "link-external"
        template = "newsroom/blocks/link_card.html"


class RawHTMLBlock(blocks.RawHTMLBlock):
    """Markup an import could not map to a block, already sanitised (nh3) by the importer. Editors may rewrite it."""

    class Meta:
        icon = "code"
        template = "newsroom/blocks/raw_html.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    subheading = blocks.CharBlock(template="newsroom/blocks/subheading.html", icon="title")
    image = ImageWithCaptionBlock()
    pull_quote = PullQuoteBlock()
    embed = EmbedWithCaptionBlock()
    related_article = RelatedArticleBlock()
    gallery = GalleryBlock()
    code = CodeBlock()
    link_card = LinkCardBlock()
    raw_html = RawHTMLBlock()


def block_text(block) -> str:
    """The words a reader reads in one body block (paragraphs, subheadings, quotes), one line per paragraph."""
    return raw_block_text(block.block_type, block.block.get_prep_value(block.value))


def raw_block_text(block_type: str, raw_value) -> str:
    """``block_text`` from a block's stored JSON value, without converting it to Python."""
    if block_type == "paragraph":
        return html.unescape(strip_tags(LINE_BREAKS.sub(lambda match: match.group() + "\n", raw_value or ""))).strip()
    if block_type == "subheading":
        return raw_value or ""
    if block_type == "pull_quote":
        return (raw_value or {}).get("quote") or ""
    return ""


def stream_text_blocks(stream_value) -> list[str]:
    """The text of every block a reader reads, from the stream's stored JSON.

    Iterating a StreamValue converts every block, and a related article or an image is a database query each:
    ten search results loaded one page per teaser. The text blocks need no conversion.
    """
    texts = (raw_block_text(item["type"], item["value"]) for item in stream_value.raw_data)
    return [text for text in texts if text.strip()]
