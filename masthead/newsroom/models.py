"""What a newsroom publishes: a home page, sections, articles, the authors who write them, Editors' Picks."""

import functools
import math
import operator
from datetime import timedelta

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
    TitleFieldPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from masthead.newsroom.blocks import ArticleBodyBlock, stream_text_blocks
from masthead.newsroom.front_page import FrontPageBlock

WORDS_PER_MINUTE = 275  # Ghost's reading speed
SECONDS_PER_IMAGE = 12
# A republish within this window of first publication is a fix, not an update worth announcing.
UPDATE_GRACE = timedelta(minutes=10)
ARTICLES_PER_PAGE = 12
# The language of the site's own words (menus, labels); an article in another marks its own text with it.
SITE_LANGUAGE = settings.MASTHEAD_NEWSROOM_LANGUAGE.split("-")[0].lower()


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE, remember_as=(), ids_from=None):
    """One page of a list from ``?page=``; a page number that is not a page is a 404, never a 500.

    With ``remember_as`` (what the list is, e.g. ``("section", pk)``) the list's length is kept under the publish
    version and the page's articles are fetched only when shown, so a page whose cards come from a cached
    fragment asks the database nothing; when they are shown, their URLs are built without a cache round trip.
    ``ids_from``: the same list as narrower rows, in the same order, to count and page (``section_article_ids``).
    """
    from masthead.newsroom.publish_version import remembered
    from masthead.newsroom.routing import build_urls_from_memory

    ids_from = queryset if ids_from is None else ids_from
    paginator = Paginator(ids_from, per_page)
    if remember_as:
        paginator.count = remembered(request, "list-length", ids_from.count, *remember_as)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("No such page of this list.") from exc
    start = (page.number - 1) * per_page
    page.object_list = SimpleLazyObject(
        lambda: build_urls_from_memory(request, rows_between(queryset, start, start + per_page, ids_from))
    )
    return page


def rows_between(queryset, start, stop, ids_from=None) -> list:
    """``queryset[start:stop]`` in two steps: the ids (narrow rows, answered from indexes), then those rows in full.

    One query with an OFFSET reads every row it skips in full: page 1,000 of a section read 12,000 articles,
    bodies and all. ``ids_from``: a narrower queryset of the same list to take the ids from.
    """
    ids_from = queryset if ids_from is None else ids_from
    ids = list(ids_from.prefetch_related(None).values_list("pk", flat=True)[start:stop])
    loaded = queryset.in_bulk(ids)
    return [loaded[pk] for pk in ids if pk in loaded]


def reading_minutes(words: int, images: int) -> int:
    """Ghost's rule: 275 words a minute plus 12 seconds an image, rounded up, at least one minute."""
    seconds = words * 60 / WORDS_PER_MINUTE + images * SECONDS_PER_IMAGE
    return max(1, math.ceil(seconds / 60))


@register_snippet
class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, help_text="Used in the author page's address.")
    role = models.CharField(max_length=255, blank=True, help_text="For example: Kyiv correspondent.")
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True, help_text="For the newsroom's own use; never shown to readers.")
    social = models.JSONField(
        default=dict, blank=True, help_text='Social handles by network, e.g. {"twitter": "@name", "mastodon": "…"}.'
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("website"),
        FieldPanel("email"),
        FieldPanel("social"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("newsroom:author", args=[self.slug])


def restricted_pages() -> list:
    """(path, depth) of every page a view restriction sits on, remembered under the publish version (a restriction's
    save or delete moves it): Wagtail's ``PageQuerySet.public()`` asks the database for them every time it is
    called, before its queryset is ever run."""
    from masthead.newsroom.publish_version import remembered

    return remembered(
        None, "restricted-pages", lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
    )


def public(queryset):
    """Wagtail's ``queryset.public()`` (no page in or under a restricted one), with the restrictions remembered."""
    private = [Q(path__startswith=path, depth__gte=depth) for path, depth in restricted_pages()]
    return queryset.exclude(functools.reduce(operator.or_, private)) if private else queryset


def listable(queryset):
    """Live public articles, newest first, with authors and hero images loaded in a fixed number of queries."""
    return (
        public(queryset.live())
        .select_related("hero_image")
        # Renditions too: a cold rendition cache must not cost one query per list image.
        .prefetch_related("article_authors__author", "hero_image__renditions")
        .order_by("-first_published_at", "-pk")
    )


def lineage_of(path: str) -> list:
    """The page at ``path`` and its ancestors, root first; ``restricted`` marks those a view restriction sits on."""
    steplen = Page.steplen
    paths = [path[:end] for end in range(steplen, len(path) + 1, steplen)]
    restricted = Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
    return list(Page.objects.filter(path__in=paths).annotate(restricted=restricted).order_by("path"))


class LineageMixin:
    """Serve a page with one query for its place in the tree instead of three.

    Every page view asks Wagtail's view-restriction check (two queries: the ancestors, then their restrictions)
    and the page's head asks ``get_parent()`` (one more). Here one query loads the page's lineage and both
    questions are answered from it; the routing middleware loads it anyway and hands it over.
    Aliases (whose restrictions are their source page's) take Wagtail's own path.
    """

    @cached_property
    def lineage(self):
        return lineage_of(self.path)

    def get_parent(self, update=False):
        if not self.path:  # not in the tree yet
            return super().get_parent(update)
        if update:
            self.__dict__.pop("lineage", None)
            self.__dict__.pop("_cached_parent_obj", None)
        elif "_cached_parent_obj" in self.__dict__:  # treebeard's add_child hands the new page its parent
            return self._cached_parent_obj
        ancestors = [page for page in self.lineage if page.depth < self.depth]
        return ancestors[-1] if ancestors else None

    def get_view_restrictions(self):
        if not self.path or any(page.alias_of_id for page in self.lineage):
            return super().get_view_restrictions()
        restricted = [page.pk for page in self.lineage if page.restricted]
        if not restricted:
            return PageViewRestriction.objects.none()  # the usual case: nothing to ask the database
        return PageViewRestriction.objects.filter(page_id__in=restricted)


class HomePage(LineageMixin, Page):
    """The front page, as editors arrange it: a lead story, secondary stories, blocks per section or tag."""

    standfirst = models.TextField(blank=True, help_text="A line about the newsroom, shown in search results.")
    layout = StreamField(
        FrontPageBlock(),
        blank=True,
        use_json_field=True,
        help_text="The front page from top to bottom. Each block shows its pinned stories, then the newest of its "
        "source not shown higher up. Empty: the lead story, four more, then a block per section.",
    )

    content_panels = Page.content_panels + [FieldPanel("standfirst"), FieldPanel("layout")]
    subpage_types = ["newsroom.SectionPage", "newsroom.InfoPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from masthead.newsroom.front_page import front_page

        context = super().get_context(request, *args, **kwargs)
        # A callable: the template calls it only when its cached fragment is missing (no query when warm).
        context["front_page"] = lambda: front_page(self)
        return context


class SectionPage(LineageMixin, Page):
    """News, Opinion, Business...: a paginated list of the articles filed under it."""

    description = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("description")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    show_in_menus_default = True  # a new section appears in the site navigation unless an editor says otherwise

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current_section"] = self
        context["articles"] = paginate(
            request,
            ArticlePage.latest(section=self),
            remember_as=("section", self.pk),
            ids_from=section_article_ids(self),
        )
        return context


def section_article_ids(section):
    """A section's live public articles, newest first, as rows of Wagtail's page table alone.

    Counted and paged from one index (migration 0008), where ``ArticlePage.latest(section=...)`` joins the article
    table: at 100,000 articles, counting a 20,000-article section hashed every article's key (25 ms after each
    publish) and page 1,000 sorted the join (28 ms). Children of a section are articles (``subpage_types``); the
    content type check keeps it true whatever an import puts there.
    """
    return public(Page.objects.child_of(section).live().type(ArticlePage)).order_by("-first_published_at", "-pk")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(LineageMixin, Page):
    class Kind(models.TextChoices):
        NEWS = "news", "News"
        OPINION = "opinion", "Opinion"
        ANALYSIS = "analysis", "Analysis"
        EXPLAINER = "explainer", "Explainer"
        REVIEW = "review", "Review"
        LIVE = "live", "Live"  # set by live.LivePage while its coverage runs

    standfirst = models.TextField(help_text="The dek: one or two sentences under the headline.")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.NEWS)
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_caption = models.TextField(blank=True, help_text="Empty uses the image's own caption.")
    body = StreamField(ArticleBodyBlock(), use_json_field=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    language = models.CharField(
        max_length=12, default="en", help_text="The language the article is written in (BCP 47, e.g. en, uk)."
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    canonical_url = models.URLField(
        max_length=500, blank=True, help_text="Only when the article was first published elsewhere: its address there."
    )

    content_panels = [
        TitleFieldPanel("title", heading="Headline"),  # fills the slug from the headline, as Page's own panel does
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Hero image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("canonical_url")]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("article_authors", [index.RelatedFields("author", [index.SearchField("name")])]),
        index.FilterField("kind"),
        index.FilterField("first_published_at"),
    ]
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    class Meta:
        # The news sitemap keeps running live stories whatever their age: found without reading every article.
        indexes = [models.Index(fields=["kind"], condition=Q(kind="live"), name="newsroom_article_running_live")]

    @classmethod
    def latest(cls, section=None, site_root=None):
        """Live articles, newest first, with what a list shows loaded up front."""
        queryset = cls.objects.all()
        if section is not None:
            queryset = queryset.child_of(section)
        elif site_root is not None:
            queryset = queryset.descendant_of(site_root)
        return listable(queryset)

    @classmethod
    def page_view_queryset(cls):
        """What serving one article always needs, fetched with it (used by routing.CachedPageRouteMiddleware)."""
        return cls.objects.select_related("hero_image").prefetch_related(
            "tags",
            "hero_image__renditions",  # the hero's renditions travel with the remembered page: no cache round trip
            models.Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current_section"] = self.get_parent()  # from the lineage: no query
        return context

    # --- What the page shows
    @property
    def is_opinion(self):
        return self.kind == self.Kind.OPINION

    @property
    def foreign_language(self):
        """The article's language when it is not the site's (for ``lang`` on its headline in lists), else ""."""
        language = (self.language or "").strip()
        return "" if not language or language.split("-")[0].lower() == SITE_LANGUAGE else language

    @property
    def kind_label(self):
        """The label a teaser carries before the headline ("Opinion:"), empty for plain news."""
        return "" if self.kind == self.Kind.NEWS else self.get_kind_display()

    @cached_property
    def authors(self):
        links = self.article_authors.all()
        if "article_authors" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("author")
        return [link.author for link in links]

    @property
    def caption(self):
        if self.hero_caption:
            return self.hero_caption
        return self.hero_image.caption if self.hero_image else ""

    @property
    def was_updated(self):
        first, last = self.first_published_at, self.last_published_at
        return bool(first and last and last - first > UPDATE_GRACE)

    def narration_text_blocks(self):
        """Body text a reader hears, block by block (captions, embeds and teasers are not read)."""
        return stream_text_blocks(self.body)

    def save(self, *args, **kwargs):
        words = sum(len(text.split()) for text in self.narration_text_blocks())
        images = sum(1 for block in self.body if block.block_type == "image") + (1 if self.hero_image_id else 0)
        self.reading_minutes = reading_minutes(words, images)
        return super().save(*args, **kwargs)


class ArticleAuthor(Orderable):
    """Byline order: the first author is named first."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_links")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_author_per_article")]


@register_setting(icon="pick")
class EditorsPicks(ClusterableModel, BaseSiteSetting):
    """The ordered list of articles editors recommend, shown beside every article and on the home page."""

    panels = [InlinePanel("picks", label="Pick", max_num=10)]

    class Meta:
        verbose_name = "Editors' Picks"
        verbose_name_plural = "Editors' Picks"

    def articles(self):
        ids = [pick.article_id for pick in self.picks.all()]
        by_id = {a.pk: a for a in listable(ArticlePage.objects.filter(pk__in=ids))}
        return [by_id[pk] for pk in ids if pk in by_id]


class EditorsPick(Orderable):
    setting = ParentalKey(EditorsPicks, on_delete=models.CASCADE, related_name="picks")
    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class InfoPage(LineageMixin, Page):
    """About us, Contact, Corrections, Privacy: the newsroom's own pages, linked from the footer."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the title (also the page's summary).")
    body = StreamField(ArticleBodyBlock(), use_json_field=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["newsroom.HomePage", "newsroom.InfoPage"]
    subpage_types = ["newsroom.InfoPage"]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "information page"


@register_setting(icon="site")
class MastheadSettings(BaseSiteSetting):
    """The newsroom's name plate and the lines every page carries: logo, tagline, footer pages, legal lines."""

    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown beside the newsroom's name in every page's header. An SVG scales best; 48 px high.",
    )
    tagline = models.CharField(
        max_length=200, blank=True, help_text="One line about the newsroom: search engines show it for the front page."
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrections_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publisher = models.CharField(
        max_length=255, blank=True, help_text="Who publishes the newsroom (its legal name), for the copyright line."
    )
    legal_lines = models.TextField(
        blank=True, help_text="Imprint lines a reader must find: registered address, registration, editor in chief."
    )

    panels = [
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("tagline")], heading="Name plate"),
        MultiFieldPanel(
            [
                PageChooserPanel("about_page"),
                PageChooserPanel("contact_page"),
                PageChooserPanel("corrections_page"),
                PageChooserPanel("privacy_page"),
            ],
            heading="Footer pages",
        ),
        MultiFieldPanel([FieldPanel("publisher"), FieldPanel("legal_lines")], heading="Legal lines"),
    ]

    class Meta:
        verbose_name = "Masthead"
        verbose_name_plural = "Masthead"

    def footer_pages(self) -> list:
        """(label, page) of the footer's newsroom pages that are set and live."""
        chosen = [
            ("About us", self.about_page),
            ("Contact", self.contact_page),
            ("Corrections", self.corrections_page),
            ("Privacy", self.privacy_page),
        ]
        return [(label, page) for label, page in chosen if page is not None and page.live]
