"""Build the demo newsroom from ``content.py``: sections, authors, photos, articles, Editors' Picks."""

from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm
from wagtail.models import Page, Site

from masthead.images.models import CreditedImage
from masthead.newsroom.demo import demo_loaded, loading_demo
from masthead.newsroom.demo.photos import paint
from masthead.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    EditorsPick,
    EditorsPicks,
    HomePage,
    InfoPage,
    MastheadSettings,
    SectionPage,
)

DEMO_COLLECTION_TAG = "masthead-demo"
LOGO = Path(__file__).parent / "files" / "courier-logo.svg"


def demo_exists() -> bool:
    return HomePage.objects.exists()


def _image(spec: dict, seed: str) -> CreditedImage:
    image = CreditedImage(
        title=spec["title"],
        caption=spec.get("caption", ""),
        credit=spec.get("credit", ""),
        description=spec.get("caption") or spec["title"],
        file=paint(seed, spec.get("colours", [])),
    )
    image.save()
    image.tags.add(DEMO_COLLECTION_TAG)
    return image


def _body(blocks: list, pages_by_slug: dict, slug: str) -> list:
    """content.py blocks as StreamField data; teasers and images resolved to database ids."""
    body = []
    for position, (kind, value) in enumerate(blocks):
        if kind == "related":
            body.append(
                ("related_article", {"article": pages_by_slug[value["slug"]], "excerpt": value.get("excerpt", "")})
            )
        elif kind == "image":
            body.append(("image", {"image": _image(value, f"{slug}-{position}"), "caption": value.get("caption", "")}))
        else:
            body.append((kind, value))
    return body


def _home(title: str) -> HomePage:
    root = Page.get_first_root_node()
    # Wagtail's placeholder "Welcome" page (slug "home") makes way for the newsroom's.
    Page.objects.filter(depth=2).not_type(HomePage).delete()
    home = HomePage(title=title, slug="home", standfirst="Independent reporting on Europe and the world.")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, title
    site.save()
    return home


def _masthead(home: HomePage, content, site_name: str):
    """The name plate (logo, tagline), the footer's newsroom pages and the legal lines."""
    chosen = MastheadSettings.for_site(home.get_site())
    # Django's ImageField cannot measure an SVG; Wagtail's upload form asks Willow, as here.
    logo = CreditedImage(title=f"{site_name} logo", description=f"{site_name} logo", width=96, height=96)
    logo.file.save(LOGO.name, ContentFile(LOGO.read_bytes()), save=False)
    with logo.get_willow_image() as willow:
        logo.width, logo.height = (round(side) for side in willow.get_size())
    logo.save()
    logo.tags.add(DEMO_COLLECTION_TAG)
    chosen.logo, chosen.tagline = logo, content.TAGLINE
    chosen.publisher, chosen.legal_lines = content.PUBLISHER, "\n".join(content.LEGAL_LINES)
    for spec in content.INFO_PAGES:
        page = InfoPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"])
        home.add_child(instance=page)
        page.save_revision().publish()
        setattr(chosen, spec["role"], page)
    chosen.save()


def _front_page(home: HomePage, content, sections: dict, pages: dict):
    """The demo's arranged front page (content.FRONT_PAGE, slugs resolved to pages), published."""
    layout = []
    for kind, spec in content.FRONT_PAGE:
        value = dict(spec)
        if "article" in value:
            value["article"] = pages[value["article"]]
        if "section" in value:
            value["section"] = sections[value["section"]]
        if "pinned" in value:
            value["pinned"] = [pages[slug] for slug in value["pinned"]]
        layout.append((kind, value))
    home.layout = layout
    home.save_revision().publish()


def load_demo(content=None, site_name="The Masthead Courier", progress=True) -> HomePage:
    """Create the whole demo newsroom in one transaction; other apps hear ``demo_loaded`` afterwards."""
    if content is None:
        from masthead.newsroom.demo import content
    now = timezone.now()
    with transaction.atomic(), loading_demo():
        home = _home(site_name)
        authors = {a["slug"]: Author.objects.create(**a) for a in content.AUTHORS}
        sections = {}
        for spec in content.SECTIONS:
            section = SectionPage(
                title=spec["title"], slug=spec["slug"], description=spec["description"], show_in_menus=True
            )
            home.add_child(instance=section)
            section.save_revision().publish()
            sections[spec["slug"]] = section

        # First pass: every article exists (as a draft), so teasers can point at any of them.
        pages = {}
        for spec in content.ARTICLES:
            page = ArticlePage(
                title=spec["headline"],
                slug=spec["slug"],
                standfirst=spec["standfirst"],
                kind=spec["kind"],
                language=spec.get("language", "en"),
                body=[],
                live=False,
            )
            sections[spec["section"]].add_child(instance=page)
            pages[spec["slug"]] = page

        # Second pass: body, authors, tags, photo; publish once, then set the story's own time.
        for spec in tqdm(content.ARTICLES, desc="Demo articles", unit="article", disable=not progress):
            page = pages[spec["slug"]]
            page.body = _body(spec["body"], pages, spec["slug"])
            page.hero_image = _image(spec["image"], spec["slug"])
            page.hero_caption = spec["image"].get("caption", "")
            for order, author_slug in enumerate(spec["authors"]):
                page.article_authors.add(ArticleAuthor(author=authors[author_slug], sort_order=order))
            page.tags.add(*spec.get("tags", []))
            page.save_revision().publish()
            published = now - timedelta(hours=spec["hours_ago"])
            ArticlePage.objects.filter(pk=page.pk).update(first_published_at=published, last_published_at=published)

        picks = EditorsPicks.for_site(Site.objects.get(is_default_site=True))
        picks.picks.set(
            [EditorsPick(article=pages[slug], sort_order=i) for i, slug in enumerate(content.EDITORS_PICKS)]
        )
        picks.save()
        if hasattr(content, "INFO_PAGES"):
            _masthead(home, content, site_name)
        if hasattr(content, "FRONT_PAGE"):
            _front_page(HomePage.objects.get(pk=home.pk), content, sections, pages)

    articles = list(ArticlePage.objects.live().order_by("-first_published_at"))
    demo_loaded.send(sender=load_demo, articles=articles)
    return home


def remove_demo():
    """Delete the newsroom's pages, authors and demo photos (users and settings stay)."""
    with transaction.atomic():
        for home in HomePage.objects.all():
            home.delete()
        Author.objects.all().delete()
        CreditedImage.objects.filter(tags__name=DEMO_COLLECTION_TAG).delete()
