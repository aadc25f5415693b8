"""Fast bulk generation of published articles, for benchmarks and performance work (not for the demo).

Writes Wagtail's page tree directly in batches (page rows, article rows, bylines, tags) instead of going
through ``add_child``/``save_revision``/``publish`` per article: 100,000 articles take minutes, not hours.
The articles are live, public and have no revisions (editing one in the admin creates its first revision).
"""

import json
import random
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page, Site

from masthead.newsroom.models import ArticleAuthor, ArticlePage, ArticleTag, Author, HomePage, SectionPage

SECTIONS = ("News", "Business", "Science", "Culture", "Opinion")
WORDS = (
    "council budget flood river election minister parliament court judge school hospital doctor nurse strike "
    "union train rail bus road bridge harbour port ship fishing farm farmer harvest drought storm wind solar "
    "energy price inflation bank loan housing rent tenant landlord police crime trial verdict appeal protest "
    "march climate carbon forest wildfire water pipe sewage beach tourism hotel museum theatre film music "
    "festival library book author poet football match league coach player stadium mayor city village town "
    "market shop factory worker wage job pension tax reform vote poll campaign party leader coalition border "
    "refugee aid charity volunteer church mosque school teacher pupil exam university student research science "
    "vaccine virus study data report inquiry scandal contract tender audit fraud internet phone broadband "
    "startup company shares profit loss merger airport flight runway noise plan permit planning heritage"
).split()
TAGS = [f"{a} {b}".title() for a, b in zip(WORDS[::2], WORDS[1::2], strict=False)]
# Common words (mostly stop words the index drops) and made-up ones: a long-tailed vocabulary like real text,
# so a topic word matches the few percent of articles about it rather than all of them.
FILLER = (
    "the of and to in a is that for on with as was at by said from it has have will be are not but after "
    "year new people also more this last about over than into who would been could before"
).split()
SYLLABLES = "ba ke lo mi nu ra se ti vo za dre ple sto gri fen mar tol bis cun har".split()


def _coined(rng):
    return "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))


def _sentence(rng, low=8, high=18, topics=()):
    words = []
    for _ in range(rng.randint(low, high)):
        roll = rng.random()
        words.append(
            rng.choice(topics) if topics and roll < 0.12 else rng.choice(FILLER) if roll < 0.6 else _coined(rng)
        )
    return " ".join(words).capitalize() + "."


def _body(rng, topics):
    paragraphs = [
        " ".join(_sentence(rng, topics=topics) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(3, 6))
    ]
    return json.dumps(
        [
            {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.UUID(int=rng.getrandbits(128)))}
            for text in paragraphs
        ]
    ), sum(len(p.split()) for p in paragraphs)


def newsroom_tree():
    """The site's home page and the benchmark sections, created if missing."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="The Masthead Courier", slug="courier")
        Page.get_first_root_node().add_child(instance=home)
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
        )
    sections = []
    for title in SECTIONS:
        section = SectionPage.objects.child_of(home).filter(slug=title.lower()).first()
        if section is None:
            section = SectionPage(title=title, slug=title.lower(), show_in_menus=True)
            home.add_child(instance=section)
            home.refresh_from_db()
        sections.append(section)
    return home, sections


def ensure_authors(count=60):
    existing = Author.objects.filter(slug__startswith="bulk-author-").count()
    Author.objects.bulk_create(
        [Author(name=f"Reporter {n}", slug=f"bulk-author-{n}", role="Correspondent") for n in range(existing, count)]
    )
    return list(Author.objects.filter(slug__startswith="bulk-author-"))


def ensure_tags():
    existing = set(Tag.objects.filter(name__in=TAGS).values_list("name", flat=True))
    Tag.objects.bulk_create(
        [Tag(name=name, slug=name.lower().replace(" ", "-")) for name in TAGS if name not in existing],
        ignore_conflicts=True,
    )
    return list(Tag.objects.filter(name__in=TAGS))


def generate_articles(count, *, seed=0, batch_size=1000, days=365, progress=None):
    """Publish ``count`` generated articles spread over the last ``days`` days; ``progress(n)`` after each batch.

    Returns the new articles' ids.
    """
    rng = random.Random(seed)
    _home, sections = newsroom_tree()
    authors, tags = ensure_authors(), ensure_tags()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    next_child = {s.pk: Page.objects.get(pk=s.pk).numchild for s in sections}
    article_fields = [f for f in ArticlePage._meta.local_concrete_fields]
    made = []
    serial = ArticlePage.objects.count()
    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        pages, articles, placed = [], [], []
        for _ in range(size):
            serial += 1
            section = rng.choice(sections)
            next_child[section.pk] += 1
            when = now - timedelta(seconds=rng.randint(0, days * 86400))
            topics = rng.sample(WORDS, 3)
            title = _sentence(rng, 5, 11, topics=topics[:2]).rstrip(".")
            slug = f"bulk-{serial}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    locale=locale,
                    path=Page._get_path(section.path, section.depth + 1, next_child[section.pk]),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=when,
                    last_published_at=when,
                    latest_revision_created_at=when,
                    translation_key=uuid.UUID(int=rng.getrandbits(128)),
                )
            )
            placed.append((section, topics))
        with transaction.atomic():
            pages = Page.objects.bulk_create(pages)
            bylines, tagged = [], []
            for page, (section, topics) in zip(pages, placed, strict=True):
                body, words = _body(rng, topics)
                kind = ArticlePage.Kind.OPINION if section.slug == "opinion" else ArticlePage.Kind.NEWS
                articles.append(
                    ArticlePage(
                        page_ptr_id=page.pk,
                        standfirst=_sentence(rng, 12, 24, topics=topics),
                        kind=kind,
                        body=body,
                        language="en",
                        reading_minutes=max(1, round(words / 275)),
                        hero_caption="",
                    )
                )
                for order, author in enumerate(rng.sample(authors, rng.choice((1, 1, 1, 2)))):
                    bylines.append(ArticleAuthor(article_id=page.pk, author=author, sort_order=order))
                for tag in rng.sample(tags, rng.randint(0, 3)):
                    tagged.append(ArticleTag(content_object_id=page.pk, tag=tag))
            # Django cannot bulk_create a multi-table child; the page rows exist, so insert the article rows alone.
            ArticlePage.objects._insert(articles, fields=article_fields)
            ArticleAuthor.objects.bulk_create(bylines)
            ArticleTag.objects.bulk_create(tagged)
            for section in sections:
                Page.objects.filter(pk=section.pk).update(numchild=next_child[section.pk])
        made += [page.pk for page in pages]
        if progress:
            progress(size)
    return made
