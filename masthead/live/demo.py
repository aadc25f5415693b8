"""The demo newsroom's running story: a live page with key events and a dozen entries, the newest story on the front."""

from datetime import timedelta

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from masthead.newsroom.demo import demo_loaded

TITLE = "Storm Idris reaches the coast: live updates"
SLUG = "storm-idris-live"
STANDFIRST = (
    "Gusts of up to 140 km/h, ferries cancelled and rivers rising. Our reporters follow the storm as it moves inland."
)
BACKGROUND = (
    "<p>Storm Idris formed west of the Bay of Biscay on Sunday and was upgraded to a red warning overnight. "
    "This page is updated through the day; the key events are pinned at the top.</p>"
)

# (minutes ago, headline, text, key event)
ENTRIES = [
    (
        175,
        "Red warning comes into force",
        "The national weather service's red warning for the coast began at six. "
        "People in low-lying streets are asked to move valuables upstairs.",
        True,
    ),
    (
        160,
        "",
        "Queues formed at the petrol stations on the ring road before dawn; most had run out of diesel by seven.",
        False,
    ),
    (
        145,
        "All ferries cancelled",
        "The port authority cancelled every crossing for the day. The last boat from the "
        "islands came in at five with forty passengers on board.",
        True,
    ),
    (
        130,
        "",
        "Schools in the three coastal districts are closed. The education office says they will reopen on "
        "Wednesday at the earliest.",
        False,
    ),
    (
        115,
        "",
        "Our correspondent on the harbour wall reports waves breaking over the promenade and the fish market "
        "shuttered.\n\nCouncil workers are laying sandbags along the river mouth.",
        False,
    ),
    (
        100,
        "Storm makes landfall",
        "The centre of the storm crossed the coast just south of the old lighthouse at "
        "9:40, with a gust of 138 km/h measured at the airport.",
        True,
    ),
    (
        85,
        "",
        "About 12,000 homes are without power, the grid operator says. Crews are waiting for the wind to drop "
        "below 90 km/h before they climb.",
        False,
    ),
    (
        70,
        "",
        "Readers have sent us photographs of a roof torn from a warehouse in the docks. Nobody was inside.",
        False,
    ),
    (
        55,
        "River expected to peak this evening",
        "Hydrologists expect the river to peak at about 4.2 metres at the "
        "old bridge around eight tonight, half a metre below the flood walls.",
        True,
    ),
    (40, "", "The mayor has opened two sports halls as shelters. Both take pets.", False),
    (
        25,
        "",
        "Trains between the coast and the capital are running at reduced speed; two in three are cancelled.",
        False,
    ),
    (
        10,
        "Wind easing on the coast",
        "Gusts at the airport have fallen under 100 km/h for the first time since "
        "dawn. Inland districts should expect the strongest winds in the next two hours.",
        True,
    ),
]


def build_demo_live_page(articles=()):
    from masthead.live.models import LiveEntry, LivePage, paragraphs_body
    from masthead.newsroom.models import ArticleAuthor, Author, SectionPage

    section = SectionPage.objects.filter(slug="news").first() or SectionPage.objects.first()
    if section is None or LivePage.objects.filter(slug=SLUG).exists():
        return None
    authors = list(Author.objects.order_by("pk")[:2])
    hero = next((article.hero_image for article in articles if article.hero_image_id), None)
    page = LivePage(title=TITLE, slug=SLUG, standfirst=STANDFIRST, body=[("paragraph", BACKGROUND)], hero_image=hero)
    for order, author in enumerate(authors):
        page.article_authors.add(ArticleAuthor(author=author, sort_order=order))
    section.add_child(instance=page)
    page.save_revision().publish()
    now = timezone.now()
    started = now - timedelta(minutes=190)
    LivePage.objects.filter(pk=page.pk).update(first_published_at=started, last_published_at=started)
    for number, (minutes, headline, text, key_event) in enumerate(ENTRIES):
        entry = LiveEntry.objects.create(
            page=page,
            posted_at=now - timedelta(minutes=minutes),
            headline=headline,
            body=paragraphs_body(text),
            is_key_event=key_event,
        )
        entry.authors.set(authors[number % len(authors) : number % len(authors) + 1] if authors else [])
    return page


def from_the_demo_loader(sender):
    """Only the demo newsroom itself (other apps' tests send ``demo_loaded`` for their own small newsrooms)."""
    from masthead.newsroom.demo.load import load_demo

    return sender is load_demo


@receiver(demo_loaded, dispatch_uid="live-demo")
def add_demo_live_page(sender=None, articles=(), **kwargs):
    if not from_the_demo_loader(sender):
        return None
    with transaction.atomic():
        return build_demo_live_page(articles)
