"""The edited front page: the blocks editors arrange on the HomePage, filled with stories.

Each block shows the stories an editor pinned into it first, then the newest of its source (the whole site, a
section or a tag) not already shown higher up the page, so no story appears twice. An empty layout is the default
front page: a lead story, four secondary stories, then a block per section in the menu.
"""

from django.db.models import Case, IntegerField, When
from django.urls import reverse
from wagtail import blocks

LEAD_LABEL = "Lead story"
DEFAULT_SECONDARY = 4
DEFAULT_BLOCK = 4


class PinnedStories(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.PageChooserBlock(page_type="newsroom.ArticlePage"), **kwargs)


class LeadStoryBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(
        page_type="newsroom.ArticlePage", required=False, help_text="Empty shows the newest story."
    )

    class Meta:
        icon = "pick"
        label = LEAD_LABEL


class SecondaryStoriesBlock(blocks.StructBlock):
    pinned = PinnedStories(required=False, help_text="Shown first, in this order.", label="Pinned stories")
    count = blocks.IntegerBlock(default=DEFAULT_SECONDARY, min_value=1, max_value=12, help_text="Stories in all.")

    class Meta:
        icon = "list-ul"
        label = "Secondary stories"


class SectionStoriesBlock(blocks.StructBlock):
    section = blocks.PageChooserBlock(page_type="newsroom.SectionPage")
    title = blocks.CharBlock(required=False, help_text="Empty uses the section's name.")
    pinned = PinnedStories(required=False, help_text="Shown first, in this order.", label="Pinned stories")
    count = blocks.IntegerBlock(default=DEFAULT_BLOCK, min_value=1, max_value=12)

    class Meta:
        icon = "folder-open-inverse"
        label = "Section block"


class TagStoriesBlock(blocks.StructBlock):
    tag = blocks.CharBlock(help_text="A tag's name, as on the articles (e.g. Climate).")
    title = blocks.CharBlock(required=False, help_text="Empty uses the tag's name.")
    pinned = PinnedStories(required=False, help_text="Shown first, in this order.", label="Pinned stories")
    count = blocks.IntegerBlock(default=DEFAULT_BLOCK, min_value=1, max_value=12)

    class Meta:
        icon = "tag"
        label = "Tag block"


class FrontPageBlock(blocks.StreamBlock):
    lead = LeadStoryBlock()
    secondary = SecondaryStoriesBlock()
    section = SectionStoriesBlock()
    tag = TagStoriesBlock()


def default_layout(home) -> list:
    """What an unarranged front page shows: (type, value) like the StreamField's, sections from the menu."""
    from masthead.newsroom.models import SectionPage

    layout = [("lead", {"article": None}), ("secondary", {"pinned": [], "count": DEFAULT_SECONDARY})]
    for section in SectionPage.objects.child_of(home).live().public().in_menu():
        layout.append(("section", {"section": section, "title": "", "pinned": [], "count": DEFAULT_BLOCK}))
    return layout


def _in_order(queryset, ids):
    order = Case(*[When(pk=pk, then=position) for position, pk in enumerate(ids)], output_field=IntegerField())
    return list(queryset.filter(pk__in=ids).order_by(order))


def fill(home, layout) -> list[dict]:
    """The blocks as the page shows them: ``{"type", "title", "url", "articles"}``, no story twice.

    One query per block (plus the prefetches every list makes), however many stories editors pinned.
    """
    from taggit.models import Tag

    from masthead.newsroom.models import ArticlePage

    shown: set[int] = set()
    filled = []
    for kind, value in layout:
        title, url = "", ""
        site_wide = ArticlePage.latest(site_root=home)
        if kind == "lead":
            pinned, count, source = [value["article"]] if value.get("article") else [], 1, site_wide
            title = LEAD_LABEL
        elif kind == "secondary":
            pinned, count, source = list(value.get("pinned") or []), value["count"], site_wide
            title = "More top stories"
        elif kind == "section":
            section = value["section"]
            if section is None or not section.live:
                continue
            pinned, count = list(value.get("pinned") or []), value["count"]
            source = ArticlePage.latest(section=section)
            title, url = value.get("title") or section.title, section.url
        else:  # tag
            tag = Tag.objects.filter(name__iexact=value["tag"].strip()).first()
            if tag is None:
                continue
            pinned, count = list(value.get("pinned") or []), value["count"]
            source = site_wide.filter(tags=tag)
            title, url = value.get("title") or tag.name, reverse("newsroom:tag", args=[tag.slug])
        pinned_ids = [page.pk for page in pinned if page is not None and page.pk not in shown][:count]
        articles = _in_order(site_wide, pinned_ids) if pinned_ids else []
        if len(articles) < count:
            articles += list(source.exclude(pk__in=shown | set(pinned_ids))[: count - len(articles)])
        shown.update(article.pk for article in articles)
        if articles:
            filled.append({"type": kind, "title": title, "url": url, "articles": articles})
    return filled


def front_page(home) -> dict:
    """The filled layout split where the page splits it: the top stories beside the rail, then the blocks below."""
    layout = [(block.block_type, block.value) for block in home.layout] or default_layout(home)
    filled = fill(home, layout)
    top = 0
    while top < len(filled) and filled[top]["type"] in ("lead", "secondary"):
        top += 1
    return {"top": filled[:top], "blocks": filled[top:]}
