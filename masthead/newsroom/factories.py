"""factory_boy factories for the newsroom: images, authors, and pages placed in Wagtail's tree."""

import io
import random

import factory
from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from masthead.images.models import CreditedImage
from masthead.newsroom.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage


def png_file(width=1600, height=900, colour=None, name="photo.png"):
    colour = colour or tuple(random.randrange(40, 220) for _ in range(3))
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreditedImage

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyFunction(png_file)
    credit = "Test Photographer / Test Agency"
    caption = factory.Sequence(lambda n: f"A caption for photo {n}.")
    description = "A plain test photograph."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        tree_root()
        return super()._create(model_class, *args, **kwargs)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author Number{n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    role = "Reporter"
    bio = "Writes about things that matter."


def tree_root():
    """Wagtail's root page, root collection and default locale: made by migrations, flushed by transactional tests."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


class PageFactory(factory.Factory):
    """Creates a page as a child of ``parent`` and publishes it (``live=False`` leaves it a draft)."""

    class Meta:
        abstract = True

    parent = None
    live = True

    @classmethod
    def _create(cls, model_class, parent=None, live=True, **kwargs):
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        else:
            page.live = False
            page.save(update_fields=["live"])
        return page


class HomePageFactory(PageFactory):
    """A home page under the tree root, made the default site's root."""

    class Meta:
        model = HomePage

    title = "The Test Courier"
    slug = factory.Sequence(lambda n: f"home-{n}")

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        home = super()._create(model_class, parent=parent or tree_root(), **kwargs)
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
        )
        return home


class SectionPageFactory(PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    show_in_menus = True


class ArticlePageFactory(PageFactory):
    """An article; pass ``authors=[...]`` (default: one new author) and ``body=[("paragraph", "<p>..</p>")]``."""

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    standfirst = "A standfirst that sums the story up."
    kind = ArticlePage.Kind.NEWS
    body = factory.LazyFunction(lambda: [("paragraph", "<p>" + "Word " * 300 + "</p>")])

    @classmethod
    def _create(cls, model_class, parent=None, authors=None, tags=(), first_published_at=None, **kwargs):
        page = model_class(**kwargs)
        for order, author in enumerate(authors or [AuthorFactory()]):
            page.article_authors.add(ArticleAuthor(author=author, sort_order=order))
        page.tags.add(*tags)
        live = kwargs.pop("live", True)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        if first_published_at:
            ArticlePage.objects.filter(pk=page.pk).update(
                first_published_at=first_published_at, last_published_at=first_published_at
            )
        page.refresh_from_db()
        return page


def build_newsroom(articles_per_section=3, sections=("News", "Opinion")):
    """A small published newsroom: home, sections, articles with staggered times. Returns a dict."""
    home = HomePageFactory()
    now = timezone.now()
    made = {"home": home, "sections": [], "articles": [], "authors": [AuthorFactory(), AuthorFactory()]}
    hours = 0
    for title in sections:
        section = SectionPageFactory(parent=home, title=title, slug=title.lower())
        made["sections"].append(section)
        for _ in range(articles_per_section):
            hours += 1
            made["articles"].append(
                ArticlePageFactory(
                    parent=section,
                    authors=made["authors"][: 1 + hours % 2],
                    kind=ArticlePage.Kind.OPINION if title == "Opinion" else ArticlePage.Kind.NEWS,
                    hero_image=ImageFactory(),
                    first_published_at=now - timezone.timedelta(hours=hours),
                )
            )
    return made
